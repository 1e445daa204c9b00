"""Excel exports (导出): a list as a workbook, for ``?format=xlsx`` or an ``Accept`` of the
xlsx type — one sheet, a Chinese header row, one row a record, times as Excel datetimes in
the office's zone. A sheet is data (its title and columns) and one writer serves them all.
The records are read through the list route's own handler, page by page, so a workbook
holds what the JSON list shows the caller — the same roles, checks and filters — only all
of it; one longer than ``XIAONENG_EXPORT_MAX_ROWS`` is refused before it is read whole."""

import dataclasses
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

import xlsxwriter
from werkzeug.wrappers import Response

from chassis.clock import OFFICE_TZ
from chassis.errors import validation_error
from contracts.vocabulary import (
    APPRAISAL_FIGURES,
    COMMITMENT_FIGURES,
    DUTY_REPORT_STATUSES,
    GRADES,
    NATURES,
    ROLES,
    VIOLATION_KINDS,
    VIOLATION_STATUSES,
)
from gateway.errors import GatewayError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = 500  # the most a service's list answers at once (contracts.fields.PageArgs)


@dataclass(frozen=True)
class Column:
    """A column: its header, the record's field (dotted into objects: ``documents.late``)
    and its kind — ``text``, ``number`` (a count: 0 when absent), ``datetime`` (ISO with
    offset), ``label`` (a code, written in its Chinese ``labels``), ``person`` (a staff id,
    written as the name) or ``division`` (a staff id, written as their division's name)."""

    header: str
    field: str
    kind: str = "text"
    labels: Mapping[str, str] | None = None


@dataclass(frozen=True, eq=False)  # one of a kind: a route (hashed) holds it
class Sheet:
    title: str  # the sheet's name, and the file's: 违规记录.xlsx
    ascii_name: str  # the file's name for a client that cannot read the Chinese one
    columns: tuple[Column, ...]
    paged: bool = True  # its list takes limit and offset
    key: str = "id"  # what tells its records apart
    period: str | None = None  # the query parameter that goes into the file's name

    @property
    def names_people(self):
        return any(c.kind in ("person", "division") for c in self.columns)


PERSON = (Column("姓名", "staff_id", "person"), Column("处室", "staff_id", "division"))

VIOLATIONS = Sheet("违规记录", "violations", (
    *PERSON, Column("类别", "kind", "label", VIOLATION_KINDS),
    Column("性质", "nature", "label", NATURES),
    Column("状态", "status", "label", VIOLATION_STATUSES),
    Column("时间", "occurred_at", "datetime"), Column("依据", "details"),
    Column("记录人", "recorded_by", "person"), Column("情况说明", "explanation"),
    Column("审查意见", "judgement"), Column("审查人", "judged_by", "person"),
    Column("审查时间", "judged_at", "datetime")))

AUDIT = Sheet("审计记录", "audit", (
    Column("时间", "at", "datetime"), Column("操作人", "actor_id", "person"),
    Column("角色", "role", "label", ROLES), Column("用户名", "username"),
    Column("方法", "method"), Column("路径", "path"), Column("状态码", "status", "number"),
    Column("关联号", "correlation_id"), Column("客户端地址", "client")))


def figure(field, kind="number", labels=None):
    """A column of an appraisal, headed as the vocabulary names what it counts."""
    return Column(APPRAISAL_FIGURES[field], field, kind, labels)


APPRAISALS = Sheet("年度考核", "appraisals", (
    *PERSON, Column("年度", "year", "number"), figure("violations"),
    *(Column(label, f"violations_by_kind.{kind}", "number")
      for kind, label in VIOLATION_KINDS.items()),
    *map(figure, ("cases_opened", "documents.on_time", "documents.late",
                  "applications.on_time", "applications.late", "inquiries_closed",
                  "covers_served")),
    figure("duty_report.status", "label", DUTY_REPORT_STATUSES),
    figure("duty_report.grade", "label", GRADES)), period="year", key="staff_id")

COMMITMENTS = Sheet("服务承诺检查", "commitments", (
    *PERSON, *(Column(label, field, "number") for field, label in COMMITMENT_FIGURES.items())),
    paged=False, period="half")


class Directory:
    """Names for the ids a sheet holds: every staff member (those who left too, whom the
    records still name) and division, asked of posts once an export."""

    def __init__(self, staff, divisions):
        self.staff, self.divisions = staff, divisions

    @classmethod
    def of(cls, call):
        def listed(method):
            return every_record(lambda query: call("posts", method, query), {})
        return cls({p["id"]: p for p in listed("list_staff")},
                   {d["id"]: d["name"] for d in listed("list_divisions")})

    def name(self, staff_id):
        return self.staff.get(staff_id, {}).get("name", staff_id)

    def division_of(self, staff_id):
        return self.divisions.get(self.staff.get(staff_id, {}).get("division_id"))


