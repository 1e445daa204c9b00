"""A day at the office, clicked through the console in a real Chromium."""

import re
from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.browser.conftest import shot, sign_in
from tests.helpers import wait_until


def office(api):
    o = Office(api, a="张明", b="李华")
    o.new_post(o.a, [o.b], "机构编制审核岗")
    return o


def another_tab(browser, system, moment=None):
    page = browser.new_context(base_url=system.url, locale="zh-CN",
                               timezone_id="Asia/Shanghai").new_page()
    if moment is not None:
        page.clock.install(time=moment)
    return page


def office_morning():
    """Today at 10:00 in the office: a notice's default window then stays within the day,
    whatever hour the suite runs."""
    return datetime.now(OFFICE_TZ).replace(hour=10, minute=0, second=0, microsecond=0)


def test_a_notice_is_approved_shown_on_the_board_and_cleared_on_return(
        api, system, browser, tab, tmp_path):
    """The lobby board changes by itself (no reload) when the absence starts and ends."""
    o = office(api)
    head, a = o.head, o.a
    morning = office_morning()
    o.set_now(morning)  # the services' clock and the pages' run from the same moment
    tab.clock.install(time=morning)
    board = another_tab(browser, system, morning)
    board.goto("/board")
    board.wait_for_selector("h1:has-text('离岗告示')")

    sign_in(tab, a["username"])
    tab.goto("/absences")
    tab.fill("input[name=reason]", "到省政府开会")
    tab.fill("input[name=contact]", "138-0000-1111")
    tab.locator(".form-card", has_text="填写离岗告示").locator("button:has-text('提交')").click()
    tab.wait_for_selector("[data-status=pending]")  # the notice's own page

    approver = another_tab(browser, system, morning)
    sign_in(approver, head["username"])
    approver.click("a.todo-link[data-kind=approve_absence]")
    approver.click("button:has-text('批准')")
    approver.wait_for_selector("[data-status=approved]")
    shot(approver, tmp_path, "approved")

    o.set_now(morning + timedelta(minutes=6))  # the notice starts
    row = board.locator("tr.away", has_text="张明")
    row.wait_for(timeout=12000)  # no reload: the board refreshes itself
    assert "到省政府开会" in row.inner_text()
    board.locator("td.cover", has_text="李华").wait_for(timeout=8000)
    shot(board, tmp_path, "board", readme=True)

    tab.reload()
    tab.click("button:has-text('销假')")
    tab.wait_for_selector("[data-status=returned]")
    board.wait_for_selector("text=目前全体工作人员均在岗", timeout=6000)
    approver.goto("/")
    approver.wait_for_selector("a.todo-link[data-kind=return_report]")


def test_someone_away_reports_back_from_the_top_of_their_to_do(api, system, tab, tmp_path):
    """七.5 到岗后立即报告: the absence under way comes first on 我的待办, with its 销假."""
    o = office(api)
    morning = office_morning()
    o.set_now(morning)
    notice = o.away(o.a, morning + timedelta(minutes=5), reason="到省政府开会")
    o.set_now(morning + timedelta(minutes=6))
    wait_until(lambda: api.ok("GET", f"{V1}/leave-notices?staff_id={o.a['id']}&away=true",
                              o.a["token"])["items"], timeout=20, message="the notice started")

    sign_in(tab, o.a["username"])
    away = tab.locator(f".my-absence [data-absence='{notice['id']}']", has_text="到省政府开会")
    away.wait_for()
    shot(tab, tmp_path, "my-absence")
    away.locator("button:has-text('销假')").click()
    tab.locator(".my-absence").wait_for(state="detached")  # back: nothing left to report
    assert api.ok("GET", f"{V1}/leave-notices/{notice['id']}",
                  o.a["token"])["status"] == "returned"


def test_documents_show_their_signals_and_are_assigned_and_completed(
        api, system, browser, tab, tmp_path):
    o = office(api)
    head, a = o.head, o.a
    today = datetime.now(OFFICE_TZ)
    o.set_now(today)
    due = api.ok("GET", f"{V1}/calendar/working-days?from={today.date()}&n=1",
                 a["token"])["date"]
    o.document(today, a, due_date=due, title="关于某局内设机构调整的请示", from_unit="省某局")
    fresh = o.document(today, title="关于某中心编制核定的函", from_unit="省某厅", kind="函")

    sign_in(tab, head["username"])
    tab.click(f"a.todo-link[data-kind=assign_document]:has-text('{fresh['title']}')")
    card = tab.locator(".form-card", has_text="分办")
    card.locator(".el-select").click()
    tab.locator(".el-select-dropdown__item:visible", has_text="张明").click()
    card.locator("button:has-text('分办')").click()
    tab.wait_for_selector("[data-status=assigned]")

    o.set_now(datetime.combine(datetime.fromisoformat(due).date(), datetime.min.time(),
                               OFFICE_TZ) + timedelta(days=1, hours=9))
    clerk = another_tab(browser, system)
    sign_in(clerk, a["username"])
    signals = clerk.locator("table .el-tag[data-signal]")
    signals.first.wait_for()
    assert signals.first.get_attribute("data-signal") == "red"  # the overdue one first
    assert "关于某局内设机构调整的请示" in clerk.locator("a.todo-link").first.inner_text()
    shot(clerk, tmp_path, "todo", readme=True)
    clerk.click(f"a.todo-link:has-text('{fresh['title']}')")
    clerk.fill("textarea[name=result]", "已函复省某厅")
    clerk.click("button:has-text('办结')")
    clerk.wait_for_selector("[data-status=completed]")


