"""统计分析 behind the gateway: accountability counts the services' events — each delivered
twice, none counted twice — and answers the overview to a head for their own division, to
leaders and admins for any; bad periods and readers are refused."""

import time
import uuid
from datetime import date, datetime

import pytest

from chassis.clock import OFFICE_TZ
from chassis.envelope import make_event
from services.accountability.service import AccountabilityService
from services.posts.service import PostsService
from tests.api import V1, Office
from tests.helpers import publish_event, wait_until

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=OFFICE_TZ)
MARCH = "from=2026-03-01&to=2026-03-31"


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(NOW)
    api, config = behind_gateway(PostsService, AccountabilityService)
    o = Office(api, config=config, set_now=set_now, a="张三")
    # accountability knows the people and the division from posts' events
    wait_until(lambda: api.request("GET", f"{V1}/appraisals/{o.a['id']}?year=2026",
                                   o.leader["token"]).status_code == 200, timeout=15)
    wait_until(lambda: api.request("GET", f"{V1}/stats/overview", o.head["token"])
               .status_code == 200, timeout=15)
    return o


def on(day, hour=10):
    return datetime(2026, 3, day, hour, tzinfo=OFFICE_TZ)


def facts(o):
    """One of each fact a division's overview counts, as its producers raise them."""
    a, d, head = o.a["id"], o.division["id"], o.head["id"]
    doc = {"title": "请示", "division_id": d, "assignee_id": a, "acting_id": None,
           "days_late": 1}
    assigned = {"document_id": "doc1", "division_id": d, "assigned_by": head,
                "due_date": date(2026, 3, 16)}
    absence = {"staff_id": a, "reason": "开会", "expected_return_at": on(2, 12),
               "approver_id": head}
    complaint = {"staff_id": a, "inquiry_id": None, "division_id": d, "filed_at": on(3)}
    return [
        ("documents", "document_assigned", {**assigned, "assignee_id": a,
                                            "assigned_at": on(2), "reassigned": False}),
        ("documents", "document_assigned", {**assigned, "assignee_id": head,  # handed on
                                            "assigned_at": on(3), "reassigned": True}),
        ("documents", "overdue", {**doc, "document_id": "doc2", "due_date": date(2026, 3, 10)}),
        ("documents", "overdue", {**doc, "document_id": "doc3", "due_date": date(2026, 3, 11)}),
        ("documents", "document_completed", {
            "document_id": "doc2", "division_id": d, "assignee_id": a, "completed_by": a,
            "due_date": date(2026, 3, 10), "completed_on": date(2026, 3, 12),
            "on_time": False}),
        ("attendance", "absence_started", {**absence, "absence_id": "n1", "kind": "notice",
                                           "start_at": on(2, 10)}),
        ("attendance", "absence_started", {**absence, "absence_id": "l1", "kind": "leave",
                                           "start_at": on(4, 0)}),
        ("attendance", "late_return", {"absence_id": "n1", "staff_id": a, "approver_id": head,
                                       "expected_return_at": on(2, 12),
                                       "detected_at": on(2, 13)}),
        ("inquiries", "inquiry_recorded", {"inquiry_id": "i1", "first_responder_id": a,
                                           "division_id": d, "recorded_at": on(5)}),
        ("inquiries", "application_accepted", {
            "application_id": "app1", "matter_id": "m", "division_id": d, "reviewer_id": a,
            "accepted_at": on(5), "due_date": date(2026, 3, 6)}),
        ("inquiries", "overdue", {
            "application_id": "app1", "matter_id": "m", "reviewer_id": a, "acting_id": None,
            "due_date": date(2026, 3, 6), "days_late": 1, "source": "application",
            "division_id": d}),
        ("inquiries", "complaint_filed", {**complaint, "complaint_id": "c1",
                                          "category": "attitude"}),
        ("inquiries", "complaint_filed", {**complaint, "complaint_id": "c2",
                                          "category": "shirking"}),
        ("inquiries", "complaint_concluded", {
            **complaint, "complaint_id": "c1", "category": "attitude",
            "finding": "substantiated", "concluded_by": head, "concluded_at": on(6)}),
    ]


