"""统计 on a fake unit of work: events add to the day's and the month's counters, overdue
work leaves the count once done (whichever event comes first), violations and cases move
as they are waived and graded, and an overview reads whole months and part months alike."""

import uuid
from datetime import date, datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from chassis.envelope import load_event, make_event
from services.accountability import cases, overview, stats
from services.accountability.models import Base, Case, StaffView, StatsDay, StatsMonth
from services.accountability.rules.grading import DEFAULT_POLICY, Division, Person
from services.accountability.rules.period import Period
from tests.fakes import FakeWork

MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=OFFICE_TZ)
D1 = Division("d1", head_id="head", leader_id="boss")


@pytest.fixture
def work(set_now):
    set_now(MARCH + timedelta(days=1))  # cases open on the 11th
    fake = FakeWork(Base, "accountability")
    fake.add(StaffView(staff_id="a", name="张三", division_id="d1"),
             StaffView(staff_id="head", name="处长", division_id="d1"))
    return fake


def event(source, type_, **data):
    return load_event(make_event(source, type_, data, now=MARCH), source, type_)


def overdue(document_id, due_date):
    return event("documents", "overdue", document_id=document_id, title="请示",
                 division_id="d1", assignee_id="a", acting_id=None, due_date=due_date,
                 days_late=1)


def completed(document_id, due_date, completed_on):
    return event("documents", "document_completed", document_id=document_id,
                 division_id="d1", assignee_id="a", completed_by="a", due_date=due_date,
                 completed_on=completed_on, on_time=completed_on <= due_date)


def read(work, start, end, scope=None):
    by_month, by_division = overview.counted(work.session, Period(start, end), scope)
    return ({m: dict(+c) for m, c in by_month.items() if +c},  # counters left at 0 dropped
            {d: dict(+c) for d, c in by_division.items() if +c})


def march(work, scope=None):
    return read(work, date(2026, 3, 1), date(2026, 3, 31), scope)


def test_an_event_adds_to_its_days_and_its_months_counter_in_its_division(work):
    stats.count_event(work.session, event(
        "attendance", "late_return", absence_id="n", staff_id="a", expected_return_at=MARCH,
        detected_at=MARCH, approver_id="head"))
    stats.count_event(work.session, event(
        "inquiries", "complaint_filed", complaint_id="c", staff_id=None, inquiry_id=None,
        division_id=None, category="other", filed_at=MARCH))
    assert [(r.day, r.division_id, r.figure, r.n) for r in work.session.query(StatsDay)
            .order_by(StatsDay.division_id, StatsDay.figure)] == [
        (date(2026, 3, 10), "", "complaints.by_category.other", 1),
        (date(2026, 3, 10), "", "complaints.received", 1),
        (date(2026, 3, 10), "d1", "absences.late_returns", 1)]
    assert {(r.month, r.figure) for r in work.session.query(StatsMonth)} >= {
        (date(2026, 3, 1), "absences.late_returns")}


def test_overdue_work_leaves_the_open_count_once_done_whichever_event_comes_first(work):
    due = date(2026, 3, 11)
    stats.count_event(work.session, overdue("first", due))
    stats.count_event(work.session, overdue("second", due))
    assert march(work)[0][date(2026, 3, 1)]["documents.overdue_open"] == 2
    stats.count_event(work.session, completed("first", due, date(2026, 3, 13)))
    stats.count_event(work.session, completed("third", due, date(2026, 3, 13)))
    stats.count_event(work.session, overdue("third", due))  # its report came late
    totals = march(work)[1]["d1"]
    assert (totals["documents.overdue_open"], totals["documents.completed_late"]) == (1, 2)


def test_overdue_work_counts_on_its_new_due_date_when_it_is_overdue_again(work):
    stats.count_event(work.session, overdue("doc", date(2026, 3, 11)))
    stats.count_event(work.session, overdue("doc", date(2026, 4, 2)))
    assert march(work)[0] == {}
    april = read(work, date(2026, 4, 1), date(2026, 4, 30))[0]
    assert april == {date(2026, 4, 1): {"documents.overdue_open": 1}}


