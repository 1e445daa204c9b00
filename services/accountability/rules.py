"""责任追究制: violations, graded into cases by a policy kept as data, and decisions.

情节较轻的，给予批评教育；情节严重的，给予通报批评或者书面告诫，并视情责令离岗培训、
调离工作岗位、降职、责令辞职或辞退；构成犯罪的，依法追究法律责任。同时追究有关领导责任。
"""

from datetime import timedelta

from chassis.errors import Conflict, Forbidden, Invalid

KINDS = ("overdue", "late_return", "unauthorised_absence", "complaint", "notice_violated",
         "first_inquiry_lapsed", "handover_failed")
OUTCOMES = {"criticism_education": "批评教育", "circulated_criticism": "通报批评",
            "written_warning": "书面告诫", "judicial_referral": "移送司法"}
MEASURES = {"off_post_training": "离岗培训", "transfer": "调离工作岗位", "demotion": "降职",
            "ordered_resignation": "责令辞职", "dismissal": "辞退"}
WITH_MEASURES = ("circulated_criticism", "written_warning")

DEFAULT_POLICY = {
    "window_days": 365,
    "weights": {kind: 1 for kind in KINDS},
    # Mitigation: a violation whose ``detail`` is at most ``at_most`` counts ``factor``
    # times, e.g. {"kind": "overdue", "detail": "days_late", "at_most": 1, "factor": 0.5}.
    # None by default, so that 3 violations in the window make a case serious.
    "mitigation": [],
    # Ordered from the mildest: the last grade whose threshold is met applies.
    "grades": [
        {"severity": "light", "min_score": 1, "outcome": "criticism_education",
         "measures": []},
        {"severity": "serious", "min_score": 3, "outcome": "circulated_criticism",
         "measures": []},
        {"severity": "serious", "min_score": 5, "outcome": "written_warning",
         "measures": ["off_post_training"]},
    ],
    # Any one of these makes the case serious whatever the score (吃拿卡要).
    "serious_if_any": [{"kind": "complaint", "category": "graft"}],
    # A possible crime: judicial referral is suggested, and only a leader decides it.
    "referral_if": [{"kind": "complaint", "category": "graft", "count": 2}],
}


class NotLeader(Forbidden):
    code = "not_a_leader"


class AlreadyDecided(Conflict):
    code = "case_closed"


class UnknownOutcome(Invalid):
    code = "unknown_outcome"


class UnknownMeasure(Invalid):
    code = "unknown_measure"


class MeasuresNeedSeriousOutcome(Invalid):
    code = "measures_need_serious_outcome"


class ReasonRequired(Invalid):
    code = "reason_required"


class NotAllowedToSee(Forbidden):
    code = "not_allowed"


def check_policy(policy):
    """A policy from config must name known kinds, outcomes and measures."""
    unknown = [k for k in policy["weights"] if k not in KINDS]
    grades = policy["grades"]
    bad = [g["outcome"] for g in grades if g["outcome"] not in OUTCOMES] + \
        [m for g in grades for m in g["measures"] if m not in MEASURES]
    if unknown or bad or not grades:
        raise ValueError(f"grading policy: unknown kinds {unknown} or outcomes/measures {bad}")
    return policy


def _matches(violation, condition):
    return violation["kind"] == condition["kind"] and all(
        violation["details"].get(k) == v for k, v in condition.items()
        if k not in ("kind", "count"))


def weight(policy, violation):
    value = policy["weights"].get(violation["kind"], 1)
    for rule in policy["mitigation"]:
        detail = violation["details"].get(rule["detail"])
        if rule["kind"] == violation["kind"] and detail is not None \
                and detail <= rule["at_most"]:
            value *= rule["factor"]
    return value


def grade(policy, violations, now):
    """(severity, suggested outcome, suggested measures) for a person's recent violations.

    ``violations`` are dicts ``{kind, occurred_at, details}``; those older than the
    policy's window do not count.
    """
    recent = [v for v in violations
              if v["occurred_at"] > now - timedelta(days=policy["window_days"])]
    for rule in policy["referral_if"]:
        if sum(_matches(v, rule) for v in recent) >= rule.get("count", 1):
            return "criminal", "judicial_referral", []
    score = sum(weight(policy, v) for v in recent)
    chosen = None
    for candidate in policy["grades"]:
        if score >= candidate["min_score"]:
            chosen = candidate
    if any(_matches(v, rule) for v in recent for rule in policy["serious_if_any"]):
        serious = [g for g in policy["grades"] if g["severity"] == "serious"]
        if serious and (chosen is None or chosen["severity"] != "serious"):
            chosen = serious[0]
    if chosen is None:
        chosen = policy["grades"][0]
    return chosen["severity"], chosen["outcome"], list(chosen["measures"])


def needs_leader_case(old_severity, new_severity):
    """追究有关领导责任: once a case turns serious (or worse), the leader answers too."""
    grave = ("serious", "criminal")
    return new_severity in grave and old_severity not in grave


def responsible_leader(person, division):
    """The division head answers for staff; the supervising leader for a head."""
    if division is None:
        return None
    leader = division["head_id"] if person["id"] != division["head_id"] \
        else division["leader_id"]
    return leader if leader != person["id"] else None


def check_decision(case, actor, outcome, measures):
    if actor["role"] != "leader":
        raise NotLeader("only a leader decides a case")
    if case.status != "open":
        raise AlreadyDecided(f"the case is {case.status}", {"status": case.status})
    if outcome not in OUTCOMES:
        raise UnknownOutcome("unknown outcome", {"outcome": outcome, "known": list(OUTCOMES)})
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise UnknownMeasure("unknown measures", {"measures": unknown,
                                                   "known": list(MEASURES)})
    if measures and outcome not in WITH_MEASURES:
        raise MeasuresNeedSeriousOutcome(
            "measures go with circulated criticism or a written warning",
            {"outcome": outcome})


def check_dismissal(case, actor, reason):
    if actor["role"] != "leader":
        raise NotLeader("only a leader dismisses a case")
    if case.status != "open":
        raise AlreadyDecided(f"the case is {case.status}", {"status": case.status})
    if not (reason or "").strip():
        raise ReasonRequired("a dismissal needs its reason (e.g. force majeure)")


def check_appraisal_reader(actor, staff_id, head_id):
    """The staff member, their division head, a leader or an admin."""
    if actor["role"] in ("leader", "admin") or actor["id"] in (staff_id, head_id):
        return
    raise NotAllowedToSee("only the person, their head, a leader or an admin")
