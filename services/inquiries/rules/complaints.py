"""服务承诺制 complaints (三.7): filed by the public, investigated (核查) by the head of the
division concerned or a leader, concluded as substantiated (认定属实) or not. Only a
substantiated complaint is held against a person.
"""

from dataclasses import dataclass

from chassis.errors import Conflict, DomainError, Forbidden, Invalid
from chassis.schemas import Acting
from contracts.inquiries import CATEGORIES as CATEGORY_CODES

CATEGORIES = dict(zip(CATEGORY_CODES, ("推诿扯皮", "态度", "超时", "吃拿卡要", "未一次性告知",
                                       "其他"), strict=True))
OVERSEERS = ("leader", "admin")  # may handle any complaint, untargeted ones too


@dataclass(frozen=True)
class ComplaintFacts:
    status: str
    division_id: str | None  # the division complained about, or its staff member's
    investigator_id: str | None = None


class TooManyComplaints(DomainError):
    kind, code = "too_many_requests", "too_many_complaints"


class NotYourDivision(Forbidden):
    code = "not_your_division"


class NotInvestigator(Forbidden):
    code = "not_investigator"


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


def may_see(actor: Acting, division_id: str | None) -> bool:
    """A head sees complaints about their division and its staff; leaders and admins all."""
    return actor.role in OVERSEERS or (
        actor.role == "division_head" and division_id is not None
        and division_id == actor.division_id)


def check_may_see(actor: Acting, complaint: ComplaintFacts) -> None:
    if not may_see(actor, complaint.division_id):
        raise NotYourDivision("a division head handles complaints about their own division; "
                              "untargeted ones are for leaders and admins")


def check_investigation(actor: Acting, complaint: ComplaintFacts) -> None:
    """核查: a received complaint is taken up once, by its division's head or a leader."""
    check_may_see(actor, complaint)
    if complaint.status == "investigating":
        raise UnderInvestigation("the complaint is being investigated",
                                 {"investigator_id": complaint.investigator_id})
    if complaint.status != "received":
        raise AlreadyConcluded(f"the complaint is {complaint.status}",
                               {"status": complaint.status})


def check_conclusion(actor: Acting, complaint: ComplaintFacts) -> None:
    """认定: the investigator, a leader or an admin concludes a complaint under investigation."""
    check_may_see(actor, complaint)
    if actor.role not in OVERSEERS and actor.id != complaint.investigator_id:
        raise NotInvestigator("only the investigator, a leader or an admin concludes it",
                              {"investigator_id": complaint.investigator_id})
    if complaint.status == "received":
        raise NotInvestigating("investigate (核查) the complaint before concluding it")
    if complaint.status != "investigating":
        raise AlreadyConcluded(f"the complaint is {complaint.status}",
                               {"status": complaint.status})


def held_against(finding: str, named_id: str | None, complained_id: str | None) -> str | None:
    """Who a finding holds responsible: the person it names, else the one complained
    about; a substantiated finding must hold someone."""
    if finding != "substantiated":
        return None
    if not (named_id or complained_id):
        raise StaffRequired("a substantiated complaint names the staff member responsible")
    return named_id or complained_id


def check_named_staff(actor: Acting, staff_division_id: str | None) -> None:
    """A head's finding holds someone of their own division."""
    if actor.role == "division_head" and staff_division_id != actor.division_id:
        raise StaffNotInDivision("a division head's finding names someone of their division")
