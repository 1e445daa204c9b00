"""Accountability with posts behind the gateway, fed violation events from the broker."""

import uuid
from datetime import date, datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from chassis.envelope import make_event
from services.accountability.service import AccountabilityService
from services.posts.service import PostsService
from tests.api import V1, Office, error
from tests.helpers import parked_messages, publish_event, wait_until

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=OFFICE_TZ)


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(NOW)  # the events below happened at NOW: the services must not live later
    api, config = behind_gateway(PostsService, AccountabilityService)
    return Office(api, config=config, set_now=set_now, a="张三")


def violations_of(o, person):
    return [
        make_event("documents", "overdue", {
            "document_id": str(uuid.uuid4()), "title": "请示", "division_id": o.division["id"],
            "assignee_id": person, "acting_id": None, "due_date": date(2026, 11, 20),
            "days_late": 6}, now=NOW),
        make_event("attendance", "late_return", {
            "absence_id": str(uuid.uuid4()), "staff_id": person, "expected_return_at": NOW,
            "detected_at": NOW + timedelta(minutes=20), "approver_id": o.head["id"]}, now=NOW),
        complaint_concluded(o, person),
    ]


def complaint_concluded(o, person, finding="substantiated", category="attitude"):
    return make_event("inquiries", "complaint_concluded", {
        "complaint_id": str(uuid.uuid4()), "finding": finding, "staff_id": person,
        "inquiry_id": None, "division_id": o.division["id"], "category": category,
        "filed_at": NOW, "concluded_by": o.head["id"], "concluded_at": NOW}, now=NOW)


def send(o, event):
    publish_event(o.config["AMQP_URI"], event, source=event["source"], type_=event["type"])


def cases(o, **query):
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return o.api.ok("GET", f"{V1}/cases?{params}", o.leader["token"])["items"]


def test_three_violations_make_one_serious_case_and_a_linked_case_for_the_head(office):
    o = office
    events = violations_of(o, o.a["id"])
    for event in events + events:  # every event delivered twice
        send(o, event)
    [case] = wait_until(lambda: [c for c in cases(o, staff_id=o.a["id"])
                                 if len(c["violations"]) == 3], timeout=15)
    assert (case["severity"], case["suggested_outcome"], case["status"]) == (
        "serious", "circulated_criticism", "open")
    assert sorted(v["kind"] for v in case["violations"]) == [
        "complaint", "late_return", "overdue"]
    assert {v["source_event_id"] for v in case["violations"]} == {e["id"] for e in events}
    [linked] = cases(o, staff_id=o.head["id"])
    assert (linked["kind"], linked["linked_case_id"]) == ("leader_responsibility", case["id"])
    assert case["leader_case_id"] == linked["id"]
    listed = o.api.ok("GET", f"{V1}/violations?staff_id={o.a['id']}", o.head["token"])
    assert listed["total"] == 3


def test_a_leader_decides_a_case_once_and_the_appraisal_shows_it(office):
    o = office
    for event in violations_of(o, o.a["id"])[:1]:
        send(o, event)
    [case] = wait_until(lambda: cases(o, staff_id=o.a["id"]), timeout=15)
    assert case["severity"] == "light"
    path = f"{V1}/cases/{case['id']}"
    assert o.api.request("POST", f"{path}/decide", o.head["token"],
                         {"outcome": "criticism_education"}).status_code == 403
    bad = o.api.request("POST", f"{path}/decide", o.leader["token"],
                        {"outcome": "criticism_education", "measures": ["demotion"]})
    assert bad.json()["error"]["code"] == "measures_need_serious_outcome"
    decided = o.api.ok("POST", f"{path}/decide", o.leader["token"],
                       {"outcome": "criticism_education", "measures": [], "note": "谈话提醒"})
    assert (decided["status"], decided["outcome"]) == ("decided", "criticism_education")
    again = o.api.request("POST", f"{path}/dismiss", o.leader["token"], {"reason": "不可抗力"})
    assert error(again) == (409, "case_closed")

    appraisal = o.api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.a["token"])
    assert appraisal["violations_by_kind"] == {"overdue": 1}
    assert [(c["status"], c["outcome"]) for c in appraisal["cases"]] == [
        ("decided", "criticism_education")]
    stranger = o.org.staff(division_id=o.division["id"])
    assert o.api.request("GET", f"{V1}/appraisals/{o.a['id']}?year=2026",
                         stranger["token"]).status_code == 403

    # a new violation after the decision opens a new case
    send(o, violations_of(o, o.a["id"])[1])
    wait_until(lambda: len(cases(o, staff_id=o.a["id"])) == 2, timeout=15)


