"""Accountability across services: violations from three services make one case; a
complaint counts only once investigated and found substantiated (issues 6 and 9)."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import wait_until


def test_an_overdue_document_a_late_return_and_a_complaint_make_one_serious_case(api):
    day = datetime(2026, 12, 15, 9, 0, tzinfo=OFFICE_TZ)  # a Tuesday
    o = Office.on(api, day, a="张三", b="李四")
    a, b, head, leader = o.a, o.b, o.head, o.leader
    o.new_post(a, [b], "综合岗")
    late_doc = o.document(day, a, due_date="2026-12-16", title="关于编制调整的请示",
                          from_unit="某厅", urgent=True)
    notice = o.away(a, day + timedelta(minutes=5), hours=1, reason="开会")  # back by 10:05
    o.set_now(day + timedelta(minutes=6))
    wait_until(lambda: api.ok("GET", "/api/v1/public/notice-board")["total"] >= 1, timeout=10)
    o.set_now(day + timedelta(hours=1, minutes=25))  # 20 minutes late: past the 15's grace

    def violations(kind):
        return [v for v in api.ok("GET", f"{V1}/violations?staff_id={a['id']}",
                                  leader["token"])["items"] if v["kind"] == kind]
    wait_until(lambda: violations("late_return"), timeout=15, message="late return recorded")
    back = api.ok("POST", f"{V1}/leave-notices/{notice['id']}/return", a["token"])
    assert (back["late"], back["late_minutes"]) == (True, 20)
    wait_until(lambda: api.ok("GET", f"{V1}/documents/{late_doc['id']}",
                              a["token"])["acting_id"] is None, timeout=10)
    complaint = api.ok("POST", f"{V1}/public/complaints", json={
        "staff_id": a["id"], "category": "attitude", "description": "接待态度差"})
    api.ok("POST", f"{V1}/complaints/{complaint['id']}/investigate", head["token"])
    api.ok("POST", f"{V1}/complaints/{complaint['id']}/conclude", head["token"], {
        "finding": "substantiated", "reply": "经核查属实，已批评教育"})
    o.set_now(day + timedelta(days=2))  # Thursday: the document is overdue

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


def test_an_anonymous_complaint_counts_only_once_found_substantiated(api):
    o = Office(api, clerk="王五")
    division, leader, head, clerk = o.division, o.leader, o.head, o.clerk

    def file(description):
        return api.ok("POST", f"{V1}/public/complaints", json={
            "division_id": division["id"], "category": "graft", "description": description})

    def conclude(complaint, finding, reply, **named):
        api.ok("POST", f"{V1}/complaints/{complaint['id']}/investigate", head["token"])
        return api.ok("POST", f"{V1}/complaints/{complaint['id']}/conclude", head["token"],
                      {"finding": finding, "reply": reply, **named})

    unfounded = file("二号窗口的人让我下次带点土特产")
    conclude(unfounded, "unsubstantiated", "经调阅录像核实，投诉不属实")
    status = api.ok("GET", f"{V1}/public/complaints/{unfounded['id']}?token="
                           f"{unfounded['token']}")
    assert (status["status"], status["reply"]) == ("unsubstantiated", "经调阅录像核实，投诉不属实")

    founded = file("二号窗口的人收了购物卡才受理")
    conclude(founded, "substantiated", "经核查属实，已移交处理", staff_id=clerk["id"])

    def clerk_cases():
        return api.ok("GET", f"{V1}/cases?staff_id={clerk['id']}", leader["token"])["items"]
    [case] = wait_until(clerk_cases, timeout=20, message="a case from the finding")
    [violation] = case["violations"]
    assert (violation["kind"], violation["details"]["category"]) == ("complaint", "graft")
    assert case["severity"] == "serious"  # any substantiated graft complaint
    own = api.ok("GET", f"{V1}/violations", clerk["token"])
    assert [v["id"] for v in own["items"]] == [violation["id"]]
    [linked] = wait_until(lambda: api.ok("GET", f"{V1}/cases?staff_id={head['id']}",
                                         leader["token"])["items"], timeout=10)
    assert linked["linked_case_id"] == case["id"]


def test_violations_are_recorded_and_notices_filed_while_posts_is_stopped(api, system):
    """Accountability and attendance know people from posts' events (their own staff and
    division views): an overdue document becomes a violation and a case, and a notice
    finds its approver, while posts is down."""
    day = datetime(2027, 3, 2, 9, 0, tzinfo=OFFICE_TZ)  # a Tuesday
    o = Office.on(api, day, a="王五")
    a, head, leader = o.a, o.head, o.leader
    o.document(day, a, due_date="2027-03-03", title="关于机构设置的请示", from_unit="某局",
               urgent=True)

    system.stop_process("posts")
    try:
        assert api.request("POST", f"{V1}/auth/token", json={
            "username": "admin", "password": "admin"}).status_code == 503  # posts is down
        o.set_now(day + timedelta(days=2))  # Thursday: overdue since Wednesday

        def a_case():
            found = api.ok("GET", f"{V1}/cases?staff_id={a['id']}", leader["token"])["items"]
            return found and found[0]["violations"] and found
        [case] = wait_until(a_case, timeout=30, message="the violation, posts stopped")
        assert [v["kind"] for v in case["violations"]] == ["overdue"]
        assert case["responsible_id"] == head["id"]  # from accountability's division view
        # attendance knows who approves from its own views: a notice is filed meanwhile
        notice = o.notice(a, day + timedelta(days=2, hours=1), reason="外出办事")
        assert (notice["status"], notice["approver_id"]) == ("pending", head["id"])
    finally:
        system.start_process("posts")
        system.wait_ready(60)
