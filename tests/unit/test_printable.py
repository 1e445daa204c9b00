"""Every printable letter and notice escapes every value it shows: markup in a title, a
reason or a name (typed by a person, or sent by an outside system) prints as text."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from services.documents import letters
from services.inquiries import notice_html

MARKUP = '</title><meta http-equiv="refresh" content="0;url=http://evil"><b>x</b>'
WHEN = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
HANDLER = {"name": MARKUP, "phone": MARKUP}  # the 经办人


def shown(page):
    assert "<meta http-equiv" not in page and "<b>x</b>" not in page, page
    assert "&lt;/title&gt;&lt;meta http-equiv=&#34;refresh&#34;" in page
    return page


def document():
    return SimpleNamespace(title=MARKUP, from_unit=MARKUP, received_at=WHEN, assigned_at=WHEN,
                           returned_at=WHEN, return_reason=MARKUP)


def test_the_extension_letter_escapes_every_field():
    extension = SimpleNamespace(old_due_date=date(2026, 12, 10), new_due_date=date(2026, 12, 17),
                                basis=MARKUP, opinion=MARKUP, requested_at=WHEN, decided_at=WHEN)
    page = shown(letters.extension_letter(document(), extension, MARKUP))
    assert page.count("&lt;b&gt;x&lt;/b&gt;") == 6  # title ×2, unit, basis, opinion, office
    assert "2026年12月17日" in page


def test_the_return_letter_escapes_every_field():
    page = shown(letters.return_letter(document(), MARKUP))
    assert page.count("&lt;b&gt;x&lt;/b&gt;") == 5  # title ×2, unit, reason, office


@pytest.mark.parametrize("defect", [MARKUP, None])
def test_the_one_time_notice_escapes_every_field(defect):
    item = {"code": "M1", "name": MARKUP, "problem": "defective"}
    notice = SimpleNamespace(number=MARKUP, items=[{**item, **({"defect": defect} if defect
                                                               else {})}],
                             basis=MARKUP, time_limit_days=15, procedure=MARKUP, issued_at=WHEN)
    application = SimpleNamespace(applicant=MARKUP)
    matter = SimpleNamespace(name=MARKUP, version=2,
                             materials=[{"code": "M1", "name": MARKUP, "required": True}])
    page = shown(notice_html.render(notice, application, matter, HANDLER, MARKUP))
    assert page.count("&lt;b&gt;x&lt;/b&gt;") == (12 if defect else 11)  # number ×2,
    # applicant, matter, material ×2, defect, basis, procedure, handler, phone, office


def test_the_refusal_notice_escapes_every_field():
    application = SimpleNamespace(applicant=MARKUP, created_at=WHEN, decided_at=WHEN,
                                  refusal_reason=MARKUP)
    page = shown(notice_html.render_refusal(application, SimpleNamespace(name=MARKUP,
                                                                         basis=MARKUP),
                                            HANDLER, MARKUP))
    assert page.count("&lt;b&gt;x&lt;/b&gt;") == 7  # applicant, matter, reason, basis,
    # handler, phone, office


@pytest.mark.parametrize("page", [
    letters.return_letter(document(), "某省机构编制委员会办公室"),
    notice_html.render_refusal(SimpleNamespace(applicant="省某中心", created_at=WHEN,
                                               decided_at=WHEN, refusal_reason="不属于本机关职权"),
                               SimpleNamespace(name="编制核准", basis="《条例》"),
                               {"name": "张明", "phone": ""}, "某省机构编制委员会办公室")])
def test_every_letter_is_laid_out_as_an_official_document(page):
    """GB/T 9704-2012: A4 with margins of 37 (top), 26 (right), 35 (bottom) and 28 mm (left);
    三号 仿宋 on a 28.9 pt grid, a 二号 小标宋 title, named as an office PC, macOS and Debian
    (fonts-noto-cjk) have them. tests/browser/test_print.py prints them and measures."""
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in page
    assert "font-size: 16pt; line-height: 28.9pt;" in page and "font-size: 22pt;" in page
    for face in ("仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "SimSun",
                 "方正小标宋简体", "STZhongsong", "NotoSerifCJKsc-Bold"):
        assert f'"{face}"' in page
    assert '<p class="addressee">' in page  # 主送机关: flush left, the body indented two
