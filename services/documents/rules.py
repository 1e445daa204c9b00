"""办文办事限时制: time limits on handling documents, numbering outgoing ones.

Pure functions over dates and records; ``today`` is the office's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from chassis.errors import Conflict, Forbidden, Invalid, NotFound, permitted
from chassis.schemas import Facts
from office import urges
from office.acting import Acting
from office.transitions import Transition

if TYPE_CHECKING:  # the calendar's module brings nameko; the rules need only its type
    from chassis.calendar import WorkingCalendar

DEFAULT_WORKING_DAYS = 10  # 领导批办的一般公文 … 一般应在10个工作日内办结
OPEN = ("assigned", "return_requested")


@dataclass(frozen=True)
class DocumentFacts(Facts):
    """What the rules read of an incoming document (``.of(row)``, from a ``Document`` row)."""

    status: str
    division_id: str
    assignee_id: str | None
    acting_id: str | None
    urgent: bool
    due_date: date | None
    completed_on: date | None


@dataclass(frozen=True)
class ExtensionFacts(Facts):
    """An extension request (申请延期): ``requested``, then ``approved`` or ``rejected``."""

    status: str
    new_due_date: date


@dataclass(frozen=True)
class AssigneeFacts(Facts):
    """Whom a document is assigned to, as posts answers."""

    id: str
    division_id: str | None
    active: bool = True


@dataclass(frozen=True)
class OutgoingFacts(Facts):
    status: str
    drafter_id: str


@dataclass(frozen=True)
class ConsultationFacts(Facts):
    document_id: str
    reply: str | None


class NotDivisionHead(Forbidden):
    code = "not_division_head"


class AlreadyAssigned(Conflict):
    code = "already_assigned"


class UrgentNeedsDueDate(Invalid):
    """对紧急公文提出具体办理时限: an urgent document is given its own due date."""

    code = "urgent_needs_due_date"


class DueDateInPast(Invalid):
    code = "due_date_in_past"


class NotAWorkingDay(Invalid):
    code = "not_a_working_day"


class NotInDivision(Invalid):
    code = "assignee_not_in_division"


class NotYourDocument(Forbidden):
    code = "not_your_document"


class NotOpen(Conflict):
    code = "not_open"


class TooLateToExtend(Conflict):
    code = "too_late_to_extend"


class ExtensionNotLater(Invalid):
    code = "extension_not_later"


class ExtensionPending(Conflict):
    """One open extension request at a time: the head answers it first."""

    code = "extension_pending"


class ExtensionDecided(Conflict):
    code = "extension_decided"


class NoteRequired(Invalid):
    code = "note_required"


class NotReturnRequested(Conflict):
    code = "return_not_requested"


class NotSigned(Conflict):
    code = "not_signed"


class WrongStage(Conflict):
    code = "wrong_stage"


class NotLeader(Forbidden):
    code = "not_a_leader"


class NotDrafterOrHead(Forbidden):
    code = "not_drafter_or_head"


class ConsultationClosed(Conflict):
    code = "consultation_replied"


class DivisionRequired(Invalid):
    code = "division_required"


def is_head(document: DocumentFacts, actor_id: str, head_id: str | None) -> bool:
    """``head_id``: whoever holds the head's powers of the document's division now (五.3)."""
    return actor_id == head_id


def is_handler(document: DocumentFacts, actor_id: str, head_id: str | None) -> bool:
    """The assignee, or the B acting for them while their post is handed over."""
    return actor_id in (document.assignee_id, document.acting_id)


def is_leader(outgoing: OutgoingFacts, actor: Acting, drafter_head_id: str | None) -> bool:
    return actor.role == "leader"


def is_drafter_or_head(outgoing: OutgoingFacts, actor: Acting,
                       drafter_head_id: str | None) -> bool:
    return actor.id in (outgoing.drafter_id, drafter_head_id)


DOCUMENT = {
    "assign": Transition(("received", "assigned"), "assigned", is_head),
    "return": Transition(("assigned",), "return_requested", is_handler),
    "consult": Transition(("assigned",), "assigned", is_handler),
    "extend": Transition(("assigned",), "assigned", is_handler),
    "complete": Transition(("assigned",), "completed", is_handler),
    "approve_return": Transition(("return_requested",), "returned", is_head),
    "reject_return": Transition(("return_requested",), "assigned", is_head),
}
"""收文, verb by verb: the head assigns it (四.1 批办; again, from ``assigned``, only once
the assignee has left); the assignee (or acting B) consults (四.2 会商), asks for more
time (四.3 申请延期), completes it (办结) or asks to send it back (四.1 退文), which the
head grants or refuses."""

EXTENSION = {
    "approve": Transition(("requested",), "approved", is_head),
    "reject": Transition(("requested",), "rejected", is_head),
}
"""申请延期 (四.3, 四.6): the head of the document's division approves or rejects it, once,
while the document is open."""

OUTGOING = {
    "sign": Transition(("draft",), "signed", is_leader),
    "number": Transition(("signed",), "numbered", is_drafter_or_head),
    "print": Transition(("numbered",), "printed", is_drafter_or_head),
}
"""发文 (四.5): a leader signs (签发) the draft; the drafter or their head numbers (编号)
and prints (送印) it."""


def check_registrar(division_id: str | None) -> None:
    """收文 is registered within a division: by one of its members."""
    if division_id is None:
        raise DivisionRequired("only a member of a division registers documents")


def check_assignment(document: DocumentFacts, actor_id: str, head_id: str | None,
                     assignee: AssigneeFacts, urgent_due: date | None,
                     assignee_left: bool = False) -> None:
    """批办: the division's head (``head_id``: whoever holds the head's powers now, 五.3)
    assigns a received document to one of its active staff; a document whose assignee has
    left is assigned again (``assignee_left``)."""
    check_may_assign(document, actor_id, head_id, assignee_left)
    if assignee.division_id != document.division_id or not assignee.active:
        raise NotInDivision("the assignee must belong to the document's division",
                            {"assignee_id": assignee.id})
    if document.urgent and urgent_due is None:
        raise UrgentNeedsDueDate("an urgent document needs its own due date")


def check_may_assign(document: DocumentFacts, actor_id: str, head_id: str | None,
                     assignee_left: bool = False) -> None:
    step = DOCUMENT["assign"]
    _check_head(step, document, actor_id, head_id, "assigns it")
    again = document.status == step.target  # a reassignment, once the assignee has left
    if document.status not in step.sources or (again and not assignee_left):
        raise AlreadyAssigned(f"the document is already {document.status}",
                              {"assignee_id": document.assignee_id})


def _check_head(step: Transition, document: DocumentFacts, actor_id: str,
                head_id: str | None, what: str) -> None:
    """Refuses whom ``step``'s row refuses: the rows these checks guard name the head."""
    if not step.who(document, actor_id, head_id):
        raise NotDivisionHead(f"only the head of the document's division (or whoever acts "
                              f"for them) {what}")


