"""People judge what the software proposes (DESIGN.md §2): 情况说明 by the person named,
维持 or 撤销 by a leader, a case graded by its circumstances (情节), a duty failure
recorded by the person's head or a leader (一.5).

Each check takes the facts it needs as plain values and raises a domain error.
"""

from dataclasses import dataclass
from datetime import datetime

from chassis.errors import Conflict, Forbidden, Invalid
from chassis.schemas import Acting
from services.accountability.rules.grading import (
    FITTING_OUTCOMES,
    MEASURES,
    OUTCOMES,
    SEVERITIES,
    WITH_MEASURES,
)


@dataclass(frozen=True)
class CaseFacts:
    staff_id: str
    status: str
    contested: int = 0  # violations of the case still awaiting a leader's judgement


class NotLeader(Forbidden):
    code = "not_a_leader"


class OwnMatter(Forbidden):
    """Nobody judges their own violation or decides their own case."""

    code = "own_matter"


class NotYours(Forbidden):
    code = "not_your_violation"


class NotYourDivision(Forbidden):
    code = "not_your_division"


class NotAllowedToSee(Forbidden):
    code = "not_allowed"


class AlreadyDecided(Conflict):
    code = "case_closed"


class AlreadyContested(Conflict):
    code = "already_contested"


class AlreadyJudged(Conflict):
    code = "violation_judged"


class ViolationContested(Conflict):
    code = "violation_contested"


class UnknownOutcome(Invalid):
    code = "unknown_outcome"


class UnknownMeasure(Invalid):
    code = "unknown_measure"


class UnknownSeverity(Invalid):
    code = "unknown_severity"


class OutcomeMismatch(Invalid):
    code = "outcome_mismatch"


class MeasuresNeedSeriousOutcome(Invalid):
    code = "measures_need_serious_outcome"


class TextRequired(Invalid):
    """A judgement is recorded with its words: an explanation, a note, a reason."""


class OccurredInFuture(Invalid):
    code = "occurred_in_future"


def _require_text(text: str, code: str, what: str) -> None:
    if not (text or "").strip():
        raise TextRequired(f"{what} is required", code=code)


def _leader_only(actor: Acting, subject_id: str, verb: str) -> None:
    if actor.role != "leader":
        raise NotLeader(f"only a leader {verb}")
    if actor.id == subject_id:
        raise OwnMatter(f"nobody {verb} their own")


def check_contest(status: str, held_id: str, actor: Acting, explanation: str) -> None:
    """申辩: the person named gives their account (情况说明), once, before a judgement."""
    if actor.id != held_id:
        raise NotYours("only the person it is held against contests a violation")
    if status == "contested":
        raise AlreadyContested("the explanation has been given already")
    if status != "recorded":
        raise AlreadyJudged(f"the violation is {status}", {"status": status})
    _require_text(explanation, "explanation_required", "an explanation (情况说明)")


def check_judgement(status: str, held_id: str, actor: Acting, text: str, verb: str) -> None:
    """维持 (uphold, with a note) or 撤销 (waive, with a reason), by a leader, once."""
    _leader_only(actor, held_id, f"{verb}s a violation")
    if status not in ("recorded", "contested"):
        raise AlreadyJudged(f"the violation is {status}", {"status": status})
    code, what = ("note_required", "a note") if verb == "uphold" else \
        ("reason_required", "a reason")
    _require_text(text, code, what)


def check_decision(case: CaseFacts, actor: Acting, severity: str, outcome: str,
                   measures: list[str]) -> None:
    """裁定: a leader grades an open case by its circumstances; the outcome fits the grade."""
    _leader_only(actor, case.staff_id, "decides a case")
    _check_open(case)
    if case.contested:
        raise ViolationContested("a contested violation awaits its judgement first",
                                 {"contested": case.contested})
    if severity not in SEVERITIES:
        raise UnknownSeverity("unknown severity", {"severity": severity,
                                                   "known": list(SEVERITIES)})
    if outcome not in OUTCOMES:
        raise UnknownOutcome("unknown outcome", {"outcome": outcome, "known": list(OUTCOMES)})
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise UnknownMeasure("unknown measures", {"measures": unknown,
                                                   "known": list(MEASURES)})
    if outcome not in FITTING_OUTCOMES[severity]:
        raise OutcomeMismatch(f"a {severity} case allows {', '.join(FITTING_OUTCOMES[severity])}",
                              {"severity": severity, "outcome": outcome,
                               "allowed": list(FITTING_OUTCOMES[severity])})
    if measures and outcome not in WITH_MEASURES:
        raise MeasuresNeedSeriousOutcome(
            "measures go with circulated criticism or a written warning", {"outcome": outcome})


def check_dismissal(case: CaseFacts, actor: Acting, reason: str) -> None:
    _leader_only(actor, case.staff_id, "dismisses a case")
    _check_open(case)
    _require_text(reason, "reason_required", "a dismissal's reason (e.g. force majeure)")


def _check_open(case: CaseFacts) -> None:
    if case.status != "open":
        raise AlreadyDecided(f"the case is {case.status}", {"status": case.status})


def check_recorder(actor: Acting, person_division_id: str | None, occurred_at: datetime,
                   now: datetime) -> None:
    """一.5: a division head records duty failures of their own division's staff; leaders
    and admins of anyone. What has not happened yet is not a failure."""
    if actor.role == "division_head" and (
            actor.division_id is None or actor.division_id != person_division_id):
        raise NotYourDivision("a division head records failures of their own division's staff")
    if occurred_at > now:
        raise OccurredInFuture("a duty failure cannot lie in the future",
                               {"occurred_at": occurred_at.isoformat()})


def violations_visible_to(actor: Acting, staff_id: str | None) -> str | None:
    """Whose violations the actor may list: staff see only their own (the default for them)."""
    if actor.role != "staff":
        return staff_id
    if staff_id not in (None, actor.id):
        raise NotAllowedToSee("a staff member sees only their own violations")
    return actor.id


def check_appraisal_reader(actor: Acting, staff_id: str, head_id: str | None) -> None:
    """The staff member, their division head, a leader or an admin."""
    if actor.role in ("leader", "admin") or actor.id in (staff_id, head_id):
        return
    raise NotAllowedToSee("only the person, their head, a leader or an admin")