def test_an_event_naming_nobody_we_know_or_malformed_is_parked(office):
    o = office
    send(o, violations_of(o, "ghost")[0])
    broken = violations_of(o, o.a["id"])[1]
    broken["data"]["staff_id"] = None
    send(o, broken)
    parked = wait_until(lambda: len(found := parked_messages(o.config["vhost"])) == 2
                        and found, timeout=15)
    reasons = " | ".join(m["properties"]["headers"]["x-parked-reason"] for m in parked)
    assert "no staff with id ghost" in reasons  # unknown person
    assert "'staff_id': ['Field may not be null.']" in reasons  # fails its contract
    assert cases(o) == []


def violations(o, token, **query):
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return o.api.ok("GET", f"{V1}/violations?{params}", token)["items"]


def the_serious_case(o):
    """A's three violations sent: the one case they make together."""
    for event in violations_of(o, o.a["id"]):
        send(o, event)
    [case] = wait_until(lambda: [c for c in cases(o, staff_id=o.a["id"])
                                 if len(c["violations"]) == 3], timeout=15)
    return case


def a_case_of(o, event):
    """Sends ``event`` about A: the case it opens and its one violation."""
    send(o, event)
    [case] = wait_until(lambda: cases(o, staff_id=o.a["id"]), timeout=15)
    [violation] = case["violations"]
    return case, violation


def refuse(o, path, token, body):
    """``(status, code)`` of a POST to ``path`` that must be refused."""
    return o.api.refused("POST", f"{V1}{path}", token, body)


def test_a_violation_is_read_by_its_person_and_overseers_and_a_case_by_overseers_only(office):
    o = office
    case, violation = a_case_of(o, violations_of(o, o.a["id"])[0])
    path = f"{V1}/violations/{violation['id']}"
    for reader in (o.a, o.head, o.leader):
        assert o.api.ok("GET", path, reader["token"])["id"] == violation["id"]
    colleague = o.org.staff(division_id=o.division["id"])
    assert o.api.refused("GET", path, colleague["token"]) == (403, "not_allowed")
    assert o.api.refused("GET", path) == (401, "missing_token")
    assert o.api.refused("GET", f"{V1}/violations/ghost", o.leader["token"]) == (
        404, "violation_not_found")

    path = f"{V1}/cases/{case['id']}"
    assert [v["id"] for v in o.api.ok("GET", path, o.leader["token"])["violations"]] == [
        violation["id"]]
    assert o.api.refused("GET", path, o.a["token"]) == (403, "wrong_role")
    assert o.api.refused("GET", f"{V1}/cases/ghost", o.leader["token"]) == (
        404, "case_not_found")


def test_a_leader_upholds_a_contested_violation_and_the_case_is_then_decided(office):
    o = office
    case, late = a_case_of(o, violations_of(o, o.a["id"])[1])
    path = f"/violations/{late['id']}"
    o.api.ok("POST", f"{V1}{path}/contest", o.a["token"], {"explanation": "路上堵车"})
    assert refuse(o, f"{path}/uphold", o.head["token"], {"note": "x"}) == (403, "wrong_role")
    assert refuse(o, f"{path}/uphold", o.leader["token"], {"note": " "}) == (
        422, "note_required")
    upheld = o.api.ok("POST", f"{V1}{path}/uphold", o.leader["token"],
                      {"note": "未提前报告，理由不成立"})
    assert (upheld["status"], upheld["judgement"], upheld["judged_by"]) == (
        "upheld", "未提前报告，理由不成立", o.leader["id"])
    assert refuse(o, f"{path}/uphold", o.leader["token"], {"note": "x"}) == (
        409, "violation_judged")
    decided = o.api.ok("POST", f"{V1}/cases/{case['id']}/decide", o.leader["token"],
                       {"outcome": "criticism_education", "note": "谈话提醒"})
    assert decided["status"] == "decided"
    appraisal = o.api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.a["token"])
    assert appraisal["violations_by_kind"] == {"late_return": 1}


