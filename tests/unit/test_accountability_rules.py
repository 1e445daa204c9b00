"""责任追究制 rules: grading by policy, natures, leader responsibility, people's judgements."""

from datetime import UTC, datetime, timedelta

import pytest

from office.acting import Acting
from services.accountability import intake
from services.accountability.rules import grading as rules
from services.accountability.rules import judgement
from services.accountability.rules.judgement import CaseFacts

NOW = datetime(2026, 11, 26, tzinfo=UTC)
POLICY = rules.DEFAULT_POLICY
LEADER, HEAD = Acting("l", "leader"), Acting("h", "division_head", "d-1")
STAFF = Acting("a", "staff", "d-1")


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
    assert rules.grade(POLICY, [graft, graft], NOW) == ("serious", "judicial_referral", [])


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


def test_the_leader_answers_for_a_serious_case_only():
    assert rules.leader_answers("serious")
    assert not rules.leader_answers("light")


def test_each_kind_has_a_default_nature_and_a_complaint_follows_its_category():
    assert set(rules.DEFAULT_NATURES) | {"duty_failure"} == set(rules.KINDS)
    assert rules.default_nature("overdue", {}) == "non_performance"  # 拖延
    assert rules.default_nature("late_return", {}) == "improper_performance"  # 时限
    assert rules.default_nature("complaint", {"category": "shirking"}) == "non_performance"
    assert rules.default_nature("complaint", {"category": "graft"}) == "improper_performance"


def test_a_head_answers_for_staff_and_the_supervising_leader_for_a_head():
    division = rules.Division("d", head_id="head", leader_id="boss")
    assert rules.responsible_leader(rules.Person("a", "d"), division) == "head"
    assert rules.responsible_leader(rules.Person("head", "d"), division) == "boss"
    assert rules.responsible_leader(rules.Person("a", None), None) is None
    assert rules.responsible_leader(rules.Person("boss", "d"),
                                    rules.Division("d", None, "boss")) is None


def test_only_a_leader_decides_an_open_case_with_known_outcomes_and_measures():
    case = CaseFacts(staff_id="a", status="open")
    judgement.check_decision(case, LEADER, "serious", "written_warning", ["transfer"])
    with pytest.raises(judgement.NotLeader):
        judgement.check_decision(case, HEAD, "light", "criticism_education", [])
    with pytest.raises(judgement.UnknownOutcome):
        judgement.check_decision(case, LEADER, "light", "fine", [])
    with pytest.raises(judgement.UnknownSeverity):
        judgement.check_decision(case, LEADER, "criminal", "judicial_referral", [])
    with pytest.raises(judgement.UnknownMeasure):
        judgement.check_decision(case, LEADER, "serious", "written_warning", ["exile"])
    with pytest.raises(judgement.MeasuresNeedSeriousOutcome):
        judgement.check_decision(case, LEADER, "serious", "judicial_referral", ["demotion"])
    with pytest.raises(judgement.AlreadyDecided):
        judgement.check_decision(CaseFacts("a", "decided"), LEADER, "serious",
                                 "written_warning", [])
    with pytest.raises(judgement.TextRequired) as refused:
        judgement.check_dismissal(case, LEADER, " ")
    assert refused.value.code == "reason_required"


@pytest.mark.parametrize(("severity", "outcome", "fits"), [
    ("light", "criticism_education", True), ("light", "judicial_referral", True),
    ("light", "circulated_criticism", False), ("light", "written_warning", False),
    ("serious", "circulated_criticism", True), ("serious", "written_warning", True),
    ("serious", "judicial_referral", True), ("serious", "criticism_education", False),
])
def test_the_outcome_must_fit_the_severity_the_leader_judged(severity, outcome, fits):
    case = CaseFacts(staff_id="a", status="open")
    if fits:
        judgement.check_decision(case, LEADER, severity, outcome, [])
    else:
        with pytest.raises(judgement.OutcomeMismatch):
            judgement.check_decision(case, LEADER, severity, outcome, [])


def test_a_case_with_a_contested_violation_waits_and_nobody_decides_their_own():
    with pytest.raises(judgement.ViolationContested):
        judgement.check_decision(CaseFacts("a", "open", contested=1), LEADER, "light",
                                 "criticism_education", [])
    with pytest.raises(judgement.Recusal):
        judgement.check_decision(CaseFacts("l", "open"), LEADER, "light",
                                 "criticism_education", [])


def test_only_the_person_named_contests_once_and_with_an_explanation():
    judgement.check_contest("recorded", "a", STAFF, "当天系统故障")
    with pytest.raises(judgement.NotYours):
        judgement.check_contest("recorded", "b", STAFF, "不是我")
    with pytest.raises(judgement.AlreadyContested):
        judgement.check_contest("contested", "a", STAFF, "再说一次")
    with pytest.raises(judgement.AlreadyJudged):
        judgement.check_contest("waived", "a", STAFF, "已撤销")
    with pytest.raises(judgement.TextRequired):
        judgement.check_contest("recorded", "a", STAFF, "  ")


