"""离岗告示制: leave-post notices, leave requests, returns and the notice board.

Pure functions: they take ``now`` and records and return decisions or raise
domain errors. Times are aware datetimes; "the same day" is the office's day. Spot checks
(在岗检查, 七.6) are in :mod:`.duty_checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING

from chassis.clock import OFFICE_TZ
from chassis.errors import Conflict, Forbidden, Invalid, permitted
from chassis.schemas import Facts
from contracts.vocabulary import ABSENCE_KINDS, LEAVE_KINDS, NOTICE_KINDS, ROLE_GROUPS
from office import urges
from office.acting import Acting
from office.transitions import Transition

LEADERSHIP = ROLE_GROUPS["LEADERSHIP"]  # no approver in a division; see every absence

if TYPE_CHECKING:  # the calendar's module brings nameko; the rules need only its type
    from chassis.calendar import WorkingCalendar

NOTICE_WITHOUT_APPROVAL = timedelta(minutes=30)
CHAIN_GAP = timedelta(minutes=30)  # a notice starting sooner after the last one continues it
OFFICE_OPENS = time(8, 30)  # when a leave request's holder is expected back
OPEN = ("recorded", "pending", "approved")  # statuses that still hold a time slot
GOING = ("recorded", "approved")  # statuses an absence is taken in: started, shown, reported
TAKEN = ("recorded", "pending", "approved", "returned")  # what a later notice may continue
PERSONAL_REASON = NOTICE_KINDS["personal"]
LEAVE_REASON = ABSENCE_KINDS["leave"]
NAMED_LEAVES = ("business_trip", "meeting")  # work away from the desk: the board names it


@dataclass(frozen=True)
class AbsenceFacts(Facts):
    """What the rules read of an absence (``.of(row)``, from an ``Absence`` row)."""

    id: str
    staff_id: str
    status: str
    approver_id: str | None
    start_at: datetime
    expected_return_at: datetime
    started_at: datetime | None
    returned_at: datetime | None
    return_acknowledged_at: datetime | None
    late_reported: bool
    reason: str
    reason_kind: str
    contact: str
    kind: str = "notice"
    created_at: datetime | None = None  # when it was filed


@dataclass(frozen=True)
class PersonFacts(Facts):
    name: str


@dataclass(frozen=True)
class PostFacts(Facts):
    post_id: str
    title: str


@dataclass(frozen=True)
class MemberFacts(Facts):
    """Who files, as the approver rule sees them (from the staff view, or posts)."""

    id: str
    role: str
    division_id: str | None


@dataclass(frozen=True)
class HeadsFacts(Facts):
    """A division's head (处室负责人), supervising leader (分管领导), and while the head is
    away who holds the head's powers (五.3)."""

    head_id: str | None
    leader_id: str | None
    acting_head_id: str | None = None


class NoApprover(Invalid):
    code = "no_approver"


class UseLeaveRequest(Invalid):
    """Longer than a day: 离岗一天以上的，按请假制度执行."""

    code = "use_leave_request"


class ReturnBeforeStart(Invalid):
    code = "return_before_start"


class ReturnInFuture(Invalid):
    code = "return_in_future"


class OverlappingAbsence(Conflict):
    code = "overlapping_absence"


class NotApprover(Forbidden):
    code = "not_approver"


class AlreadyDecided(Conflict):
    code = "already_decided"


class NoteRequired(Invalid):
    code = "note_required"


class NotYourAbsence(Forbidden):
    code = "not_your_absence"


class NotAway(Conflict):
    """Reporting back on a notice that was never approved (pending or rejected)."""

    code = "not_away"


class AlreadyReturned(Conflict):
    code = "already_returned"


class HandoverNoteRequired(Invalid):
    """五.3: away a day or more, A reports what is in hand and pending (交接)."""

    code = "handover_note_required"


class NotReturned(Conflict):
    code = "not_returned"


class AlreadyAcknowledged(Conflict):
    code = "already_acknowledged"


class NotYourStaff(Forbidden):
    code = "not_your_staff"


class ContactRequired(Invalid):
    """七.3: the notice board shows how to reach whoever is away (联系方式)."""

    code = "contact_required"


class SelfDatedReturn(Invalid):
    """七.5 到岗后立即报告: the return is the moment of the report; nobody dates their own."""

    code = "returned_at_not_allowed"


