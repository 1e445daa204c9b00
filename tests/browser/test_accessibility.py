"""The public pages — the lobby board, the post cards, the guide, the complaint form and its
look-up, the sign-in page — as GB/T 37668 asks of a public-service site: axe-core finds
nothing serious or critical on them, every control is reached with the Tab key, and the
board can be read across the lobby."""

from datetime import timedelta

import pytest

from chassis.config import CONSOLE_DIR
from tests.api import PASSWORD, V1
from tests.browser.test_console import office, office_morning
from tests.helpers import wait_until

AXE = CONSOLE_DIR.parent / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
# What a keyboard user must be able to reach (a radio group is one stop: its checked radio).
CONTROLS = ("a[href], button, textarea, select, input:not([type=hidden]):not([type=radio]), "
            "input[type=radio]:checked")
PAGES = {  # each public page, and what shows once its data has arrived
    "/board": "tr.away", "/signage": ".card", "/guide": ".matter",
    "/complaint": "textarea[name=description]", "/login": "input[name=username]",
}


@pytest.fixture(scope="module")
def lobby(api):
    """Something on every page: a post (its card), an absence under way (the board), a
    matter (the guide) and a complaint to look up."""
    o = office(api)
    morning = office_morning()
    o.set_now(morning)
    o.away(o.a, morning + timedelta(minutes=5), reason="到省政府开会")
    o.set_now(morning + timedelta(minutes=6))
    wait_until(lambda: api.ok("GET", f"{V1}/public/notice-board")["items"], timeout=20,
               message="the absence on the board")
    api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "机构编制事项审核", "basis": "《机构编制管理条例》", "time_limit_days": 20,
        "procedure": "受理、审核、报批、答复", "division_id": o.division["id"],
        "materials": [{"code": "A", "name": "请示文件", "required": True},
                      {"code": "B", "name": "人员情况表", "required": False}]})
    o.complaint = api.ok("POST", f"{V1}/public/complaints", json={
        "category": "attitude", "description": "二号窗口的工作人员态度生硬"})
    return o


def serious_findings(page):
    """axe-core's serious and critical violations on the page as it stands, one line each."""
    # Playwright injects the file's text as an inline script; the console's CSP (script-src
    # 'self') would refuse that, so the script is served from the page's own origin.
    page.route("**/__axe.min.js", lambda route: route.fulfill(
        path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url="/__axe.min.js")
    results = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [f"{v['id']} ({v['impact']}) {' '.join(node['target'])}: {node['html'][:100]} — "
            + node["failureSummary"].replace("\n", " ")
            for v in results["violations"] if v["impact"] in SERIOUS for node in v["nodes"]]


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_has_no_serious_accessibility_finding(lobby, tab, path):
    tab.goto(path)
    tab.wait_for_selector(PAGES[path])
    findings = serious_findings(tab)
    assert not findings, "\n".join(findings)


def test_the_complaint_look_up_and_its_answer_have_no_serious_finding(lobby, tab):
    tab.goto("/complaint")
    tab.fill("input[name=lookup-id]", lobby.complaint["id"])
    tab.fill("input[name=lookup-token]", lobby.complaint["token"])
    tab.click("button:has-text('查询')")
    tab.wait_for_selector(".complaint-status")
    findings = serious_findings(tab)
    assert not findings, "\n".join(findings)


def test_the_complaint_categories_opened_have_no_serious_finding(lobby, tab):
    tab.goto("/complaint")
    tab.locator(".el-select").first.click()
    tab.locator(".el-select-dropdown__item:visible", has_text="态度").wait_for()
    findings = serious_findings(tab)
    assert not findings, "\n".join(findings)


def reached_by_tab(page):
    """Which controls of the page Tab stops at, from the top (each marked by its index)."""
    count = page.evaluate("""(selector) => {
        const shown = [...document.querySelectorAll(selector)]
            .filter((el) => el.checkVisibility({ visibilityProperty: true }))
        shown.forEach((el, i) => { el.dataset.stop = i })
        return shown.length }""", CONTROLS)
    reached = set()
    for _ in range(count * 2 + 5):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.dataset.stop ?? null"))
    return count, {int(stop) for stop in reached if stop is not None}


@pytest.mark.parametrize("path", ["/complaint", "/login", "/signage", "/guide"])
def test_every_control_of_a_public_page_is_reached_with_the_tab_key(lobby, tab, path):
    tab.goto(path)
    tab.wait_for_selector(PAGES[path])
    count, reached = reached_by_tab(tab)
    missed = tab.evaluate("""(reached) => [...document.querySelectorAll('[data-stop]')]
        .filter((el) => !reached.includes(Number(el.dataset.stop)))
        .map((el) => el.outerHTML.slice(0, 120))""", sorted(reached))
    assert count and missed == []


def test_someone_signs_in_with_the_keyboard_alone(lobby, tab):
    tab.goto("/login")
    tab.wait_for_selector("input[name=username]")
    tab.keyboard.press("Tab")  # the first stop is the user name
    tab.keyboard.type(lobby.a["username"])
    tab.keyboard.press("Tab")
    tab.keyboard.type(PASSWORD)
    tab.keyboard.press("Enter")
    tab.wait_for_selector("h2:has-text('我的待办')")


def test_the_board_reads_across_the_lobby(lobby, browser, system):
    """On a 1080p screen every word of the board is at least 28 px high (about 1 cm on a
    50-inch screen: legible from some 5 m), the names larger."""
    context = browser.new_context(base_url=system.url, locale="zh-CN",
                                  viewport={"width": 1920, "height": 1080})
    board = context.new_page()
    try:
        board.goto("/board")
        board.wait_for_selector("tr.away")
        sizes = board.evaluate("""() => [...document.querySelectorAll('.board *')]
            .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
            .map((el) => [el.textContent.trim().slice(0, 20),
                          parseFloat(getComputedStyle(el).fontSize)])""")
        small = [(text, size) for text, size in sizes if size < 28]
        assert sizes and small == []
        name = board.locator("tr.away td.name").first
        assert float(name.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 40
    finally:
        context.close()