def test_a_public_complaint_is_filed_and_its_reply_read_back(api, system, tab):
    leader = office(api).leader
    tab.goto("/complaint")
    tab.fill("textarea[name=description]", "二号窗口的工作人员让我第三次来补材料")
    tab.click("button:has-text('提交')")
    number = tab.locator(".complaint-id").inner_text()
    assert tab.locator(".complaint-token").inner_text()
    tab.click("button:has-text('查询')")  # the complaint's own words, not the registry's 已收文
    tab.wait_for_selector(".complaint-status:text-is('已受理')")
    api.ok("POST", f"{V1}/complaints/{number}/investigate", leader["token"])
    tab.click("button:has-text('查询')")
    tab.wait_for_selector(".complaint-status:text-is('核查中')")
    api.ok("POST", f"{V1}/complaints/{number}/conclude", leader["token"], {
        "finding": "unsubstantiated", "reply": "经核查，材料清单已一次性告知，投诉不属实"})
    tab.click("button:has-text('查询')")
    tab.wait_for_selector(".complaint-reply:has-text('投诉不属实')")
    assert tab.locator(".complaint-status").inner_text() == "不属实"


def test_the_signage_prints_one_card_per_post(api, system, tab, tmp_path):
    office(api)
    total = api.ok("GET", f"{V1}/public/signage")["total"]
    tab.goto("/signage")
    tab.wait_for_selector(".card")
    assert tab.locator(".card").count() == total
    shot(tab, tmp_path, "signage", readme=True)
    tab.emulate_media(media="print")
    pdf = tab.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == total


def test_an_acting_head_approves_from_their_to_do_and_decides_an_extension(
        api, system, tab, tmp_path):
    """五.3: while the head is away the B acting for the head's post sees the head's work in
    我的待办 and the head's buttons on it."""
    o = office(api)
    o.new_post(o.head, [o.b], "处长岗")
    morning = office_morning()
    o.set_now(morning)
    tab.clock.install(time=morning)
    days = {n: api.ok("GET", f"{V1}/calendar/working-days?from={morning.date()}&n={n}",
                      o.a["token"])["date"] for n in (5, 8)}
    document = o.document(morning, o.a, due_date=days[5], title="关于某所编制调整的请示")
    o.away(o.head, morning + timedelta(minutes=5), hours=5, reason="到省政府开会")
    o.set_now(morning + timedelta(minutes=6))
    wait_until(lambda: api.ok("GET", f"{V1}/me", o.b["token"])["heads"], timeout=20)
    api.ok("POST", f"{V1}/documents/{document['id']}/extensions", o.a["token"], {
        "new_due_date": days[8], "basis": "需征求财政厅意见", "opinion": "收到意见后三日内办结"},
        status=(201,))
    notice = o.notice(o.a, morning + timedelta(hours=1), reason="到财政厅会商")
    wait_until(lambda: api.ok("GET", f"{V1}/leave-notices/{notice['id']}",
                              o.a["token"])["approver_id"] == o.b["id"], timeout=20)

    sign_in(tab, o.b["username"])
    tab.wait_for_selector(".acting:has-text('代行处室负责人职责')")
    tab.click("a.todo-link[data-kind=approve_absence]")
    tab.click("button:has-text('批准')")
    tab.wait_for_selector("[data-status=approved]")
    tab.goto(f"/documents/{document['id']}")
    tab.locator(".extension button:has-text('批准')").click()
    tab.wait_for_selector(".extension [data-status=approved]")
    tab.wait_for_selector(f".due-date:has-text('{days[8]}')")
    shot(tab, tmp_path, "acting-head")


def test_the_bell_tells_a_head_of_a_notice_without_a_reload_and_a_leader_urges_it(
        api, system, browser, tab, tmp_path):
    o = office(api)
    o.set_now(office_morning())
    sign_in(tab, o.head["username"])
    bell = tab.locator("[data-test=bell]")
    assert bell.locator(".el-badge__content").is_hidden()  # nothing unread yet

    filed = wait_until(lambda: api.request("POST", f"{V1}/leave-notices", o.a["token"], {
        "start_at": (office_morning() + timedelta(hours=1)).isoformat(),
        "expected_return_at": (office_morning() + timedelta(hours=3)).isoformat(),
        "reason": "到省政府开会", "kind": "business", "contact": "0571-1"}).json(),
        message="the notice filed")
    bell.locator(".el-badge__content", has_text="1").wait_for(timeout=8000)  # no reload
    shot(tab, tmp_path, "bell", readme=True)
    bell.click()
    tab.locator("[data-test=notifications] a", has_text="张明").click()
    tab.wait_for_selector("[data-status=pending]")  # the notice's page
    assert f"/absences/notice/{filed['id']}" in tab.url

    leader = another_tab(browser, system)
    sign_in(leader, o.leader["username"])
    leader.goto(f"/absences/notice/{filed['id']}")
    leader.fill("input[name=urge_note]", "请尽快审批")
    leader.locator("[data-test=urges] button:has-text('催办')").click()
    leader.locator("[data-test=urges] li", has_text="请尽快审批").wait_for()

    tab.goto("/")
    tab.wait_for_selector("a.todo-link[data-kind=urge]")  # on the head's to-do
    tab.goto("/me")
    tab.fill("[data-test=notification-settings] input[name=webhook_url]",
             "https://example.com/robot")
    tab.locator("[data-test=notification-settings] button:has-text('保存')").click()
    tab.wait_for_selector("text=webhook_host_not_allowed")  # only the office's robots