def office_day(moment: datetime) -> date:
    return moment.astimezone(OFFICE_TZ).date()


def notice_status(start_at: datetime, expected_return_at: datetime,
                  chain: Sequence[AbsenceFacts] = ()) -> str:
    """≤ 30 min: recorded; longer but back the same day: pending approval; else refused.
    ``chain``: the same day's absences this one continues (:func:`chained`), whose time
    counts with its own — the 30 minutes cannot be split (七.1)."""
    if expected_return_at <= start_at:
        raise ReturnBeforeStart("the expected return must be after the start",
                                {"start_at": start_at.isoformat(),
                                 "expected_return_at": expected_return_at.isoformat()})
    if office_day(start_at) != office_day(expected_return_at):
        raise UseLeaveRequest("an absence past today needs a leave request (请假)",
                              {"start_at": start_at.isoformat(),
                               "expected_return_at": expected_return_at.isoformat()})
    away = expected_return_at - start_at + sum((_length(a) for a in chain), timedelta())
    return "recorded" if away <= NOTICE_WITHOUT_APPROVAL else "pending"


def chained(earlier: Sequence[AbsenceFacts], start_at: datetime) -> list[AbsenceFacts]:
    """七.1: the absences of the same office day a notice starting at ``start_at``
    continues, earliest first: each ended (or is due to end) less than 30 minutes before
    the next one starts."""
    day = office_day(start_at)
    taken = sorted((a for a in earlier if a.kind == "notice" and a.status in TAKEN
                    and a.start_at < start_at and office_day(a.start_at) == day),
                   key=lambda a: a.start_at, reverse=True)
    chain, next_start = [], start_at
    for absence in taken:
        if next_start - _end(absence) >= CHAIN_GAP:
            break
        chain.append(absence)
        next_start = absence.start_at
    return chain[::-1]


def _end(absence: AbsenceFacts) -> datetime:
    return absence.returned_at or absence.expected_return_at


def _length(absence: AbsenceFacts) -> timedelta:
    return max(_end(absence) - absence.start_at, timedelta())


def leave_window(start_date: date, end_date: date,
                 calendar: WorkingCalendar) -> tuple[datetime, datetime]:
    """A leave runs from the start day's midnight to office opening on the next working day."""
    if end_date < start_date:
        raise ReturnBeforeStart("the leave ends before it starts",
                                {"start_date": start_date.isoformat(),
                                 "end_date": end_date.isoformat()})
    back = calendar.add_working_days(end_date, 1)
    return (datetime.combine(start_date, time(0), OFFICE_TZ),
            datetime.combine(back, OFFICE_OPENS, OFFICE_TZ))


def approver_of(person: MemberFacts, division: HeadsFacts | None) -> str:
    """Who approves a notice or a leave (离岗告示制, 请假), by relations, not labels: the
    supervising leader approves the head's (the person ``head_id`` names); the head —
    or whoever holds the head's powers while the head is away (五.3) — everyone else's,
    except their own, which goes to the supervising leader."""
    if person.role in LEADERSHIP:
        raise NoApprover(f"a {person.role} has no approver in a division", {"role": person.role})
    head_now = division and (division.acting_head_id or division.head_id)
    if division is None or person.id == division.head_id or person.id == head_now:
        approver_id, who = division and division.leader_id, "supervising leader"
    else:
        approver_id, who = head_now, "division head"
    if approver_id is None:
        raise NoApprover(f"the division has no {who} to approve", {"staff_id": person.id})
    if approver_id == person.id:
        raise NoApprover("nobody approves their own absence", {"staff_id": person.id})
    return approver_id


def is_approver(absence: AbsenceFacts, actor_id: str) -> bool:
    """Whoever :func:`approver_of` named when it was filed."""
    return absence.approver_id is not None and absence.approver_id == actor_id


def is_absent_person(absence: AbsenceFacts, actor_id: str) -> bool:
    return absence.staff_id == actor_id


ABSENCE = {
    "approve": Transition(("pending",), "approved", is_approver),
    "reject": Transition(("pending",), "rejected", is_approver),
    "return": Transition(GOING, "returned", is_absent_person),
    "acknowledge": Transition(("returned",), "returned", is_approver),
}
"""A notice or a leave request, verb by verb. It is filed ``recorded`` (≤ 30 minutes, 七.1)
or ``pending``; the approver approves or rejects it (七.2, 请假); the person reports back
(七.5 到岗后立即报告) from an absence taken; the approver takes note of the report (七.5)."""


