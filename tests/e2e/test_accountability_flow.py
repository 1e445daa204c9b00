"""Issue 6's acceptance across services: violations from three services, one case."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.helpers import set_clock, wait_until
from tests.integration.api import Organisation

V1 = "/api/v1"


def test_an_overdue_document_a_late_return_and_a_complaint_make_one_serious_case(api):
    admin = api.login("admin", "admin")
    day = datetime(2026, 12, 15, 9, 0, tzinfo=OFFICE_TZ)  # a Tuesday
    set_clock(api, admin, day)
    org = Organisation(api, admin)
    division, leader, head = org.division()
    a, b = (org.staff(division_id=division["id"], name=n) for n in ("张三", "李四"))
    api.ok("POST", f"{V1}/posts", admin, {
        "title": "综合岗", "division_id": division["id"], "duties": ["综合"],
        "holder_id": a["id"], "backup_ids": [b["id"]]})

    late_doc = api.ok("POST", f"{V1}/documents", a["token"], {
        "title": "关于编制调整的请示", "from_unit": "某厅", "received_at": day.isoformat(),
        "urgent": True, "kind": "请示"})
    api.ok("POST", f"{V1}/documents/{late_doc['id']}/assign", head["token"],
           {"assignee_id": a["id"], "due_date": "2026-12-16"})

    notice = api.ok("POST", f"{V1}/leave-notices", a["token"], {
        "start_at": (day + timedelta(minutes=5)).isoformat(),
        "expected_return_at": (day + timedelta(hours=1)).isoformat(),
        "reason": "开会", "kind": "business", "contact": "1"})
    api.ok("POST", f"{V1}/leave-notices/{notice['id']}/approve", head["token"])
    set_clock(api, admin, day + timedelta(minutes=6))
    wait_until(lambda: api.ok("GET", "/api/v1/public/notice-board")["total"] >= 1, timeout=10)
    set_clock(api, admin, day + timedelta(hours=1, minutes=20))  # past the 15 minutes' grace

    def violations(kind):
        return [v for v in api.ok("GET", f"{V1}/violations?staff_id={a['id']}",
                                  leader["token"])["items"] if v["kind"] == kind]
    wait_until(lambda: violations("late_return"), timeout=15, message="late return recorded")
    back = api.ok("POST", f"{V1}/leave-notices/{notice['id']}/return", a["token"])
    assert (back["late"], back["late_minutes"]) == (True, 20)
    wait_until(lambda: api.ok("GET", f"{V1}/documents/{late_doc['id']}",
                              a["token"])["acting_id"] is None, timeout=10)
    api.ok("POST", f"{V1}/public/complaints", json={
        "staff_id": a["id"], "category": "attitude", "description": "接待态度差"})
    set_clock(api, admin, day + timedelta(days=2))  # Thursday: the document is overdue

    def a_case():
        found = api.ok("GET", f"{V1}/cases?staff_id={a['id']}", leader["token"])["items"]
        return found and len(found[0]["violations"]) == 3 and found
    [case] = wait_until(a_case, timeout=30, message="one case with three violations")
    assert sorted(v["kind"] for v in case["violations"]) == [
        "complaint", "late_return", "overdue"]
    assert case["severity"] == "serious"
    [linked] = api.ok("GET", f"{V1}/cases?staff_id={head['id']}", leader["token"])["items"]
    assert linked["linked_case_id"] == case["id"]

    api.ok("POST", f"{V1}/documents/{late_doc['id']}/complete", a["token"], {"result": "已办结"})
    decided = api.ok("POST", f"{V1}/cases/{case['id']}/decide", leader["token"], {
        "outcome": "written_warning", "measures": ["off_post_training"], "note": "限期整改"})
    assert decided["status"] == "decided"

    def appraisal():
        return api.ok("GET", f"{V1}/appraisals/{a['id']}?year=2026", head["token"])
    wait_until(lambda: appraisal()["documents"]["late"] == 1, timeout=10)
    result = appraisal()
    assert result["violations_by_kind"] == {"overdue": 1, "late_return": 1, "complaint": 1}
    assert [(c["status"], c["outcome"]) for c in result["cases"]] == [
        ("decided", "written_warning")]
    assert result["documents"] == {"on_time": 0, "late": 1}
    b_appraisal = api.ok("GET", f"{V1}/appraisals/{b['id']}?year=2026", b["token"])
    assert b_appraisal["covers_served"] == 1
