"""Excel exports across processes: violations, the audit trail, a division's appraisals
and the semi-annual check, each downloaded as a workbook and read back with openpyxl —
the Chinese header row, one row a record, names for ids, Chinese labels, moments as Excel
datetimes — through the same roles, checks and filters as the JSON lists; a list longer
than the limit (lowered here to ``MOST`` rows) refused until the period is narrowed."""

import io
import uuid
from datetime import datetime, timedelta
from urllib.parse import quote

import openpyxl
import pytest

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import wait_until
from tests.system_fixtures import running, system_environ

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MOST = 5
DIVISION = "政府机构编制处"  # every Office's division (tests.api)


@pytest.fixture(scope="module")
def system(vhost, e2e_databases, tmp_path_factory):
    environ = system_environ(vhost, e2e_databases, tmp_path_factory.mktemp("xiaoneng"),
                             XIAONENG_TEST_CLOCK="1", XIAONENG_SCAN_INTERVAL="1",
                             XIAONENG_RELAY_INTERVAL="1", XIAONENG_EXPORT_MAX_ROWS=str(MOST))
    with running(environ) as system:
        yield system


def workbook(api, path, token, **headers):
    """The export's only sheet as rows of values, after checking it is an xlsx download."""
    response = api.request("GET", path, token, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == XLSX
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    [sheet] = book.worksheets
    assert sheet.freeze_panes == "A2"
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def office(api, day):
    """An office whose people accountability knows (a duty failure can be recorded)."""
    o = Office.on(api, day, a="张三", b="李四")
    path = f"{V1}/appraisals?year={day.year}&division_id={o.division['id']}"
    wait_until(lambda: api.request("GET", path, o.head["token"]).status_code == 200 and
               api.ok("GET", path, o.head["token"])["total"] == 3, timeout=20,
               message="accountability knows the division and its people")
    return o


def duty_failure(api, o, person, at, description="未按时报送月报"):
    return api.ok("POST", f"{V1}/violations", o.head["token"], {
        "staff_id": person["id"], "nature": "non_performance", "occurred_at": at.isoformat(),
        "description": description})


def naive(moment):
    return moment.astimezone(OFFICE_TZ).replace(tzinfo=None)


def test_violations_export_every_matching_row_with_names_labels_and_office_time(api):
    day = datetime(2026, 3, 9, 10, 0, tzinfo=OFFICE_TZ)
    o = office(api, day)
    at_a, at_b = day - timedelta(hours=1), day - timedelta(minutes=90)
    failure = duty_failure(api, o, o.a, at_a)
    duty_failure(api, o, o.b, at_b)
    api.ok("POST", f"{V1}/violations/{failure['id']}/contest", o.a["token"],
           {"explanation": "=当日系统故障"})

    period = f"from={quote((day - timedelta(hours=2)).isoformat())}&to={quote(day.isoformat())}"
    sheet, rows = workbook(api, f"{V1}/violations?{period}&format=xlsx", o.head["token"])
    assert sheet.title == "违规记录"
    assert rows[0] == ["姓名", "处室", "类别", "性质", "状态", "时间", "依据", "记录人", "情况说明",
                       "审查意见", "审查人", "审查时间"]
    assert [row[:6] for row in rows[1:]] == [  # newest first, as the list
        ["张三", DIVISION, "未履行岗位职责", "不履行职责", "已申辩", naive(at_a)],
        ["李四", DIVISION, "未履行岗位职责", "不履行职责", "已登记", naive(at_b)]]
    assert sheet.cell(2, 6).is_date and "yyyy" in sheet.cell(2, 6).number_format
    assert rows[1][7:9] == ["处长", "=当日系统故障"] and sheet.cell(2, 9).data_type == "s"
    assert "未按时报送月报" in rows[1][6]

    # the same filters as the list; asked for by Accept as well as by format
    _, own = workbook(api, f"{V1}/violations?{period}", o.a["token"], Accept=XLSX)
    assert [row[0] for row in own[1:]] == ["张三"]
    listed = api.ok("GET", f"{V1}/violations?{period}&format=json", o.head["token"])
    assert [v["staff_id"] for v in listed["items"]] == [o.a["id"], o.b["id"]]
    _, narrowed = workbook(api, f"{V1}/violations?{period}&division_id={o.division['id']}"
                                "&format=xlsx", o.head["token"])  # as 统计分析 exports them
    assert [row[0] for row in narrowed[1:]] == ["张三", "李四"]
    elsewhere = api.ok("GET", f"{V1}/violations?{period}&division_id={uuid.uuid4()}",
                       o.head["token"])
    assert elsewhere == {"items": [], "total": 0}
    assert api.refused("GET", f"{V1}/violations?staff_id={o.b['id']}&format=xlsx",
                       o.a["token"]) == (403, "not_allowed")
    assert api.refused("GET", f"{V1}/violations?format=csv", o.head["token"]) == (
        422, "validation_error")


def test_the_audit_trail_exports_for_admins_only(api):
    day = datetime(2026, 3, 16, 10, 0, tzinfo=OFFICE_TZ)
    o = office(api, day)
    duty_failure(api, o, o.a, day - timedelta(hours=1))
    duty_failure(api, o, o.b, day - timedelta(hours=2))
    path = f"{V1}/audit?actor_id={o.head['id']}"
    listed = wait_until(lambda: (found := api.ok("GET", path, o.admin))["total"] == 3 and found,
                        timeout=15, message="the sign-in and both writes are in the trail")

    sheet, rows = workbook(api, f"{path}&format=xlsx", o.admin)
    assert sheet.title == "审计记录"
    assert rows[0] == ["时间", "操作人", "角色", "用户名", "方法", "路径", "状态码", "关联号",
                       "客户端地址"]
    assert [row[1:7] for row in rows[1:]] == [
        ["处长", "处室负责人", None, "POST", "/api/v1/violations", 201]] * 2 + [
        ["处长", "处室负责人", o.head["username"], "POST", "/api/v1/auth/token", 200]]
    for row, entry in zip(rows[1:], listed["items"], strict=True):
        assert abs(row[0] - naive(datetime.fromisoformat(entry["at"]))) < timedelta(seconds=1)
    assert sheet.cell(2, 1).is_date
    assert [row[7] for row in rows[1:]] == [e["correlation_id"] for e in listed["items"]]
    for someone in (o.head, o.leader, o.a):
        assert api.refused("GET", f"{path}&format=xlsx", someone["token"]) == (
            403, "wrong_role")


def test_a_divisions_appraisals_export_one_row_a_person(api):
    day = datetime(2026, 3, 23, 10, 0, tzinfo=OFFICE_TZ)
    o = office(api, day)
    duty_failure(api, o, o.a, day - timedelta(hours=1))
    path = f"{V1}/appraisals?year=2026&division_id={o.division['id']}"
    listed = api.ok("GET", path, o.head["token"])
    single = api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.head["token"])
    [row_a] = [r for r in listed["items"] if r["staff_id"] == o.a["id"]]
    assert row_a["violations_by_kind"] == single["violations_by_kind"] == {"duty_failure": 1}
    assert (row_a["violations"], row_a["cases_opened"], row_a["name"]) == (1, 1, "张三")

    response = api.request("GET", f"{path}&format=xlsx", o.head["token"])
    assert "filename*=UTF-8''%E5%B9%B4%E5%BA%A6%E8%80%83%E6%A0%B8-2026.xlsx" in \
        response.headers["Content-Disposition"]
    sheet, rows = workbook(api, f"{path}&format=xlsx", o.leader["token"])
    header = rows[0]
    assert header[:4] == ["姓名", "处室", "年度", "违规"] and header[-2:] == ["述职评议", "等次"]
    people = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(people) == {"张三", "李四", "处长"}
    assert (people["张三"]["处室"], people["张三"]["年度"], people["张三"]["违规"],
            people["张三"]["未履行岗位职责"], people["张三"]["案件"]) == (DIVISION, 2026, 1, 1, 1)
    assert (people["李四"]["违规"], people["李四"]["等次"]) == (0, None)

    assert api.refused("GET", f"{path}&format=xlsx", o.a["token"]) == (403, "not_allowed")
    other = Office(api, o.admin)
    assert api.refused("GET", f"{path}&format=xlsx", other.head["token"])[0] == 403
    assert api.refused("GET", f"{V1}/appraisals?year=2026&division_id=nowhere&format=xlsx",
                       o.leader["token"]) == (404, "division_not_found")