def check_no_overlap(existing: Iterable[AbsenceFacts], start_at: datetime,
                     expected_return_at: datetime) -> None:
    """One absence at a time: no slot may overlap one still open."""
    for other in existing:
        if other.status in OPEN and other.returned_at is None \
                and other.start_at < expected_return_at and start_at < other.expected_return_at:
            raise OverlappingAbsence("this overlaps another absence of yours",
                                     {"absence_id": other.id})


def check_decision(absence: AbsenceFacts, actor_id: str, decision: str,
                   note: str | None) -> None:
    check_may_decide(absence, actor_id)
    if decision == "rejected" and not (note or "").strip():
        raise NoteRequired("a rejection needs a note")


def check_may_decide(absence: AbsenceFacts, actor_id: str) -> None:
    step = ABSENCE["approve"]  # a rejection's row starts from the same status, by the same person
    if not step.who(absence, actor_id):
        raise NotApprover("only the approver may decide", {"approver_id": absence.approver_id})
    if absence.status not in step.sources:
        raise AlreadyDecided(f"already {absence.status}", {"status": absence.status})


def check_contact(contact: str | None) -> None:
    if not (contact or "").strip():
        raise ContactRequired("a notice or leave request says how to reach you (联系方式, 七.3)")


def check_handover_note(note: str | None) -> None:
    if not (note or "").strip():
        raise HandoverNoteRequired("a leave request states the matters in hand and pending "
                                   "for the head and the B (交接说明)")


def check_acknowledgement(absence: AbsenceFacts, actor_id: str) -> None:
    """七.5: the approver takes note of the return report, once."""
    step = ABSENCE["acknowledge"]
    if not step.who(absence, actor_id):
        raise NotApprover("only the approver acknowledges the return",
                          {"approver_id": absence.approver_id})
    if absence.status not in step.sources:
        raise NotReturned(f"the absence is {absence.status}", {"status": absence.status})
    if absence.return_acknowledged_at is not None:
        raise AlreadyAcknowledged("the return has been acknowledged", {
            "acknowledged_at": absence.return_acknowledged_at.isoformat()})


def check_correction(absence: AbsenceFacts, returned_at: datetime | None, note: str | None,
                     now: datetime) -> None:
    """The approver may correct the time of a return (the person came back earlier and
    reported later, say), with a note saying why; never before the start or in the
    future."""
    if returned_at is None:
        return
    if not (note or "").strip():
        raise NoteRequired("a corrected return time needs a note")
    _check_return_time(absence, returned_at, now)


def check_return(absence: AbsenceFacts, actor_id: str, returned_at: datetime | None,
                 now: datetime) -> None:
    """七.5: the absent person reports back; the report's moment is the return."""
    if returned_at is not None:
        raise SelfDatedReturn("the return is the moment it is reported; the approver may "
                              "correct it when acknowledging")
    step = ABSENCE["return"]
    if not step.who(absence, actor_id):
        raise NotYourAbsence("only the absent person reports back")
    if absence.status == step.target:
        raise AlreadyReturned("already reported back", {"returned_at": absence.returned_at
                                                        .isoformat()})
    if absence.status not in step.sources:
        raise NotAway(f"the absence is {absence.status}", {"status": absence.status})
    _check_return_time(absence, now, now)


def _check_return_time(absence: AbsenceFacts, returned_at: datetime, now: datetime) -> None:
    if returned_at < absence.start_at:
        raise ReturnBeforeStart("cannot report back before the absence starts",
                                {"start_at": absence.start_at.isoformat()})
    if returned_at > now + timedelta(minutes=1):
        raise ReturnInFuture("cannot report back for a time still to come",
                             {"returned_at": returned_at.isoformat()})


def actions(absence: AbsenceFacts, actor: Acting, now: datetime,
            head_now: str | None) -> list[str]:
    """What ``actor`` may do to the absence now: the checks that would refuse the rest.
    ``head_now``: who holds the head powers of the person's division."""
    checks = {"approve": check_may_decide, "reject": check_may_decide,
              "return": lambda absence, actor_id: check_return(absence, actor_id, None, now),
              "acknowledge": check_acknowledgement}
    return permitted({**{verb: partial(checks[verb], absence, actor.id) for verb in ABSENCE},
                      "urge": lambda: check_urge(absence, actor, head_now)})


