"""People judge what the software proposes (README, "Who decides what"): 情况说明 by the
person named, 维持 or 撤销 by a leader, a case graded by its circumstances (情节), a duty failure
recorded by the person's head or a leader (一.5).

Each check takes the facts it needs as plain values and raises a domain error.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from chassis.errors import Conflict, Forbidden, Invalid, permitted
from contracts.vocabulary import FITTING_OUTCOMES, MEASURES, OUTCOMES, ROLE_GROUPS, SEVERITIES
from office.acting import Acting
from office.transitions import Transition
from services.accountability.rules.grading import WITH_MEASURES

LEADERSHIP = ROLE_GROUPS["LEADERSHIP"]  # answer for every division: see and judge all


@dataclass(frozen=True)
class CaseFacts:
    staff_id: str
    status: str
    contested: int = 0  # violations of the case still awaiting a leader's judgement
    # who answers for the subject if the case turns serious: holds (or would hold) the
    # linked leader case (追究有关领导责任), so may not judge this one either
    responsible_id: str | None = None

    @property
    def interested(self) -> set[str]:
        """Nobody judges a matter in which they are named or that decides their own
        responsibility (回避)."""
        return {self.staff_id} | ({self.responsible_id} if self.responsible_id else set())


class NotLeader(Forbidden):
    code = "not_a_leader"


class Recusal(Forbidden):
    """回避: nobody judges their own violation or case, nor one whose linked leader case
    they hold or would hold; another leader does."""

    code = "recusal"


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


def is_held(actor: Acting, held_id: str) -> bool:
    """The person a violation is held against."""
    return actor.id == held_id


def is_free_leader(actor: Acting, interested: Collection[str]) -> bool:
    """A leader with no interest in the matter (``interested``: the person named and whoever
    answers for them, 回避)."""
    return actor.role == "leader" and actor.id not in interested


VIOLATION = {
    "contest": Transition(("recorded",), "contested", is_held),
    "uphold": Transition(("recorded", "contested"), "upheld", is_free_leader),
    "waive": Transition(("recorded", "contested"), "waived", is_free_leader),
}
"""A violation (八.1), verb by verb: the person named gives their account (申辩, 情况说明)
once; a leader free of interest upholds (维持) or waives (撤销) it, once."""

CASE = {
    "decide": Transition(("open",), "decided", is_free_leader),
    "dismiss": Transition(("open",), "dismissed", is_free_leader),
}
"""A case (八.3): a leader free of interest decides (裁定) it by its circumstances or
dismisses it (e.g. force majeure), once."""


def _leader_only(step: Transition, actor: Acting, interested: Collection[str],
                 verb: str) -> None:
    if step.who(actor, interested):
        return
    if actor.role != "leader":
        raise NotLeader(f"only a leader {verb}")
    raise Recusal(f"nobody {verb} in a matter of their own or one that decides their "
                  "own responsibility (回避): another leader does")


def check_contest(status: str, held_id: str, actor: Acting, explanation: str) -> None:
    """申辩: the person named gives their account (情况说明), once, before a judgement."""
    check_may_contest(status, held_id, actor)
    _require_text(explanation, "explanation_required", "an explanation (情况说明)")


def check_may_contest(status: str, held_id: str, actor: Acting) -> None:
    step = VIOLATION["contest"]
    if not step.who(actor, held_id):
        raise NotYours("only the person it is held against contests a violation")
    if status == step.target:
        raise AlreadyContested("the explanation has been given already")
    if status not in step.sources:
        raise AlreadyJudged(f"the violation is {status}", {"status": status})


def check_judgement(status: str, interested: Collection[str], actor: Acting, text: str,
                    verb: str) -> None:
    """维持 (uphold, with a note) or 撤销 (waive, with a reason), by a leader free of
    interest (``interested``: the person it is held against and whoever answers for them),
    once."""
    check_may_judge(status, interested, actor, verb)
    code, what = ("note_required", "a note") if verb == "uphold" else \
        ("reason_required", "a reason")
    _require_text(text, code, what)


def check_may_judge(status: str, interested: Collection[str], actor: Acting,
                    verb: str) -> None:
    step = VIOLATION[verb]
    _leader_only(step, actor, interested, f"{verb}s a violation")
    if status not in step.sources:
        raise AlreadyJudged(f"the violation is {status}", {"status": status})


def violation_actions(status: str, interested: Collection[str], held_id: str,
                      actor: Acting) -> list[str]:
    return permitted({"contest": lambda: check_may_contest(status, held_id, actor),
                      **{verb: partial(check_may_judge, status, interested, actor, verb)
                         for verb in ("uphold", "waive")}})


def check_decision(case: CaseFacts, actor: Acting, severity: str, outcome: str,
                   measures: list[str]) -> None:
    """裁定: a leader free of interest grades an open case by its circumstances; the
    outcome fits the grade."""
    check_may_decide(case, actor)
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


def check_may_decide(case: CaseFacts, actor: Acting) -> None:
    """Also what ``actions`` runs: a case with a contested violation is not decided yet."""
    _check_case_step(CASE["decide"], case, actor, "decides a case")
    if case.contested:
        raise ViolationContested("a contested violation awaits its judgement first",
                                 {"contested": case.contested})


def check_dismissal(case: CaseFacts, actor: Acting, reason: str) -> None:
    check_may_dismiss(case, actor)
    _require_text(reason, "reason_required", "a dismissal's reason (e.g. force majeure)")


def check_may_dismiss(case: CaseFacts, actor: Acting) -> None:
    _check_case_step(CASE["dismiss"], case, actor, "dismisses a case")


def case_actions(case: CaseFacts, actor: Acting) -> list[str]:
    checks = {"decide": check_may_decide, "dismiss": check_may_dismiss}
    return permitted({verb: partial(checks[verb], case, actor) for verb in CASE})


def is_recused(interested: Collection[str], actor: Acting) -> bool:
    """A leader who may not judge this matter (回避): the console says so."""
    return actor.role == "leader" and actor.id in interested


def _check_case_step(step: Transition, case: CaseFacts, actor: Acting, verb: str) -> None:
    _leader_only(step, actor, case.interested, verb)
    if case.status not in step.sources:
        raise AlreadyDecided(f"the case is {case.status}", {"status": case.status})


def check_recorder(actor: Acting, person_id: str, person_division_id: str | None,
                   headed: Collection[str], occurred_at: datetime, now: datetime) -> None:
    """一.5: a division's head (whoever holds its head powers now, ``headed``: those
    divisions) records duty failures of its staff; leaders and admins of anyone; nobody
    their own. What has not happened yet is not a failure."""
    if actor.id == person_id:
        raise Recusal("nobody records a duty failure of their own (回避)")
    if actor.role not in LEADERSHIP and person_division_id not in headed:
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


def check_appraisal_reader(actor: Acting, staff_id: str, heads: Collection[str]) -> None:
    """The staff member, their division's head (or acting head), a leader or an admin."""
    if actor.role in LEADERSHIP or actor.id == staff_id or actor.id in heads:
        return
    raise NotAllowedToSee("only the person, their head, a leader or an admin")


def appraised_divisions(actor: Acting, division_id: str | None, heads: Collection[str],
                        headed: Collection[str]) -> list[str] | None:
    """Whose appraisals a division's list holds (一.4, 五.7): any division's for a leader or
    an admin (``None``: every division's), a division's for its head or acting head
    (``heads``); with no division named, those the caller heads, away or not, or acts for
    (people.read_as_head, as the statistics read them)."""
    overseer = actor.role in LEADERSHIP
    if division_id is None and (overseer or headed):
        return None if overseer else list(headed)
    if division_id is not None and (overseer or actor.id in heads):
        return [division_id]
    raise NotAllowedToSee("a division's appraisals are read by its head, a leader or an admin")
