"""Case recording (accountability/cases.py) on a fake unit of work: a violation joins the
person's one open case, the case is graded again, a serious case opens the leader's."""

import uuid
from datetime import timedelta

import pytest

from chassis.clock import clock
from services.accountability import cases
from services.accountability.models import Base, Case, Violation
from services.accountability.rules.grading import DEFAULT_POLICY, Division, Person
from tests.fakes import FakeWork

A = Person("a", "d")
DIVISION = Division("d", head_id="head", leader_id="boss")


@pytest.fixture
def work():
    return FakeWork(Base, "accountability")


def record(work, kind="overdue", source_event_id=None, person=A, details=None,
           division=DIVISION):
    return cases.record(work, person, division, {
        "kind": kind, "nature": "non_performance", "details": details or {},
        "occurred_at": clock.now() - timedelta(days=1), "source": "documents",
        "source_event_id": source_event_id or str(uuid.uuid4())}, DEFAULT_POLICY)


def open_cases(work, staff_id):
    return work.session.query(Case).filter_by(staff_id=staff_id, status="open").all()


def test_violations_join_one_open_case_which_turns_serious_and_opens_the_heads_case(work):
    first = record(work)
    [case] = open_cases(work, "a")
    assert (first.case_id, case.severity, case.responsible_id) == (case.id, "light", "head")
    assert [e["kind"] for e in work.raised("case_opened")] == ["personal"]
    record(work, "late_return")
    record(work, "complaint", details={"category": "attitude"})
    assert open_cases(work, "a") == [case] and case.severity == "serious"
    [leader_case] = open_cases(work, "head")
    assert (leader_case.kind, leader_case.linked_case_id) == ("leader_responsibility", case.id)
    assert len(work.raised("violation_recorded")) == 3


def test_the_same_source_event_is_recorded_once(work):
    assert record(work, source_event_id="e1") is not None
    assert record(work, source_event_id="e1") is None
    assert work.session.query(Violation).count() == 1


def test_a_head_answers_to_the_supervising_leader_and_nobody_answers_for_the_leader(work):
    record(work, person=Person("head", "d"))
    assert open_cases(work, "head")[0].responsible_id == "boss"
    record(work, person=Person("boss", None), division=None)
    assert open_cases(work, "boss")[0].responsible_id is None