def test_a_contested_violation_holds_the_decision_until_a_leader_waives_it(office):
    o = office
    case = the_serious_case(o)
    assert case["severity"] == "serious" and case["leader_case_id"]
    overdue = next(v for v in case["violations"] if v["kind"] == "overdue")
    assert (overdue["status"], overdue["nature"]) == ("recorded", "non_performance")

    stranger = o.org.staff(division_id=o.division["id"])
    assert refuse(o, f"/violations/{overdue['id']}/contest", stranger["token"],
                  {"explanation": "x"}) == (403, "not_your_violation")
    contested = o.api.ok("POST", f"{V1}/violations/{overdue['id']}/contest", o.a["token"],
                         {"explanation": "来文单位延迟送达，已说明"})
    assert (contested["status"], contested["explanation"]) == (
        "contested", "来文单位延迟送达，已说明")
    assert refuse(o, f"/violations/{overdue['id']}/contest", o.a["token"],
                  {"explanation": "again"}) == (409, "already_contested")
    assert refuse(o, f"/cases/{case['id']}/decide", o.leader["token"],
                  {"outcome": "circulated_criticism"}) == (409, "violation_contested")
    assert refuse(o, f"/violations/{overdue['id']}/waive", o.head["token"],
                  {"reason": "x"}) == (403, "wrong_role")
    assert refuse(o, f"/violations/{overdue['id']}/waive", o.leader["token"],
                  {"reason": " "}) == (422, "reason_required")

    waived = o.api.ok("POST", f"{V1}/violations/{overdue['id']}/waive", o.leader["token"],
                      {"reason": "来文延误，不可归责"})
    assert (waived["status"], waived["judged_by"]) == ("waived", o.leader["id"])
    [regraded] = cases(o, staff_id=o.a["id"])
    assert (regraded["severity"], regraded["suggested_outcome"], regraded["status"]) == (
        "light", "criticism_education", "open")
    [linked] = cases(o, staff_id=o.head["id"])
    assert linked["status"] == "dismissed" and "来文延误" in linked["note"]
    assert refuse(o, f"/violations/{overdue['id']}/contest", o.a["token"],
                  {"explanation": "x"}) == (409, "violation_judged")
    assert refuse(o, f"/violations/{overdue['id']}/uphold", o.leader["token"],
                  {"note": "x"}) == (409, "violation_judged")

    own = violations(o, o.a["token"])
    assert {v["status"] for v in own} == {"waived", "recorded"} and len(own) == 3
    assert o.api.refused("GET", f"{V1}/violations?staff_id={o.head['id']}",
                         o.a["token"]) == (403, "not_allowed")
    appraisal = o.api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.a["token"])
    assert appraisal["violations_by_kind"] == {"late_return": 1, "complaint": 1}


def test_waiving_the_only_violation_dismisses_the_case_with_the_reason(office):
    o = office
    case, late = a_case_of(o, violations_of(o, o.a["id"])[1])
    o.api.ok("POST", f"{V1}/violations/{late['id']}/contest", o.a["token"],
             {"explanation": "地铁停运"})
    contested = o.api.ok("GET", f"{V1}/appraisals/{o.a['id']}?year=2026", o.a["token"])
    assert [v["id"] for v in contested["contested"]] == [late["id"]]
    o.api.ok("POST", f"{V1}/violations/{late['id']}/waive", o.leader["token"],
             {"reason": "地铁停运，不可抗力"})
    [dismissed] = cases(o, staff_id=o.a["id"])
    assert (dismissed["status"], dismissed["note"], dismissed["decided_by"]) == (
        "dismissed", "地铁停运，不可抗力", o.leader["id"])


