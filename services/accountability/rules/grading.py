"""责任追究制: violations graded into cases by a policy kept as data.

情节较轻的，给予批评教育；情节严重的，给予通报批评或者书面告诫，并视情责令离岗培训、
调离工作岗位、降职、责令辞职或辞退；构成犯罪的，依法追究法律责任。同时追究有关领导责任。
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from contracts.vocabulary import (
    DEFAULT_NATURES,
    MEASURES,
    OUTCOMES,
    SEVERITIES,
    VIOLATION_KINDS,
    VIOLATION_STATUSES,
)

KINDS = tuple(VIOLATION_KINDS)
WITH_MEASURES = ("circulated_criticism", "written_warning")
# A complaint of shirking, delay or a partial notice is about not doing; the rest, doing wrong.
COMPLAINT_NATURES = {"shirking": "non_performance", "overdue": "non_performance",
                     "no_one_time_notice": "non_performance"}
STATUSES = tuple(VIOLATION_STATUSES)
COUNTING = ("recorded", "contested", "upheld")  # a waived violation leaves every count

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


def check_policy(policy: dict) -> dict:
    """A policy from config must name known kinds, outcomes and measures."""
    unknown = [k for k in policy["weights"] if k not in KINDS]
    grades = policy["grades"]
    bad = [g["outcome"] for g in grades if g["outcome"] not in OUTCOMES] + \
        [m for g in grades for m in g["measures"] if m not in MEASURES] + \
        [g["severity"] for g in grades if g["severity"] not in SEVERITIES]
    if unknown or bad or not grades:
        raise ValueError(f"grading policy: unknown kinds {unknown} or "
                         f"outcomes/measures/severities {bad}")
    return policy


def _matches(violation, condition):
    return violation["kind"] == condition["kind"] and all(
        violation["details"].get(k) == v for k, v in condition.items()
        if k not in ("kind", "count"))


def weight(policy: Mapping, violation: Mapping) -> float:
    value = policy["weights"].get(violation["kind"], 1)
    for rule in policy["mitigation"]:
        detail = violation["details"].get(rule["detail"])
        if rule["kind"] == violation["kind"] and detail is not None \
                and detail <= rule["at_most"]:
            value *= rule["factor"]
    return value


def grade(policy: Mapping, violations: Sequence[Mapping],
          now: datetime) -> tuple[str, str, list[str]]:
    """(severity, suggested outcome, suggested measures) for a person's recent violations.

    ``violations`` are the counting ones, dicts ``{kind, occurred_at, details}``; those
    older than the policy's window do not count. A possible crime is ``serious`` with
    judicial referral suggested.
    """
    recent = [v for v in violations
              if v["occurred_at"] > now - timedelta(days=policy["window_days"])]
    for rule in policy["referral_if"]:
        if sum(_matches(v, rule) for v in recent) >= rule.get("count", 1):
            return "serious", "judicial_referral", []
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


def default_nature(kind: str, details: Mapping) -> str:
    """八.2's nature of a violation reported by an event; a complaint's follows its category."""
    if kind == "complaint":
        return COMPLAINT_NATURES.get(details.get("category"), DEFAULT_NATURES[kind])
    return DEFAULT_NATURES[kind]


def leader_answers(severity: str) -> bool:
    """追究有关领导责任: a serious case makes the person's leader answer too."""
    return severity == "serious"


@dataclass(frozen=True)
class Person:
    """Someone a violation is about, as accountability's staff view knows them."""

    id: str
    division_id: str | None


@dataclass(frozen=True)
class Division:
    """A division's head (处室负责人) and supervising leader (分管领导)."""

    id: str
    head_id: str | None
    leader_id: str | None


def responsible_leader(person: Person, division: Division | None) -> str | None:
    """The division head answers for staff; the supervising leader for a head."""
    if division is None:
        return None
    leader = division.head_id if person.id != division.head_id else division.leader_id
    return leader if leader != person.id else None
