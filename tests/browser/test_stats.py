"""统计分析 in a real Chromium: a leader reads the charts and their numbers over known facts
made through the API and narrows them to one division; a head asking through a link for a
division not theirs reads the refusal."""

from datetime import datetime

import pytest

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.browser.conftest import shot, sign_in
from tests.helpers import wait_until

CHARTS = ("documents-monthly", "documents-divisions", "absences", "complaints", "violations",
          "cases")


def named(api, o, name):
    api.ok("PUT", f"{V1}/divisions/{o.division['id']}", o.admin, {"name": name})
    return o


def the_facts(api):
    """Today in two divisions: 综合处 two documents (one done on time), a complaint of 吃拿卡要
    and a duty failure; 编制处 one document."""
    today = datetime.now(OFFICE_TZ).replace(hour=10, minute=0, second=0, microsecond=0)
    o = named(api, Office.on(api, today, a="张明"), "综合处")
    o.other = named(api, Office(api, o.admin, c="王五"), "编制处")
    due = api.ok("GET", f"{V1}/calendar/working-days?from={today.date()}&n=2",
                 o.a["token"])["date"]
    done = o.document(today, o.a, due_date=due, title="关于某局内设机构调整的请示")
    o.document(today, o.a, due_date=due, title="关于某中心编制核定的函")
    o.other.document(today, o.other.c, due_date=due)
    api.ok("POST", f"{V1}/documents/{done['id']}/complete", o.a["token"], {"result": "已函复"})
    api.ok("POST", f"{V1}/public/complaints", json={
        "category": "graft", "description": "窗口人员索要好处", "division_id": o.division["id"]})
    wait_until(lambda: api.request("GET", f"{V1}/appraisals/{o.a['id']}?year={today.year}",
                                   o.leader["token"]).status_code == 200,
               timeout=20, message="accountability knows 张明")
    api.ok("POST", f"{V1}/violations", o.head["token"], {
        "staff_id": o.a["id"], "nature": "non_performance", "occurred_at": today.isoformat(),
        "description": "未按要求报送材料"})
    wait_until(lambda: counted(api, o) == ({"assigned": 2, "completed_on_time": 1,
                                            "completed_late": 0, "overdue_open": 0}, 1, 1),
               timeout=20, message="the statistics count the facts")
    return today, o


def counted(api, o):
    found = api.ok("GET", f"{V1}/stats/overview?division_id={o.division['id']}",
                   o.leader["token"])
    return (found["documents"], found["complaints"]["by_category"].get("graft"),
            found["violations"]["by_kind"].get("duty_failure"))


def rows(page, chart):
    """The table beside ``chart``: each row's cells' text."""
    return page.locator(f"[data-test={chart}] tbody tr").evaluate_all(
        "trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText.trim()))")


def leader_tab(browser, system, facts, **options):
    today, o = facts
    page = browser.new_context(base_url=system.url, locale="zh-CN", timezone_id="Asia/Shanghai",
                               **options).new_page()
    page.clock.install(time=today)
    sign_in(page, o.leader["username"])
    return page


@pytest.fixture(scope="module")
def facts(api):
    return the_facts(api)


def drawn(page):
    """Every chart drawn: ECharts put its canvas inside the chart's named picture."""
    for chart in CHARTS:
        page.wait_for_selector(f"[data-test={chart}] [role=img][aria-label] canvas")


def test_a_leader_reads_the_charts_and_their_numbers_and_narrows_them_to_a_division(
        facts, tab, tmp_path):
    today, o = facts
    refused = []  # a chart the policy blocked would say so on the console
    tab.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    asked = []
    tab.on("request", lambda r: "/stats/overview" in r.url and asked.append(r.url))
    tab.clock.install(time=today)
    sign_in(tab, o.leader["username"])
    tab.click(".el-menu-item:has-text('统计分析')")
    drawn(tab)
    assert ["综合处", "2", "1", "0", "0"] in rows(tab, "documents-divisions")
    assert ["编制处", "1", "0", "0", "0"] in rows(tab, "documents-divisions")
    assert [today.strftime("%Y-%m"), "3", "1", "0", "0"] in rows(tab, "documents-monthly")

    tab.click("[data-test=division]")
    tab.locator(".el-select-dropdown__item:visible", has_text="综合处").click()
    # the page of the division alone (no wait_for_function: the policy forbids its eval)
    tab.wait_for_selector("[data-test=documents-divisions] tbody tr:only-child")
    assert rows(tab, "documents-divisions") == [["综合处", "2", "1", "0", "0"]]
    assert ["吃拿卡要", "1"] in rows(tab, "complaints")
    assert ["未履行岗位职责", "1"] in rows(tab, "violations")
    assert f"from={today.year}-01-01" in tab.url  # the link reproduces the view
    assert f"division_id={o.division['id']}" in tab.url
    assert len(asked) == 2, asked  # one view, one question each
    drawn(tab)
    assert not refused
    shot(tab, tmp_path, "stats", readme=True)


def test_on_a_phone_each_table_comes_below_its_chart(browser, system, facts, tmp_path):
    page = leader_tab(browser, system, facts, viewport={"width": 375, "height": 812},
                      is_mobile=True, has_touch=True)
    page.goto("/stats")
    drawn(page)
    for chart in CHARTS:
        picture = page.locator(f"[data-test={chart}] [role=img]").bounding_box()
        numbers = page.locator(f"[data-test={chart}] .work-table").bounding_box()
        assert numbers["y"] >= picture["y"] + picture["height"], chart
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator("input[aria-label=开始日期]").tap()  # a day's picker: the range's is too wide
    page.wait_for_selector(".el-picker-panel:visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, tmp_path, "stats_phone")
    page.context.close()


def test_a_head_asking_through_a_link_for_another_division_reads_the_refusal(
        browser, system, facts):
    today, o = facts
    head = browser.new_context(base_url=system.url, locale="zh-CN",
                               timezone_id="Asia/Shanghai").new_page()
    sign_in(head, o.other.head["username"])
    head.goto(f"/stats?division_id={o.division['id']}")
    refusal = head.locator(".el-alert--error")
    refusal.wait_for()
    assert "not_your_division" in refusal.inner_text()
    assert head.locator("[data-test=documents-monthly]").count() == 0
    head.context.close()
