"""The letters and notices print as official documents (GB/T 9704-2012): on A4, the text
within the type area (top 37, bottom 35, left 28, right 26 mm), 三号 (16 pt) body lines on a
grid of 28.9 pt, a 二号 (22 pt) title in a 小标宋-like face, the page number under the type
area. Printed by Chromium as a reader would (the console's button, the link a party has),
and the PDF read back."""

import io
import unicodedata
from collections import Counter

from pypdf import PdfReader

from tests.api import V1
from tests.browser.conftest import sign_in
from tests.browser.test_console import office, office_morning

MM = 72 / 25.4  # PDF points in a millimetre
A4 = (210, 297)
FRAME = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # the margins, in mm
# The faces a Debian machine with fonts-noto-cjk resolves the fallbacks to, or those of an
# office PC (仿宋 for the body, 小标宋 or 华文中宋 for the title).
BODY_FACES = {"FangSong_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC"}
TITLE_FACES = {"FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "STZhongsong", "NotoSerifCJKsc-Bold"}


def glyph_runs(sheet):
    """Each piece of text on a PDF page: ``(x, baseline, size, text)`` in points."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, size * tm[0] * cm[0], text.strip()))
    sheet.extract_text(visitor_text=visit)
    return runs


def advance(text, size):
    """How wide a run is set: a full em for a Chinese character, at most .6 em for a digit or
    a Latin letter."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else .6 * size for c in text)


def margins(runs):
    """How far the text keeps from each edge of the sheet, in mm (ascent .88 em, descent
    .12 em: the faces' own)."""
    return {"left": min(x for x, *_ in runs) / MM,
            "right": A4[0] - max(x + advance(t, s) for x, _, s, t in runs) / MM,
            "top": A4[1] - max(y + .88 * s for _, y, s, _ in runs) / MM,
            "bottom": min(y - .12 * s for _, y, s, _ in runs) / MM}


def assert_official(page):
    """Prints ``page`` and checks every sheet of it."""
    page.emulate_media(media="print")
    sheets = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages
    for number, sheet in enumerate(sheets, 1):
        assert abs(float(sheet.mediabox.width) - A4[0] * MM) <= 1
        assert abs(float(sheet.mediabox.height) - A4[1] * MM) <= 1
        runs = glyph_runs(sheet)
        body = [r for r in runs if r[1] > FRAME["bottom"] * MM]
        folio = [r for r in runs if r[1] <= FRAME["bottom"] * MM]
        assert "".join(t for *_, t in folio) == f"—{number}—"  # under the type area
        kept = margins(body)
        assert all(kept[side] >= FRAME[side] - .5 for side in FRAME), kept
    first = glyph_runs(sheets[0])
    # the type area is used to its edges: the text starts at the left margin, and a full
    # (justified) line ends at the right one
    kept = margins([r for r in first if r[1] > FRAME["bottom"] * MM])
    assert kept["left"] < FRAME["left"] + .5 and kept["right"] < FRAME["right"] + 1.5, kept
    sizes = Counter(round(s, 1) for *_, s, _ in first)
    assert sizes.most_common(1)[0][0] == 16 and 22 in sizes  # 三号 body, 二号 title
    return first


def line_steps(runs):
    """The distances between one 16 pt line and the next, in points (Chromium sets each line
    on a whole pixel, ¾ pt: 28.9 pt lines are 28.5 or 29.25 pt apart, 28.9 on average)."""
    lines = sorted({round(y, 2) for _, y, s, _ in runs if round(s) == 16}, reverse=True)
    return [a - b for a, b in zip(lines, lines[1:], strict=False) if a - b < 1.5 * 28.9]


def faces(page, selector):
    """The fonts Chromium drew an element's text in (their family and PostScript names)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {name for font in fonts for name in (font["familyName"], font["postScriptName"])}


def assert_printed_as_official(page, title):
    """The faces drawn, then the sheet (assert_official) and its line grid."""
    page.wait_for_selector(f"h1:has-text('{title}')")
    assert BODY_FACES & faces(page, "p:not(.addressee)")
    assert TITLE_FACES & faces(page, "h1")
    steps = line_steps(assert_official(page))
    assert len(steps) >= 5 and all(abs(step - 28.9) < .75 for step in steps), steps
    assert abs(sum(steps) / len(steps) - 28.9) < .25, steps  # the line grid


def test_an_extension_letter_prints_as_an_official_document(api, system, tab):
    o = office(api)
    morning = office_morning()
    o.set_now(morning)
    days = {n: api.ok("GET", f"{V1}/calendar/working-days?from={morning.date()}&n={n}",
                      o.a["token"])["date"] for n in (5, 8)}
    document = o.document(morning, o.a, due_date=days[5], from_unit="省财政厅",
                          title="关于某局内设机构调整及人员编制核定有关事项的请示")
    extension = api.ok("POST", f"{V1}/documents/{document['id']}/extensions", o.a["token"], {
        "new_due_date": days[8], "basis": "该事项涉及编制核定，需征求省财政厅、省人力资源和"
        "社会保障厅意见，在规定时限内无法办结", "opinion": "收到意见后三个工作日内办结"},
        status=(201,))
    api.ok("POST", f"{V1}/documents/{document['id']}/extensions/{extension['id']}/approve",
           o.head["token"])

    sign_in(tab, o.a["username"])
    tab.goto(f"/documents/{document['id']}")
    tab.click("button:has-text('延期办理告知函')")  # opens the letter in a tab of its own
    for _ in range(100):
        if len(tab.context.pages) > 1:
            break
        tab.wait_for_timeout(100)
    letter = tab.context.pages[-1]
    assert_printed_as_official(letter, "延期办理告知函")


def test_a_one_time_notice_prints_as_an_official_document(api, system, tab):
    o = office(api)
    o.set_now(office_morning())
    matter = api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "事业单位机构编制事项审核", "basis": "《机构编制管理条例》第十五条",
        "time_limit_days": 20, "procedure": "受理、审核、报批、答复",
        "division_id": o.division["id"],
        "materials": [{"code": c, "name": n, "required": True} for c, n in (
            ("A", "请示文件"), ("B", "机构设置方案"), ("C", "人员情况表"), ("D", "职能说明"))]})
    application = api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": matter["id"], "applicant": "省某中心", "contact": "0571",
        "materials": [{"code": "C", "ok": False, "defect": "缺少单位负责人签字"},
                      {"code": "D", "ok": True}]})

    # the link a party is given: the notice as the gateway serves it, its headers and all
    tab.goto(f"{V1}/applications/{application['id']}/notice?token={application['token']}")
    assert_printed_as_official(tab, "一次性告知书")
