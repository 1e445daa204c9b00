"""服务承诺制 complaints (三.7): filed by the public, investigated (核查) by the head of the
division concerned (whoever holds the head's powers now, 五.3) or a leader, concluded as
substantiated (认定属实) or not. Only a substantiated complaint is held against a person,
and nobody judges a complaint that names them (回避).
"""

from collections.abc import Collection
from dataclasses import dataclass
from functools import partial

from chassis.errors import Conflict, DomainError, Forbidden, Invalid, permitted
from contracts.vocabulary import FINDINGS, ROLE_GROUPS
from office.acting import Acting
from office.transitions import Transition

LEADERSHIP = ROLE_GROUPS["LEADERSHIP"]  # may handle any complaint, untargeted ones too


@dataclass(frozen=True)
class ComplaintFacts:
    status: str
    division_id: str | None  # the division complained about, or its staff member's
    investigator_id: str | None = None
    staff_id: str | None = None  # whom it names (or the first responder of its inquiry)


class TooManyComplaints(DomainError):
    kind, code = "too_many_requests", "too_many_complaints"


class NotYourDivision(Forbidden):
    code = "not_your_division"


class NotInvestigator(Forbidden):
    code = "not_investigator"


class Recusal(Forbidden):
    """回避: whoever a complaint names neither investigates nor concludes it; a complaint
    naming a division's head goes to its supervising leader."""

    code = "recusal"


class UnderInvestigation(Conflict):
    code = "complaint_under_investigation"


class NotInvestigating(Conflict):
    code = "complaint_not_investigating"


class AlreadyConcluded(Conflict):
    code = "complaint_concluded"


class StaffRequired(Invalid):
    code = "staff_required"


class StaffNotInDivision(Invalid):
    code = "staff_not_in_division"


def complained_about(staff_id: str | None, first_responder_id: str | None) -> str | None:
    """Whom a complaint is about: the staff member named, else the first responder
    (首问责任人) of the inquiry named, who owns it; else nobody (``the second window``)."""
    return staff_id or first_responder_id


def check_complaint_rate(recent: int, limit: int) -> None:
    if recent >= limit:
        raise TooManyComplaints(f"at most {limit} complaints a minute from one address",
                                {"limit": limit})


def may_see(actor: Acting, division_id: str | None, headed: Collection[str]) -> bool:
    """Whoever holds a division's head powers (``headed``: those divisions) sees the
    complaints about it and its staff; leaders and admins all."""
    return actor.role in LEADERSHIP or (division_id is not None and division_id in headed)


def check_reader(actor: Acting, headed: Collection[str]) -> None:
    """Complaints are read by whoever may handle some: a leader, an admin, or whoever holds
    a division's head powers now; anyone else is refused, not shown an empty list."""
    if actor.role not in LEADERSHIP and not headed:
        raise NotYourDivision("complaints are read by a division's head, leaders and admins")


def check_may_see(actor: Acting, complaint: ComplaintFacts, headed: Collection[str]) -> None:
    if not may_see(actor, complaint.division_id, headed):
        raise NotYourDivision("a division's head handles complaints about their own "
                              "division; untargeted ones are for leaders and admins")


def may_investigate(actor: Acting, complaint: ComplaintFacts, headed: Collection[str]) -> bool:
    """Whoever sees it (its division's head, a leader, an admin), unless it names them."""
    return may_see(actor, complaint.division_id, headed) and not recused(actor, complaint)


def may_conclude(actor: Acting, complaint: ComplaintFacts, headed: Collection[str]) -> bool:
    """Of those, the investigator, a leader or an admin."""
    return may_investigate(actor, complaint, headed) and (
        actor.role in LEADERSHIP or actor.id == complaint.investigator_id)


COMPLAINT = {
    "investigate": Transition(("received",), "investigating", may_investigate),
    "conclude": Transition(("investigating",), tuple(FINDINGS), may_conclude),
}
"""A complaint (三.7), verb by verb: taken up for investigation (核查) once, then concluded
as substantiated (认定属实) or not, by those free of it (回避)."""


def refusal(actor: Acting, complaint: ComplaintFacts, headed: Collection[str]) -> Forbidden:
    """Why a row's ``who`` refused ``actor``, in the order the rows ask: the complaint is
    not theirs to see, it names them, or (concluding) they are not its investigator."""
    if not may_see(actor, complaint.division_id, headed):
        return NotYourDivision("a division's head handles complaints about their own "
                               "division; untargeted ones are for leaders and admins")
    if recused(actor, complaint):
        return Recusal("nobody investigates or concludes a complaint about themselves (回避)")
    return NotInvestigator("only the investigator, a leader or an admin concludes it",
                           {"investigator_id": complaint.investigator_id})


def check_investigation(actor: Acting, complaint: ComplaintFacts,
                        headed: Collection[str]) -> None:
    """核查: a received complaint is taken up once, by its division's head or a leader."""
    step = COMPLAINT["investigate"]
    if not step.who(actor, complaint, headed):
        raise refusal(actor, complaint, headed)
    if complaint.status == step.target:
        raise UnderInvestigation("the complaint is being investigated",
                                 {"investigator_id": complaint.investigator_id})
    if complaint.status not in step.sources:
        raise AlreadyConcluded(f"the complaint is {complaint.status}",
                               {"status": complaint.status})


def check_conclusion(actor: Acting, complaint: ComplaintFacts,
                     headed: Collection[str]) -> None:
    """认定: the investigator, a leader or an admin concludes a complaint under investigation."""
    if not COMPLAINT["conclude"].who(actor, complaint, headed):
        raise refusal(actor, complaint, headed)
    if complaint.status in COMPLAINT["investigate"].sources:
        raise NotInvestigating("investigate (核查) the complaint before concluding it")
    if complaint.status not in COMPLAINT["conclude"].sources:
        raise AlreadyConcluded(f"the complaint is {complaint.status}",
                               {"status": complaint.status})


def actions(actor: Acting, complaint: ComplaintFacts, headed: Collection[str]) -> list[str]:
    checks = {"investigate": check_investigation, "conclude": check_conclusion}
    return permitted({verb: partial(checks[verb], actor, complaint, headed)
                      for verb in COMPLAINT})


def recused(actor: Acting, complaint: ComplaintFacts) -> bool:
    """Whether the complaint names the caller: the console says 回避 where they may not act."""
    return complaint.staff_id is not None and complaint.staff_id == actor.id


def handler(complaint: ComplaintFacts, head_now: str | None, leader_id: str | None) -> str:
    """Whose to-do a received complaint waits on: its division's head (or acting head),
    unless it names them — then the supervising leader. ``"leaders"``: no division (any
    leader or admin)."""
    if complaint.division_id is None:
        return "leaders"
    if head_now is None or head_now == complaint.staff_id:
        return leader_id or "leaders"
    return head_now


def held_against(finding: str, named_id: str | None, complained_id: str | None) -> str | None:
    """Who a finding holds responsible: the person it names, else the one complained
    about; a substantiated finding must hold someone."""
    if finding != "substantiated":
        return None
    if not (named_id or complained_id):
        raise StaffRequired("a substantiated complaint names the staff member responsible")
    return named_id or complained_id


def check_named_staff(actor: Acting, staff_division_id: str | None,
                      headed: Collection[str]) -> None:
    """A head's finding holds someone of their own division."""
    if actor.role not in LEADERSHIP and staff_division_id not in headed:
        raise StaffNotInDivision("a division head's finding names someone of their division")
