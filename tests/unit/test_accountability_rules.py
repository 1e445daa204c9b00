"""责任追究制 rules: grading by policy, leader responsibility, decisions."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace as Record

import pytest

from services.accountability import intake, rules

NOW = datetime(2026, 11, 26, tzinfo=UTC)
POLICY = rules.DEFAULT_POLICY


def violation(kind="overdue", days_ago=10, **details):
    return {"kind": kind, "occurred_at": NOW - timedelta(days=days_ago), "details": details}


def test_one_or_two_violations_in_a_year_are_light():
    assert rules.grade(POLICY, [violation()], NOW) == ("light", "criticism_education", [])
    assert rules.grade(POLICY, [violation(), violation("late_return")], NOW)[0] == "light"


def test_three_violations_in_a_year_are_serious():
    three = [violation(), violation("late_return"), violation("complaint", category="attitude")]
    assert rules.grade(POLICY, three, NOW) == ("serious", "circulated_criticism", [])


def test_five_violations_suggest_a_written_warning_with_training():
    assert rules.grade(POLICY, [violation() for _ in range(5)], NOW) == (
        "serious", "written_warning", ["off_post_training"])


def test_violations_older_than_the_window_do_not_count():
    old = [violation(days_ago=400) for _ in range(3)]
    assert rules.grade(POLICY, old + [violation()], NOW)[0] == "light"


def test_a_single_graft_complaint_is_serious_and_two_suggest_judicial_referral():
    graft = violation("complaint", category="graft")
    assert rules.grade(POLICY, [graft], NOW)[0] == "serious"
    assert rules.grade(POLICY, [graft, graft], NOW) == ("criminal", "judicial_referral", [])


def test_a_policy_expresses_weights_and_mitigation():
    policy = {**POLICY, "weights": {**POLICY["weights"], "unauthorised_absence": 3},
              "mitigation": [{"kind": "overdue", "detail": "days_late", "at_most": 1,
                              "factor": 0.5}]}
    assert rules.grade(policy, [violation("unauthorised_absence")], NOW)[0] == "serious"
    slightly_late = [violation(days_late=1) for _ in range(4)]
    assert rules.grade(policy, slightly_late, NOW)[0] == "light"  # 4 × 0.5 = 2
    assert rules.grade(policy, [violation(days_late=5) for _ in range(3)], NOW)[0] == "serious"


def test_a_policy_naming_unknown_outcomes_is_refused():
    with pytest.raises(ValueError):
        rules.check_policy({**POLICY, "grades": [{"severity": "light", "min_score": 1,
                                                  "outcome": "flogging", "measures": []}]})


def test_the_leader_answers_once_a_case_turns_serious():
    assert rules.needs_leader_case("light", "serious")
    assert rules.needs_leader_case(None, "criminal")
    assert not rules.needs_leader_case("serious", "serious")
    assert not rules.needs_leader_case(None, "light")


def test_a_head_answers_for_staff_and_the_supervising_leader_for_a_head():
    division = {"head_id": "head", "leader_id": "boss"}
    assert rules.responsible_leader({"id": "a"}, division) == "head"
    assert rules.responsible_leader({"id": "head"}, division) == "boss"
    assert rules.responsible_leader({"id": "a"}, None) is None


def test_only_a_leader_decides_an_open_case_with_known_outcomes_and_measures():
    case = Record(status="open")
    leader, head = {"id": "l", "role": "leader"}, {"id": "h", "role": "division_head"}
    rules.check_decision(case, leader, "written_warning", ["transfer"])
    with pytest.raises(rules.NotLeader):
        rules.check_decision(case, head, "criticism_education", [])
    with pytest.raises(rules.UnknownOutcome):
        rules.check_decision(case, leader, "fine", [])
    with pytest.raises(rules.UnknownMeasure):
        rules.check_decision(case, leader, "written_warning", ["exile"])
    with pytest.raises(rules.MeasuresNeedSeriousOutcome):
        rules.check_decision(case, leader, "criticism_education", ["demotion"])
    with pytest.raises(rules.AlreadyDecided):
        rules.check_decision(Record(status="decided"), leader, "written_warning", [])
    with pytest.raises(rules.ReasonRequired):
        rules.check_dismissal(case, leader, " ")


def test_each_violation_event_names_who_is_at_fault():
    at = NOW
    assert intake.violations("documents", "overdue", {"assignee_id": "a", "acting_id": "b"},
                             at)[0][0] == "b"
    assert intake.violations("documents", "overdue", {"assignee_id": "a", "acting_id": None},
                             at)[0][0] == "a"
    assert [p for p, *_ in intake.violations("inquiries", "notice_violated", {
        "reviewer_id": "r2", "earlier_reviewer_ids": ["r1", "r3"]}, at)] == ["r1", "r3"]
    assert intake.violations("posts", "handover_failed", {"head_id": "h"}, at)[0][:2] == (
        "h", "handover_failed")


def test_an_event_naming_nobody_is_refused():
    with pytest.raises(intake.NobodyToHold):
        intake.violations("posts", "handover_failed", {"head_id": None}, NOW)