def record(work, kind, person=Person("a", "d1"), division=D1):
    return cases.record(work, person, division, {
        "kind": kind, "nature": "non_performance", "details": {}, "occurred_at": MARCH,
        "source": "documents", "source_event_id": str(uuid.uuid4())}, DEFAULT_POLICY)


def test_violations_count_by_kind_and_a_case_by_its_severity_now(work):
    record(work, "overdue")
    assert march(work)[1]["d1"] == {"violations.by_kind.overdue": 1,
                                    "cases.by_severity.light": 1}
    record(work, "late_return")
    waived = record(work, "overdue")
    assert march(work)[1]["d1"] == {"violations.by_kind.overdue": 2,
                                    "violations.by_kind.late_return": 1,
                                    "cases.by_severity.serious": 1,  # a's case
                                    "cases.by_severity.light": 1}  # the head's, linked
    waived.status = "waived"
    stats.count_violation(work.session, waived)
    case = work.session.query(Case).filter_by(staff_id="a").one()
    cases.regrade(work, case, DEFAULT_POLICY, "不可抗力", "boss")
    assert march(work)[1]["d1"] == {"violations.by_kind.overdue": 1,
                                    "violations.by_kind.late_return": 1,
                                    "cases.by_severity.light": 1}  # the head's is dismissed


def test_a_violation_or_case_recorded_before_the_counters_began_is_never_counted(work):
    """Judged or graded after the release, it would otherwise count in part: its case
    graded but not its violation, a past month half filled."""
    from services.accountability.models import Violation
    old_case = Case(id="c-old", staff_id="a", kind="personal", status="open",
                    severity="light", suggested_severity="light",
                    suggested_outcome="criticism_education", suggested_measures=[],
                    measures=[], opened_at=MARCH - timedelta(days=5))
    old = Violation(id="v-old", staff_id="a", case_id="c-old", status="recorded",
                    kind="overdue", nature="non_performance",
                    occurred_at=MARCH - timedelta(days=6), source="documents",
                    source_event_id="e-old", details={})
    work.session.add_all([old_case, old])
    old.status = "upheld"
    stats.count_violation(work.session, old)
    old_case.status = "decided"
    stats.count_case(work.session, old_case)
    assert march(work) == ({}, {})
    old.status = "waived"  # and no count is taken off for it either
    stats.count_violation(work.session, old)
    assert march(work) == ({}, {})
    record(work, "overdue")  # one recorded now counts
    assert march(work)[1]["d1"] == {"violations.by_kind.overdue": 1,
                                    "cases.by_severity.light": 1}


def test_an_overview_reads_whole_months_and_the_days_of_part_months_alike(work):
    for day in (date(2026, 2, 27), date(2026, 3, 2), date(2026, 3, 31), date(2026, 4, 1)):
        moment = datetime.combine(day, MARCH.timetz())
        stats.count_event(work.session, event(
            "inquiries", "inquiry_recorded", inquiry_id=str(uuid.uuid4()),
            first_responder_id="a", division_id="d1", recorded_at=moment))
    months, divisions = read(work, date(2026, 2, 28), date(2026, 4, 1))
    assert months == {date(2026, 3, 1): {"inquiries.recorded": 2},
                      date(2026, 4, 1): {"inquiries.recorded": 1}}
    assert divisions == {"d1": {"inquiries.recorded": 3}}
    assert read(work, date(2026, 3, 2), date(2026, 3, 2))[1] == {
        "d1": {"inquiries.recorded": 1}}
    assert read(work, date(2026, 2, 1), date(2026, 4, 30), scope=("d2",)) == ({}, {})
    assert read(work, date(2026, 3, 3), date(2026, 3, 3) + timedelta(days=27)) == ({}, {})
