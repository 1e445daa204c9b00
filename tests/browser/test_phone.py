"""The console on a phone (375 × 812, touch): the menu in a drawer, lists as cards, and the
day's work — approve, 销假, 分办, 催办, 办结 — done by tapping, never scrolling sideways."""

from datetime import timedelta

import pytest

from tests.browser.conftest import shot, sign_in
from tests.browser.test_console import office, office_morning

WIDTH = 375


@pytest.fixture
def phone(browser, system):
    """``phone()``: a new tab as a phone shows it, each closed at the end."""
    contexts = []

    def open_tab():
        context = browser.new_context(
            base_url=system.url, locale="zh-CN", timezone_id="Asia/Shanghai",
            viewport={"width": WIDTH, "height": 812}, device_scale_factor=2,
            is_mobile=True, has_touch=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page
    yield open_tab
    for context in contexts:
        context.close()


def fits(page):
    """Nothing on the page is wider than the screen: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide on a {WIDTH} px screen"


def go(page, item):
    """Opens the menu drawer by its button, taps ``item``; the drawer closes on the way."""
    page.locator("button[aria-label=菜单]").tap()
    drawer = page.locator(".menu-drawer")
    drawer.locator(".el-menu-item", has_text=item).tap()
    drawer.wait_for(state="hidden")


def test_a_head_approves_a_notice_from_a_card_and_its_author_returns_by_tap(
        api, system, phone, tmp_path):
    o = office(api)
    morning = office_morning()
    o.set_now(morning)
    notice = o.notice(o.a, morning + timedelta(minutes=5), hours=2, reason="到省政府开会")
    assert notice["status"] == "pending"

    head = phone()
    sign_in(head, o.head["username"])
    assert head.locator(".el-aside").count() == 0  # the desk's menu gives way to the drawer
    go(head, "离岗告示")
    head.locator(".waiting .work-card", has_text="张明").wait_for()  # waiting for the head
    fits(head)
    go(head, "我的待办")
    card = head.locator(".todo .work-card", has_text="到省政府开会")
    card.locator("a.todo-link[data-kind=approve_absence]").wait_for()
    assert head.locator(".todo table").count() == 0  # cards, not a table
    fits(head)
    shot(head, tmp_path, "phone", readme=True)
    card.locator("a.todo-link").tap()
    head.wait_for_selector("[data-status=pending]")
    fits(head)
    approve = head.locator("button:has-text('批准')")
    assert approve.bounding_box()["height"] >= 44  # a fingertip, not a cursor
    approve.tap()
    head.wait_for_selector("[data-status=approved]")

    o.set_now(morning + timedelta(minutes=6))  # the notice has started
    author = phone()
    sign_in(author, o.a["username"])
    go(author, "离岗告示")
    mine = author.locator(".mine .work-card", has_text="到省政府开会")
    mine.locator("[data-status=approved]").wait_for()
    fits(author)
    mine.locator("a", has_text="到省政府开会").tap()
    author.locator("button:has-text('销假')").tap()
    author.wait_for_selector("[data-status=returned]")
    fits(author)


def test_a_head_assigns_and_urges_a_document_and_its_assignee_completes_it_by_tap(
        api, system, phone, tmp_path):
    o = office(api)
    morning = office_morning()
    o.set_now(morning)
    document = o.document(morning, title="关于某中心编制核定的函", from_unit="省某厅", kind="函")

    head = phone()
    sign_in(head, o.head["username"])
    head.locator(".todo .work-card a.todo-link[data-kind=assign_document]",
                 has_text=document["title"]).tap()
    assignment = head.locator(".form-card", has_text="分办")
    assignment.locator(".el-select").tap()
    head.locator(".el-select-dropdown__item:visible", has_text="张明").tap()
    fits(head)
    assignment.locator("button:has-text('分办')").tap()
    head.wait_for_selector("[data-status=assigned]")
    head.fill("input[name=urge_note]", "请于今天下班前办结")
    head.locator("[data-test=urges] button:has-text('催办')").tap()
    head.locator("[data-test=urges] li", has_text="请于今天下班前办结").wait_for()
    fits(head)

    clerk = phone()
    sign_in(clerk, o.a["username"])
    clerk.locator(".todo .work-card a.todo-link[data-kind=urge]").wait_for()  # urged
    go(clerk, "办文限时")
    card = clerk.locator(".documents .work-card", has_text=document["title"])
    card.locator("[data-status=assigned]").wait_for()
    fits(clerk)
    card.locator("a", has_text=document["title"]).tap()
    clerk.fill("textarea[name=result]", "已函复省某厅")
    complete = clerk.locator(".form-card button:has-text('办结')")
    assert complete.bounding_box()["width"] >= WIDTH - 80  # the width of the screen
    complete.tap()
    clerk.wait_for_selector("[data-status=completed]")
    fits(clerk)


@pytest.mark.parametrize("who", ["head", "admin"])
def test_no_page_of_the_menu_is_wider_than_a_phone(api, system, phone, who):
    o = office(api)
    o.set_now(office_morning())
    o.document(office_morning(), o.a, title="关于某中心编制核定的函", from_unit="省某厅")
    page = phone()
    if who == "admin":
        sign_in(page, "admin", "admin")
    else:
        sign_in(page, o.head["username"])
    page.locator("button[aria-label=菜单]").tap()
    items = page.locator(".menu-drawer .el-menu-item").all_inner_texts()
    page.keyboard.press("Escape")
    page.locator(".menu-drawer").wait_for(state="hidden")
    assert len(items) > 5
    for item in items:
        go(page, item.strip())
        page.locator(".page h2").first.wait_for()
        page.wait_for_timeout(800)  # the page's lists in (a driver's wait: see conftest)
        fits(page)
