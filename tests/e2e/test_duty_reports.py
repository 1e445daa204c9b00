"""一.4 and 三.6 across processes: the year's report (述职) asked for in December, written
once and reviewed (评议) by whoever answers for the person, and the appraisal that shows it
beside applications on time and the two semi-annual checks."""

from datetime import datetime

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import wait_until

MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=OFFICE_TZ)


def todo_kinds(api, person):
    return [(i["kind"], i["title"]) for i in api.ok("GET", f"{V1}/me/todo",
                                                   person["token"])["items"]]


def report(api, person, summary="全年办结公文120件，无超时。"):
    return api.request("POST", f"{V1}/duty-reports", person["token"],
                       {"year": 2026, "summary": summary})


def test_a_report_is_asked_for_written_once_and_reviewed_by_the_head(api):
    o = Office.on(api, MONDAY, a="张三")
    assert ("duty_report", "2026") in todo_kinds(api, o.a)
    filed = report(api, o.a)
    assert filed.status_code == 201
    filed = filed.json()
    assert (filed["status"], filed["reviewer_id"], filed["actions"]) == (
        "submitted", o.head["id"], [])
    assert api.refused("POST", f"{V1}/duty-reports", o.a["token"],
                       {"year": 2026, "summary": "再交一份"}) == (409, "duty_report_exists")
    assert report(api, o.leader).status_code == 403
    assert "duty_report" not in [k for k, _ in todo_kinds(api, o.a)]
    assert ("duty_report", "张三") in todo_kinds(api, o.head)

    path = f"{V1}/duty-reports/{filed['id']}/review"
    review = {"grade": "excellent", "comment": "履职尽责"}
    assert api.refused("POST", path, o.a["token"], review) == (403, "recusal")
    assert api.refused("POST", path, o.leader["token"], review) == (403, "not_the_reviewer")
    assert api.refused("POST", path, o.head["token"], {**review, "grade": "outstanding"})[0] \
        == 422
    assert api.ok("GET", f"{V1}/duty-reports/{filed['id']}", o.head["token"])["actions"] == [
        "review"]
    reviewed = api.ok("POST", path, o.head["token"], review)
    assert (reviewed["status"], reviewed["grade"], reviewed["reviewed_by"]) == (
        "reviewed", "excellent", o.head["id"])
    assert api.refused("POST", path, o.head["token"], review) == (409, "duty_report_reviewed")

    appraisal = api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.a["token"])
    assert appraisal["duty_report"]["grade"] == "excellent"
    assert [c["half"] for c in appraisal["half_year_checks"]] == ["2026H1", "2026H2"]
    assert appraisal["applications"] == {"on_time": 0, "late": 0}


def test_a_heads_report_goes_to_the_supervising_leader_and_lists_follow_the_reader(api):
    o = Office.on(api, MONDAY, a="张三")
    mine = report(api, o.a).json()
    heads = report(api, o.head).json()
    assert heads["reviewer_id"] == o.leader["id"]
    assert api.refused("POST", f"{V1}/duty-reports/{heads['id']}/review", o.head["token"], {
        "grade": "competent", "comment": "自评"}) == (403, "recusal")
    api.ok("POST", f"{V1}/duty-reports/{heads['id']}/review", o.leader["token"],
           {"grade": "competent", "comment": "称职"})
    division = f"{V1}/duty-reports?year=2026&division_id={o.division['id']}"
    assert {r["id"] for r in api.ok("GET", division, o.head["token"])["items"]} == {
        mine["id"], heads["id"]}
    assert [r["id"] for r in api.ok("GET", division, o.a["token"])["items"]] == [mine["id"]]
    assert api.refused("GET", f"{V1}/duty-reports/{heads['id']}", o.a["token"]) == (
        403, "not_allowed")


def test_an_overdue_application_is_in_the_semi_annual_check_and_the_appraisal(api):
    o = Office.on(api, MONDAY, a="张三")
    matter = api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "事业单位登记", "basis": "《事业单位登记管理暂行条例》", "time_limit_days": 1,
        "procedure": "受理、审核", "division_id": o.division["id"],
        "materials": [{"code": "A", "name": "登记申请书", "required": True}]})

    def apply():
        return api.ok("POST", f"{V1}/applications", o.a["token"], {
            "matter_id": matter["id"], "applicant": "省某中心", "contact": "0571",
            "materials": [{"code": "A", "ok": True}]})
    late, on_time = apply(), apply()
    assert late["due_date"] == "2026-12-08"
    api.ok("POST", f"{V1}/applications/{on_time['id']}/complete", o.a["token"],
           {"result": "准予登记"})
    o.set_now(datetime(2026, 12, 10, 9, 0, tzinfo=OFFICE_TZ))

    def check():
        found = api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.head["token"])
        return found if found["half_year_checks"][1]["overdue_applications"] else None
    appraisal = wait_until(check, timeout=15)
    assert appraisal["half_year_checks"][0]["overdue_applications"] == 0
    rows = api.ok("GET", f"{V1}/reports/commitments?half=2026H2", o.head["token"])["items"]
    assert next(r for r in rows if r["staff_id"] == o.a["id"])["overdue_applications"] == 1
    wait_until(lambda: api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.a["token"])[
        "applications"] == {"on_time": 1, "late": 0}, timeout=10)