def cell(record, column, directory=None):
    """What ``column`` writes of ``record``: a text, a number, a naive datetime of the
    office's clock (Excel knows no zones), or None for an empty cell."""
    value = record
    for key in column.field.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    if value is None:
        return 0 if column.kind == "number" else None
    if column.kind == "datetime":
        return datetime.fromisoformat(value).astimezone(OFFICE_TZ).replace(tzinfo=None)
    if column.kind == "label":
        return column.labels.get(value, value)
    if column.kind == "person":
        return directory.name(value)
    if column.kind == "division":
        return directory.division_of(value)
    if column.kind == "text" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def rows(sheet, records, directory=None):
    return [[cell(record, column, directory) for column in sheet.columns]
            for record in records]


def width(value):
    """How many characters wide ``value`` shows: a Chinese character counts two."""
    if isinstance(value, datetime):
        return 16
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def workbook(sheet, table):
    """The xlsx file: the header row frozen and filtered, columns as wide as their text.
    Every text is written as a string, never as a formula (a record's text may start
    with ``=``)."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True})  # rows go out as written
    header = book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    page = book.add_worksheet(sheet.title)
    widths = [width(column.header) for column in sheet.columns]
    for col, column in enumerate(sheet.columns):
        page.write_string(0, col, column.header, header)
    for row, values in enumerate(table, start=1):
        for col, value in enumerate(values):
            if isinstance(value, datetime):
                page.write_datetime(row, col, value, moment)
            elif isinstance(value, int | float):
                page.write_number(row, col, value)
            elif value is not None:
                page.write_string(row, col, value)
            widths[col] = max(widths[col], width(value))
    for col, chars in enumerate(widths):
        page.set_column(col, col, min(max(chars, 6), 60) + 2)
    page.freeze_panes(1, 0)
    page.autofilter(0, 0, len(table), len(sheet.columns) - 1)
    book.close()
    return output.getvalue()


def disposition(sheet, query):
    """An attachment named in Chinese (RFC 5987), with an ASCII name for older clients."""
    period = re.sub(r"[^0-9A-Za-z-]", "", str(query.get(sheet.period) or ""))[:20] \
        if sheet.period else ""
    suffix = f"-{period}" if period else ""
    return (f'attachment; filename="{sheet.ascii_name}{suffix}.xlsx"; '
            f"filename*=UTF-8''{quote(sheet.title + suffix)}.xlsx")


def wants_workbook(request):
    """``format=xlsx`` (``json``: the list as JSON), else an ``Accept`` preferring xlsx."""
    asked = request.args.get("format")
    if asked is None:
        return request.accept_mimetypes.best_match(
            ["application/json", XLSX], default="application/json") == XLSX
    if asked not in ("json", "xlsx"):
        raise validation_error({"format": ["json or xlsx"]})
    return asked == "xlsx"


def check_size(total, most):
    if total > most:
        raise GatewayError("invalid", "export_too_large",
                           f"the export would hold {total} rows, more than {most}: narrow the "
                           "period (缩小时间范围) or the filters", {"rows": total, "most": most})


def every_record(read, query, most=None, key="id"):
    """Every record of a paged list, ``PAGE`` at a time — refused (past ``most``) on the
    first page's total, before the rest is read. A row written meanwhile pushes those after
    it a place down the list: the row read again at a page's edge is kept once (by ``key``)
    and pages are read until one comes back short, so none is doubled or left out."""
    first = read({**query, "limit": PAGE, "offset": 0})
    if most is not None:
        check_size(first["total"], most)
    records = {record[key]: record for record in first["items"]}
    found, offset = first["items"], len(first["items"])
    # bounded: a list growing faster than it is read stops a page past the limit
    while len(found) == PAGE and offset <= max(most or 0, first["total"]):
        found = read({**query, "limit": PAGE, "offset": offset})["items"]
        offset += len(found)
        for record in found:
            records.setdefault(record[key], record)
    return list(records.values())


def exportable(route, sheet):
    """``route`` answering with ``sheet``'s workbook when one is asked for, else as before."""
    def handle(c):
        query = {k: v for k, v in c.query.items() if k != "format"}

        def read(asked):
            return route.handler(dataclasses.replace(c, _query=asked))
        if not wants_workbook(c.request):
            return read(query)
        query = {k: v for k, v in query.items() if k not in ("limit", "offset")}
        if sheet.paged:
            records = every_record(read, query, c.settings.export_max_rows, sheet.key)
        else:
            found = read(query)
            check_size(found["total"], c.settings.export_max_rows)
            records = found["items"]
        directory = Directory.of(c.call) if sheet.names_people else None
        return Response(workbook(sheet, rows(sheet, records, directory)), mimetype=XLSX,
                        headers={"Content-Disposition": disposition(sheet, query)})
    return dataclasses.replace(route, handler=handle, sheet=sheet)