def test_the_semi_annual_check_exports_each_persons_counts(api):
    day = datetime(2026, 4, 6, 10, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, day, a="王五")
    inquiry = api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "孙女士", "contact": "136", "question": "编制备案流程"})
    api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/handle", o.a["token"], {"answer": "已答复"})

    path = f"{V1}/reports/commitments?half=2026H1"
    [listed] = [r for r in api.ok("GET", path, o.head["token"])["items"]
                if r["staff_id"] == o.a["id"]]
    assert listed["inquiries_handled"] == 1
    sheet, rows = workbook(api, f"{path}&format=xlsx", o.head["token"])
    assert sheet.title == "服务承诺检查"
    assert rows[0] == ["姓名", "处室", "办理咨询", "超时未办结", "投诉属实", "一次性告知书",
                       "申请超时"]
    assert ["王五", DIVISION, 1, 0, 0, 0, 0] in rows[1:]
    assert api.refused("GET", f"{path}&format=xlsx", o.a["token"]) == (403, "wrong_role")


def test_an_export_over_the_limit_is_refused_until_the_period_is_narrowed(api):
    day = datetime(2026, 5, 11, 12, 0, tzinfo=OFFICE_TZ)
    o = office(api, day)
    for hour in range(MOST + 1):
        duty_failure(api, o, o.a, day - timedelta(hours=hour + 1), f"第{hour + 1}次")

    def period(hours):
        start = quote((day - timedelta(hours=hours)).isoformat())
        return f"{V1}/violations?from={start}&to={quote(day.isoformat())}"
    listed = api.ok("GET", period(24), o.head["token"])
    assert listed["total"] == MOST + 1
    refused = api.request("GET", period(24) + "&format=xlsx", o.head["token"])
    assert refused.status_code == 422 and refused.headers["Content-Type"] == "application/json"
    error = refused.json()["error"]
    assert error["code"] == "export_too_large" and "narrow the period" in error["message"]
    assert error["details"] == {"rows": MOST + 1, "most": MOST}

    _, rows = workbook(api, period(3) + "&format=xlsx", o.head["token"])
    assert [row[6] for row in rows[1:]] == [f'{{"description": "第{n}次"}}' for n in (1, 2, 3)]
    assert api.refused("GET", f"{V1}/audit?format=xlsx", o.admin) == (422, "export_too_large")