def test_a_leader_grades_a_suggested_serious_case_as_light_and_the_head_is_cleared(office):
    o = office
    case = the_serious_case(o)
    path = f"/cases/{case['id']}/decide"
    assert refuse(o, path, o.leader["token"], {"severity": "light",
                  "outcome": "written_warning"}) == (
        422, "outcome_mismatch")
    assert refuse(o, path, o.leader["token"], {"outcome": "criticism_education"}) == (
        422, "outcome_mismatch")  # the suggestion is serious unless the leader says otherwise
    decided = o.api.ok("POST", f"{V1}{path}", o.leader["token"], {
        "severity": "light", "outcome": "criticism_education", "note": "初犯，情节较轻"})
    assert (decided["status"], decided["severity"], decided["suggested_severity"]) == (
        "decided", "light", "serious")
    [linked] = cases(o, staff_id=o.head["id"])
    assert linked["status"] == "dismissed" and "初犯，情节较轻" in linked["note"]
    [event] = [e for e in o.raised("accountability", "case_decided")
               if e["case_id"] == case["id"]]
    assert (event["severity"], event["outcome"]) == ("light", "criticism_education")


def test_a_head_records_a_duty_failure_of_their_own_staff_only(office):
    o = office
    body = {"staff_id": o.a["id"], "nature": "non_performance",
            "occurred_at": NOW.isoformat(), "description": "未按岗位职责报送月度统计"}
    recorded = o.api.ok("POST", f"{V1}/violations", o.head["token"], body)
    assert (recorded["kind"], recorded["nature"], recorded["status"], recorded["recorded_by"]) \
        == ("duty_failure", "non_performance", "recorded", o.head["id"])
    [case] = cases(o, staff_id=o.a["id"])
    assert [v["id"] for v in case["violations"]] == [recorded["id"]]

    _, _, other_head = o.org.division()
    assert refuse(o, "/violations", other_head["token"], body) == (
        403, "not_your_division")
    assert refuse(o, "/violations", o.a["token"], body) == (403, "recusal")  # their own
    colleague = o.org.staff(division_id=o.division["id"])
    assert refuse(o, "/violations", colleague["token"], body) == (403, "not_your_division")
    assert refuse(o, "/violations", o.head["token"], {**body, "staff_id": "ghost"}) == (
        404, "staff_not_found")
    assert refuse(o, "/violations", o.head["token"], {**body, "nature": "bad"}) == (
        422, "validation_error")
    future = (NOW + timedelta(days=30)).isoformat()
    assert refuse(o, "/violations", o.leader["token"], {**body, "occurred_at": future}) \
        == (422, "occurred_in_future")
    assert len(violations(o, o.leader["token"], staff_id=o.a["id"])) == 1


def test_an_unsubstantiated_complaint_is_no_violation(office):
    o = office
    send(o, complaint_concluded(o, None, finding="unsubstantiated"))
    send(o, complaint_concluded(o, o.a["id"]))
    wait_until(lambda: cases(o, staff_id=o.a["id"]), timeout=15)
    assert len(violations(o, o.leader["token"])) == 1


def test_a_case_no_leader_may_judge_waits_and_the_admin_is_warned(office):
    """回避: the head's case would decide their supervising leader's responsibility too; with
    no other leader in the office nobody may judge it, and /org/warnings says so."""
    o = office
    recorded = o.api.ok("POST", f"{V1}/violations", o.admin, {
        "staff_id": o.head["id"], "nature": "non_performance", "occurred_at": NOW.isoformat(),
        "description": "未按时审核处室月报"})
    [case] = cases(o, staff_id=o.head["id"])
    assert (case["id"], case["responsible_id"]) == (recorded["case_id"], o.leader["id"])

    def waiting():
        return [w for w in o.api.ok("GET", f"{V1}/org/warnings", o.admin)["items"]
                if w["kind"] == "case_without_judge"]
    [warning] = wait_until(waiting, timeout=15, message="the warning")
    assert (warning["case_id"], warning["staff_id"], warning["division_id"]) == (
        case["id"], o.head["id"], o.division["id"])
    assert refuse(o, f"/cases/{case['id']}/decide", o.leader["token"],
                  {"outcome": "criticism_education"}) == (403, "recusal")

    other = o.org.staff("leader", name="另一位领导")
    assert waiting() == []  # a leader free of interest exists now
    o.api.ok("POST", f"{V1}/cases/{case['id']}/decide", other["token"],
             {"outcome": "criticism_education", "note": "谈话提醒"})