def test_a_leader_upholds_with_a_note_or_waives_with_a_reason_once():
    judgement.check_judgement("contested", {"a"}, LEADER, "理由不成立", "uphold")
    judgement.check_judgement("recorded", {"a"}, LEADER, "不可抗力", "waive")
    with pytest.raises(judgement.NotLeader):
        judgement.check_judgement("contested", {"a"}, HEAD, "维持", "uphold")
    with pytest.raises(judgement.Recusal):
        judgement.check_judgement("contested", {"l"}, LEADER, "撤销", "waive")
    with pytest.raises(judgement.AlreadyJudged):
        judgement.check_judgement("upheld", {"a"}, LEADER, "撤销", "waive")
    with pytest.raises(judgement.TextRequired) as refused:
        judgement.check_judgement("contested", {"a"}, LEADER, "", "uphold")
    assert refused.value.code == "note_required"


def test_a_head_records_duty_failures_of_their_own_division_only_and_not_ahead():
    judgement.check_recorder(HEAD, "a", "d-1", ["d-1"], NOW, NOW)
    judgement.check_recorder(LEADER, "x", "d-9", [], NOW, NOW)
    with pytest.raises(judgement.NotYourDivision):
        judgement.check_recorder(HEAD, "x", "d-2", ["d-1"], NOW, NOW)
    with pytest.raises(judgement.OccurredInFuture):
        judgement.check_recorder(LEADER, "a", "d-1", [], NOW + timedelta(days=1), NOW)


def test_staff_see_only_their_own_violations():
    assert judgement.violations_visible_to(STAFF, None) == "a"
    assert judgement.violations_visible_to(HEAD, None) is None
    with pytest.raises(judgement.NotAllowedToSee):
        judgement.violations_visible_to(STAFF, "b")


def test_each_violation_event_names_who_is_at_fault():
    at = NOW
    overdue_application = {"reviewer_id": "r", "acting_id": None, "source": "application"}
    assert intake.violations("inquiries", "overdue", overdue_application, at)[0][0] == "r"
    assert intake.violations("inquiries", "overdue", {**overdue_application,
                                                      "acting_id": "b"}, at)[0][0] == "b"
    lapse = {"first_responder_id": "a", "acting_id": "b", "stage": "first_response",
             "head_id": None}
    assert intake.violations("inquiries", "first_inquiry_lapsed", lapse, at)[0][0] == "b"
    assert intake.violations("inquiries", "first_inquiry_lapsed", {
        **lapse, "stage": "guided", "head_id": "h"}, at)[0][0] == "h"
    assert intake.violations("documents", "overdue", {"assignee_id": "a", "acting_id": "b"},
                             at)[0][0] == "b"
    assert intake.violations("documents", "overdue", {"assignee_id": "a", "acting_id": None},
                             at)[0][0] == "a"
    assert [p for p, *_ in intake.violations("inquiries", "notice_violated", {
        "reviewer_id": "r2", "earlier_reviewer_ids": ["r1", "r3"]}, at)] == ["r1", "r3"]
    assert intake.violations("posts", "handover_failed", {"head_id": "h"}, at)[0][:2] == (
        "h", "handover_failed")


def test_only_a_substantiated_complaint_is_a_violation_against_the_person_found():
    data = {"finding": "unsubstantiated", "staff_id": None, "filed_at": NOW,
            "category": "attitude"}
    assert intake.violations("inquiries", "complaint_concluded", data, NOW) == []
    [found] = intake.violations("inquiries", "complaint_concluded",
                                {**data, "finding": "substantiated", "staff_id": "a"}, NOW)
    assert found[:2] == ("a", "complaint")


def test_an_event_naming_nobody_is_refused():
    with pytest.raises(intake.NobodyToHold):
        intake.violations("posts", "handover_failed", {"head_id": None}, NOW)


def test_a_leader_or_an_admin_lists_any_divisions_appraisals_or_every_one():
    for overseer in (LEADER, Acting("x", "admin")):
        assert judgement.appraised_divisions(overseer, None, set(), []) is None
        assert judgement.appraised_divisions(overseer, "d-2", set(), []) == ["d-2"]


def test_a_head_lists_the_appraisals_of_the_divisions_they_head_now():
    assert judgement.appraised_divisions(HEAD, None, set(), ["d-1"]) == ["d-1"]
    assert judgement.appraised_divisions(HEAD, "d-1", {"h"}, ["d-1"]) == ["d-1"]
    acting_b = Acting("b", "staff")  # a B acting for the absent head (五.3)
    assert judgement.appraised_divisions(acting_b, "d-1", {"h", "b"}, ["d-1"]) == ["d-1"]


def test_nobody_else_lists_a_divisions_appraisals():
    with pytest.raises(judgement.NotAllowedToSee):
        judgement.appraised_divisions(HEAD, "d-2", {"other"}, ["d-1"])
    for reader in (STAFF, Acting("h2", "division_head")):  # heading nothing
        with pytest.raises(judgement.NotAllowedToSee):
            judgement.appraised_divisions(reader, None, set(), [])