def due_date_on_assignment(document: DocumentFacts, given: date | None, today: date,
                           calendar: WorkingCalendar) -> date:
    """A first assignment sets the due date; a reassignment keeps it unless one is given."""
    if document.status == "received" or given:
        return due_date_for(given, today, calendar)
    return document.due_date


def due_date_for(given: date | None, today: date, calendar: WorkingCalendar) -> date:
    """A given due date must be a working day, not past; otherwise 10 working days on."""
    if given is None:
        return calendar.add_working_days(today, DEFAULT_WORKING_DAYS)
    check_working_future(given, today, calendar)
    return given


def check_working_future(day: date, today: date, calendar: WorkingCalendar) -> None:
    if day < today:
        raise DueDateInPast("the due date has passed", {"due_date": day.isoformat()})
    if not calendar.is_working_day(day):
        raise NotAWorkingDay("the due date is not a working day", {"due_date": day.isoformat()})


def check_handler(document: DocumentFacts, actor_id: str, verb: str) -> None:
    """The assignee, or the B acting for them, handles an assigned document: ``verb``, one
    of theirs (their rows start from the same status)."""
    step = DOCUMENT[verb]
    if not step.who(document, actor_id, None):
        raise NotYourDocument("only the assignee or the acting backup handles it")
    if document.status not in step.sources:
        raise NotOpen(f"the document is {document.status}", {"status": document.status})