def holder(absence: AbsenceFacts) -> str | None:
    """Whom an absence waits on now (催办's target): the approver, to decide it or to read
    the return report (七.5); the person, back from an approved absence but not yet
    reported back; nobody otherwise."""
    if absence.status == "pending" or (absence.status == "returned"
                                       and absence.return_acknowledged_at is None):
        return absence.approver_id
    if absence.status == "approved" and absence.started_at is not None:
        return absence.staff_id
    return None


def check_urge(absence: AbsenceFacts, actor: Acting, head_now: str | None) -> str:
    """催办 by the head (or acting head) of the person's division, a leader or an admin."""
    urges.check_may_urge(actor, head_now)
    target = holder(absence)
    urges.check_open(target)
    return target


URGE_KINDS = {"notice": "leave_notice", "leave": "leave_request"}


def lateness(expected_return_at: datetime, returned_at: datetime,
             grace: timedelta) -> tuple[bool, int]:
    """(late, minutes late): late only past the grace period; minutes from the expected time."""
    overdue = returned_at - expected_return_at
    return overdue > grace, max(0, int(overdue.total_seconds() // 60))


def due_to_start(absence: AbsenceFacts, now: datetime) -> bool:
    return absence.status in GOING and absence.started_at is None \
        and absence.start_at <= now


def overdue_return(absence: AbsenceFacts, now: datetime, grace: timedelta) -> bool:
    return absence.status in GOING and not absence.late_reported \
        and now > absence.expected_return_at + grace


def public_reason(absence: AbsenceFacts) -> str:
    """离岗告示牌 (七.3): a personal reason shows only as 「因私」; a leave request as its
    kind when it is work (出差, 开会), else only as 「请假」."""
    if absence.kind == "leave":
        return LEAVE_KINDS[absence.reason_kind] if absence.reason_kind in NAMED_LEAVES \
            else LEAVE_REASON
    return PERSONAL_REASON if absence.reason_kind == "personal" else absence.reason


@dataclass(frozen=True)
class Viewer:
    """Who reads an absence: their id and role, and the people of the divisions whose head
    powers they hold now."""

    id: str
    role: str
    headed_staff: frozenset[str] = frozenset()


def sees_personal(absence: AbsenceFacts, viewer: Viewer) -> bool:
    """个人信息保护: the reason of a personal absence, the contact and the handover note are
    for the person, their approver (or whoever approves for them now), their division's
    head, leaders and admins."""
    return viewer.role in LEADERSHIP \
        or viewer.id in (absence.staff_id, absence.approver_id) \
        or absence.staff_id in viewer.headed_staff


def shown(record: dict, absence: AbsenceFacts, viewer: Viewer) -> dict:
    """An absence as ``viewer`` may read it: to others, the reason as the public board
    shows it (「因私」, 「请假」) and no contact or handover note."""
    if sees_personal(absence, viewer):
        return record
    kind = record.get("kind")
    if absence.kind == "leave" and kind not in NAMED_LEAVES:
        kind = "other"  # which leave (sick, personal …) is the person's own business
    return {**record, "reason": public_reason(absence), "contact": None,
            "handover_note": None, "kind": kind}


def check_reporter(actor: Acting, approver_id: str | None) -> None:
    """An unauthorised absence is reported by a leader, or by the person's own approver."""
    if actor.role != "leader" and actor.id != approver_id:
        raise NotYourStaff("a division head reports only their own division's staff")


def board_rows(absence: AbsenceFacts, person: PersonFacts | None,
               posts: Sequence[PostFacts], covers: Mapping[str, str],
               names: Mapping[str, str]) -> list[dict]:
    """The notice board's rows for one absence: one per post the person holds."""
    base = {"absence_id": absence.id, "staff_id": absence.staff_id,
            "name": person.name if person else absence.staff_id,
            "reason": public_reason(absence), "start_at": absence.start_at,
            "expected_return_at": absence.expected_return_at, "contact": absence.contact}
    rows = []
    for post in posts or [None]:
        cover = covers.get(post.post_id) if post else None
        rows.append({**base, "post_title": post.title if post else None,
                     "covered_by_id": cover, "covered_by": names.get(cover)})
    return rows