EXPECTED = {
    "documents": {"assigned": 1, "completed_on_time": 0, "completed_late": 1,
                  "overdue_open": 1},
    "absences": {"notices": 1, "leave_requests": 1, "late_returns": 1, "unauthorised": 0},
    "inquiries": {"recorded": 1, "lapsed": 0},
    "applications": {"accepted": 1, "completed_on_time": 0, "completed_late": 0,
                     "overdue_open": 1},
    "complaints": {"received": 2, "substantiated": 1, "attitude": 1, "shirking": 1},
    "violations": {"overdue": 3, "late_return": 1, "complaint": 1},
    "cases": {"serious": 1, "light": 1},  # A's, and the head's linked to it
}


def summary(counts):
    """The counts with the breakdowns' non-zero entries beside the plain ones."""
    found = {}
    for section, values in counts.items():
        if section in EXPECTED:
            flat = {k: v for k, v in values.items() if not isinstance(v, dict)}
            for breakdown in (v for v in values.values() if isinstance(v, dict)):
                flat.update({k: n for k, n in breakdown.items() if n})
            found[section] = flat
    return found


def overview(o, token, query=MARCH):
    return o.api.ok("GET", f"{V1}/stats/overview?{query}", token)


def test_every_fact_is_counted_once_though_each_event_arrives_twice(office):
    o = office
    for source, type_, data in facts(o):
        body = make_event(source, type_, data, now=NOW)
        for _ in range(2):
            publish_event(o.config["AMQP_URI"], body, source=source, type_=type_)
    wait_until(lambda: summary(overview(o, o.head["token"])) == EXPECTED, timeout=20,
               message="every fact counted")
    time.sleep(1)  # the second copies, queued behind the first, are handled by now
    found = overview(o, o.head["token"])
    assert summary(found) == EXPECTED
    assert [(d["division_id"], summary(d)) for d in found["by_division"]] == [
        (o.division["id"], EXPECTED)]
    assert [(m["month"], summary(m)) for m in found["monthly"]] == [("2026-03", EXPECTED)]

    first_days = overview(o, o.leader["token"], f"from=2026-03-02&to=2026-03-04"
                          f"&division_id={o.division['id']}")
    assert (first_days["documents"]["assigned"], first_days["absences"]["notices"],
            first_days["absences"]["leave_requests"], first_days["inquiries"]["recorded"]) \
        == (1, 1, 1, 0)


def test_bad_periods_and_readers_are_refused(office):
    o = office
    path = f"{V1}/stats/overview"
    assert o.api.refused("GET", f"{path}?from=2026-03-31&to=2026-03-01",
                         o.head["token"]) == (422, "invalid_period")
    assert o.api.refused("GET", f"{path}?from=2023-03-01&to=2026-03-01",
                         o.leader["token"]) == (422, "period_too_long")
    assert o.api.refused("GET", f"{path}?from=someday", o.leader["token"])[0] == 422
    assert o.api.refused("GET", path, o.a["token"]) == (403, "not_allowed")
    other = Office(o.api, o.admin, config=o.config, set_now=o.set_now)
    wait_until(lambda: o.api.request("GET", path, other.head["token"]).status_code == 200,
               timeout=15)
    assert o.api.refused("GET", f"{path}?division_id={o.division['id']}",
                         other.head["token"]) == (403, "not_your_division")
    assert o.api.refused("GET", f"{path}?division_id={uuid.uuid4()}",
                         o.leader["token"]) == (404, "division_not_found")
    assert o.api.refused("GET", f"{path}?division_id={uuid.uuid4()}",
                         other.head["token"]) == (403, "not_your_division")
    assert o.api.refused("GET", path) == (401, "missing_token")

    office_wide = overview(o, o.admin, "")
    assert (office_wide["from"], office_wide["to"]) == ("2026-01-01", "2026-03-20")
    assert {o.division["id"], other.division["id"]} <= {
        d["division_id"] for d in office_wide["by_division"]}
    assert [d["division_id"] for d in overview(o, other.head["token"], "")["by_division"]] \
        == [other.division["id"]]
    assert len(overview(o, o.leader["token"], "from=2024-01-01&to=2026-12-31")["monthly"]) \
        == 36
