"""Accountability with posts behind the gateway, fed violation events from the broker."""

import uuid
from datetime import date, datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from chassis.envelope import make_event
from services.accountability.service import AccountabilityService
from services.posts.service import PostsService
from tests.helpers import peek_queue, publish_event, wait_until
from tests.integration.api import Organisation

V1 = "/api/v1"
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=OFFICE_TZ)


@pytest.fixture
def office(behind_gateway):
    api, config = behind_gateway(PostsService, AccountabilityService)
    org = Organisation(api, api.login("admin", "admin"))
    division, leader, head = org.division()
    a = org.staff(division_id=division["id"], name="张三")
    return type("Office", (), dict(api=api, org=org, division=division, leader=leader,
                                   head=head, a=a, config=config))


def violations_of(o, person):
    return [
        make_event("documents", "overdue", {
            "document_id": str(uuid.uuid4()), "title": "请示", "division_id": o.division["id"],
            "assignee_id": person, "acting_id": None, "due_date": date(2026, 11, 20),
            "days_late": 6}, now=NOW),
        make_event("attendance", "late_return", {
            "absence_id": str(uuid.uuid4()), "staff_id": person, "expected_return_at": NOW,
            "detected_at": NOW + timedelta(minutes=20), "approver_id": o.head["id"]}, now=NOW),
        make_event("inquiries", "complaint_filed", {
            "complaint_id": str(uuid.uuid4()), "staff_id": person, "inquiry_id": None,
            "category": "attitude", "filed_at": NOW}, now=NOW),
    ]


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
    assert (again.status_code, again.json()["error"]["code"]) == (409, "case_closed")

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
    parked = wait_until(lambda: len(peek_queue(o.config["vhost"], "xiaoneng.parked")) == 2
                        and peek_queue(o.config["vhost"], "xiaoneng.parked"), timeout=15)
    reasons = " | ".join(m["properties"]["headers"]["x-parked-reason"] for m in parked)
    assert "no staff with id ghost" in reasons  # unknown person
    assert "'staff_id': ['Field may not be null.']" in reasons  # fails its contract
    assert cases(o) == []
