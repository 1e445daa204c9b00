"""Excel exports, without a system: records become rows (names for ids, Chinese labels for
codes, office time for moments), rows a workbook that reads back as written, and a list
too long for one is refused on its first page."""

import io
from datetime import datetime

import openpyxl
import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from chassis.errors import Invalid
from contracts.vocabulary import GRADES
from gateway import exports
from gateway.errors import GatewayError
from gateway.exports import Column, Directory, Sheet

DIRECTORY = Directory({"s-1": {"name": "张三", "division_id": "d-1"},
                       "s-2": {"name": "李四", "division_id": None}},
                      {"d-1": "政府机构编制处"})
VIOLATION = {"staff_id": "s-1", "kind": "late_return", "nature": "improper_performance",
             "status": "contested", "occurred_at": "2026-03-02T01:30:00+00:00",
             "details": {"minutes_late": 40}, "recorded_by": None,
             "explanation": "=HYPERLINK(\"http://example.com\")", "judged_at": None}


def read_back(sheet, table):
    return openpyxl.load_workbook(io.BytesIO(exports.workbook(sheet, table))).active


def test_a_violation_becomes_a_row_of_names_labels_and_office_time():
    [row] = exports.rows(exports.VIOLATIONS, [VIOLATION], DIRECTORY)
    assert row[:7] == ["张三", "政府机构编制处", "逾时归岗", "不正确履行职责", "已申辩",
                       datetime(2026, 3, 2, 9, 30), '{"minutes_late": 40}']
    assert row[7] is None and row[-1] is None  # nobody recorded it; not judged yet


def test_counts_are_read_inside_objects_and_absent_ones_are_zero():
    counts = Sheet("年度考核", "appraisals", (
        Column("公文超时办结", "documents.late", "number"),
        Column("超时办理", "violations_by_kind.overdue", "number"),
        Column("等次", "duty_report.grade", "label", GRADES)))
    record = {"documents": {"late": 3}, "violations_by_kind": {}, "duty_report": None}
    assert exports.rows(counts, [record]) == [[3, 0, None]]


def test_a_person_without_a_division_or_unknown_to_posts_still_has_a_row():
    sheet = Sheet("审计记录", "audit", exports.PERSON)
    assert exports.rows(sheet, [{"staff_id": "s-2"}, {"staff_id": "gone"}], DIRECTORY) == [
        ["李四", None], ["gone", None]]


def test_the_workbook_reads_back_with_a_frozen_chinese_header_and_real_datetimes():
    table = exports.rows(exports.VIOLATIONS, [VIOLATION, VIOLATION], DIRECTORY)
    page = read_back(exports.VIOLATIONS, table)
    assert page.title == "违规记录"
    assert [c.value for c in page[1]] == [c.header for c in exports.VIOLATIONS.columns]
    assert page.freeze_panes == "A2" and page.auto_filter.ref == "A1:L3"
    moment = page.cell(2, 6)
    assert moment.is_date and moment.value == datetime(2026, 3, 2, 9, 30)
    assert "yyyy-mm-dd hh:mm" in moment.number_format
    assert page.max_row == 3


def test_a_text_that_looks_like_a_formula_stays_text():
    page = read_back(exports.VIOLATIONS, exports.rows(exports.VIOLATIONS, [VIOLATION], DIRECTORY))
    explanation = page.cell(2, 9)
    assert explanation.value == VIOLATION["explanation"] and explanation.data_type == "s"


def test_columns_are_as_wide_as_their_text_chinese_counting_double():
    sheet = Sheet("审计记录", "audit", (Column("路径", "path"), Column("姓名", "name")))
    page = read_back(sheet, [["/api/v1/leave-notices/1234567890/approve", "欧阳某某某某某某某"]])
    wide, chinese = (page.column_dimensions[c].width for c in "AB")
    assert wide > 40 and chinese > 18
    assert read_back(sheet, [["x" * 500, "y"]]).column_dimensions["A"].width < 70


def test_the_file_is_named_in_chinese_with_an_ascii_fallback():
    named = exports.disposition(exports.COMMITMENTS, {"half": "2026H1"})
    assert named == ('attachment; filename="commitments-2026H1.xlsx"; '
                     "filename*=UTF-8''%E6%9C%8D%E5%8A%A1%E6%89%BF%E8%AF%BA%E6%A3%80%E6%9F%A5"
                     "-2026H1.xlsx")
    assert exports.disposition(exports.VIOLATIONS, {}).startswith(
        'attachment; filename="violations.xlsx"; filename*=UTF-8\'\'%E8%BF%9D')


def test_a_period_cannot_put_anything_else_into_the_header():
    named = exports.disposition(exports.APPRAISALS, {"year": '2026"\r\nSet-Cookie: a=b'})
    assert "\r" not in named and "\n" not in named and named.count('"') == 2
    assert 'filename="appraisals-2026Set-Cookieab.xlsx"' in named


def request(query="", accept=None):
    headers = {"Accept": accept} if accept else {}
    return Request(EnvironBuilder(path="/api/v1/violations", query_string=query,
                                  headers=headers).get_environ())


def test_a_workbook_is_asked_for_by_format_or_by_accept():
    assert exports.wants_workbook(request("format=xlsx"))
    assert exports.wants_workbook(request(accept=exports.XLSX))
    assert not exports.wants_workbook(request())
    assert not exports.wants_workbook(request(accept="application/json, */*"))
    assert not exports.wants_workbook(request("format=json", accept=exports.XLSX))


def test_an_unknown_format_is_refused():
    with pytest.raises(Invalid) as refused:
        exports.wants_workbook(request("format=csv"))
    assert refused.value.details == {"fields": {"format": ["json or xlsx"]}}


class Pages:
    """A paged list of ``total`` numbered records, newest first, counting the pages read;
    ``written`` records are added at its head as the page reads go on (one a read)."""

    def __init__(self, total, written=0):
        self.records = [{"id": n} for n in range(total)]
        self.asked, self.written = [], written

    def __call__(self, query):
        self.asked.append(query)
        start = query["offset"]
        found = self.records[start:start + query["limit"]]
        answer = {"items": found, "total": len(self.records)}
        if self.written:
            self.written -= 1
            self.records.insert(0, {"id": f"new-{self.written}"})
        return answer


def ids(records):
    return [record["id"] for record in records]


def test_every_record_of_a_list_is_read_page_by_page_with_its_filters():
    pages = Pages(1201)
    assert ids(exports.every_record(pages, {"status": "recorded"}, most=5000)) == list(
        range(1201))
    assert [q["offset"] for q in pages.asked] == [0, 500, 1000]
    assert all(q["status"] == "recorded" and q["limit"] == 500 for q in pages.asked)


def test_a_list_longer_than_the_limit_is_refused_on_its_first_page():
    pages = Pages(50_001)
    with pytest.raises(GatewayError) as refused:
        exports.every_record(pages, {}, most=50_000)
    assert (refused.value.kind, refused.value.code) == ("invalid", "export_too_large")
    assert "narrow the period" in refused.value.message
    assert refused.value.details == {"rows": 50_001, "most": 50_000}
    assert len(pages.asked) == 1
    assert len(exports.every_record(Pages(50_000), {}, most=50_000)) == 50_000


def test_rows_written_while_a_list_is_read_neither_double_nor_push_out_another():
    pages = Pages(1201, written=2)  # two rows arrive at the head, after the 1st and 2nd read
    read = ids(exports.every_record(pages, {}, most=5000))
    assert sorted(n for n in read if isinstance(n, int)) == list(range(1201))
    assert len(read) == len(set(read))