def check_extension(document: DocumentFacts, new_due: date, today: date,
                    calendar: WorkingCalendar, pending: bool = False) -> None:
    """申请延期: asked for by the due date at the latest, to a later working day, one open
    request at a time."""
    check_may_extend(document, today, pending)
    if new_due <= document.due_date:
        raise ExtensionNotLater("an extension moves the due date later",
                                {"due_date": document.due_date.isoformat()})
    check_working_future(new_due, today, calendar)


def check_may_extend(document: DocumentFacts, today: date, pending: bool) -> None:
    if today > document.due_date:
        raise TooLateToExtend("the due date has passed: no extension",
                              {"due_date": document.due_date.isoformat()})
    if pending:
        raise ExtensionPending("an extension request awaits the head's answer")


def check_extension_decision(document: DocumentFacts, extension: ExtensionFacts,
                             actor_id: str, head_id: str | None, decision: str,
                             note: str | None) -> None:
    """四.3/四.6: the head (or acting head) approves an extension — only then does the due
    date move and the sender hear of it — or rejects it with a note."""
    check_may_decide_extension(document, extension, actor_id, head_id)
    if decision == "rejected" and not (note or "").strip():
        raise NoteRequired("a rejection needs a note")
    if decision == "approved" and extension.new_due_date <= document.due_date:
        raise ExtensionNotLater("the requested date is no longer later than the due date",
                                {"due_date": document.due_date.isoformat()})


def check_may_decide_extension(document: DocumentFacts, extension: ExtensionFacts,
                               actor_id: str, head_id: str | None) -> None:
    step = EXTENSION["approve"]  # a rejection's row starts alike, by the same person
    _check_head(step, document, actor_id, head_id, "decides an extension")
    if extension.status not in step.sources:
        raise ExtensionDecided(f"the request is {extension.status}",
                               {"status": extension.status})
    if document.status not in OPEN:
        raise NotOpen(f"the document is {document.status}", {"status": document.status})


def check_return_decision(document: DocumentFacts, actor_id: str, head_id: str | None,
                          decision: str = "approved", note: str | None = None) -> None:
    """四.1: a 退文 goes back to the sender once the head agrees; the head may refuse it,
    with a note, and the assignee goes on with it."""
    step = DOCUMENT["approve_return"]  # a refusal's row starts alike, by the same person
    _check_head(step, document, actor_id, head_id, "decides a return")
    if document.status not in step.sources:
        raise NotReturnRequested("no return has been asked for", {"status": document.status})
    if decision == "rejected" and not (note or "").strip():
        raise NoteRequired("refusing a return needs a note")


def actions(document: DocumentFacts, actor: Acting, head_id: str | None, today: date,
            pending_extension: bool, assignee_left: bool) -> list[str]:
    """What ``actor`` may do to the document now, by the checks that refuse the rest."""
    def extend():
        check_handler(document, actor.id, "extend")
        check_may_extend(document, today, pending_extension)
    checks = {"assign": lambda: check_may_assign(document, actor.id, head_id, assignee_left),
              "extend": extend,
              "approve_return": lambda: check_return_decision(document, actor.id, head_id),
              "reject_return": lambda: check_return_decision(document, actor.id, head_id)}
    return permitted({**{verb: checks.get(verb, partial(check_handler, document, actor.id,
                                                         verb)) for verb in DOCUMENT},
                      "urge": lambda: check_urge(document, actor, head_id)})


def holder(document: DocumentFacts, head_now: str | None) -> str | None:
    """Whom the document waits on now (催办's target): the head, to assign it or decide a
    退文; the assignee, or the B acting for them, while it is in hand; nobody once done."""
    if document.status in ("received", "return_requested"):
        return head_now
    if document.status == "assigned":
        return document.acting_id or document.assignee_id
    return None


def check_urge(document: DocumentFacts, actor: Acting, head_now: str | None) -> str:
    """催办 by the division's head (or acting head), a leader or an admin, of open work;
    the holder urged."""
    urges.check_may_urge(actor, head_now)
    target = holder(document, head_now)
    urges.check_open(target)
    return target


def extension_actions(document: DocumentFacts, extension: ExtensionFacts, actor_id: str,
                      head_id: str | None) -> list[str]:
    def decide():
        check_may_decide_extension(document, extension, actor_id, head_id)
    return permitted(dict.fromkeys(EXTENSION, decide))


def signal(document: DocumentFacts, today: date, calendar: WorkingCalendar,
           warn_days: int) -> str:
    """green, yellow (due within ``warn_days`` working days) or red (past due)."""
    if document.due_date is None:
        return "green"
    if document.status not in OPEN:
        finished = document.completed_on or document.due_date
        return "red" if finished > document.due_date else "green"
    if today > document.due_date:
        return "red"
    if calendar.working_days_between(today, document.due_date) <= warn_days:
        return "yellow"
    return "green"


def assignment_signal(received_on: date, today: date, calendar: WorkingCalendar) -> str:
    """四.1 及时送处领导批办: a received document reaches the head (分办) by the end of the
    first working day after ``received_on``, the office date it was received (its
    ``received_at``, which the registrant gives). The day of receipt does not count, as
    due dates count from the day after; from the day after that first working day the
    document has waited a whole working day unassigned and its 分办 item is yellow,
    before then green. Received on a Monday: green that day and Tuesday, yellow from Wednesday;
    received on a Friday, a weekend or a holiday: yellow from the day after the next day
    the office works (a make-up working day counts)."""
    waited = today > calendar.add_working_days(received_on, 1)
    return "yellow" if waited else "green"


def on_time(document: DocumentFacts) -> bool:
    """Finished by its due date (办结 within the time limit)."""
    return document.completed_on <= document.due_date


def check_sign(outgoing: OutgoingFacts, actor: Acting) -> None:
    step = OUTGOING["sign"]
    if not step.who(outgoing, actor, None):
        raise NotLeader("only a leader signs (签发) a document")
    if outgoing.status not in step.sources:
        raise WrongStage(f"the document is {outgoing.status}", {"status": outgoing.status})


def check_numbering_stage(outgoing: OutgoingFacts, actor: Acting,
                          drafter_head_id: str | None, stage: str) -> None:
    """Numbering (编号) follows signing, printing (送印) follows numbering."""
    step = OUTGOING[stage]
    if not step.who(outgoing, actor, drafter_head_id):
        raise NotDrafterOrHead("only the drafter or their division head")
    if stage == "number" and outgoing.status in OUTGOING["sign"].sources:
        raise NotSigned("a document is numbered only after a leader signs it")
    if outgoing.status not in step.sources:
        raise WrongStage(f"the document is {outgoing.status}", {"status": outgoing.status})


# 四.5 领导签发后的公文，应及时完成编号和送印: from a leader's signature until it is printed,
# a draft waits on its drafter's to-do (``number_print``).
NUMBER_PRINT = ("signed", "numbered")


def outgoing_actions(outgoing: OutgoingFacts, actor: Acting,
                     drafter_head_id: str | None) -> list[str]:
    def check(verb):
        if verb == "sign":
            return partial(check_sign, outgoing, actor)
        return partial(check_numbering_stage, outgoing, actor, drafter_head_id, verb)
    return permitted({verb: check(verb) for verb in OUTGOING})


def check_reply(consultation: ConsultationFacts, document_id: str) -> None:
    """会商: one reply to a consultation of this document."""
    if consultation.document_id != document_id:
        raise NotFound("no such consultation on this document", code="consultation_not_found")
    if consultation.reply is not None:
        raise ConsultationClosed("the consultation has its reply")


def document_number(series: str, year: int, seq: int) -> str:
    """文号: 编发〔2026〕3号."""
    return f"{series}〔{year}〕{seq}号"
