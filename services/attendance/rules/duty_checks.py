"""在岗检查 (七.6 要加强在岗情况检查): the division's head (or acting head), its supervising
leader or an admin records who was found away from their post at a moment; whoever no
allowed absence covered then left without one (擅自离岗).

Pure functions, like the rest of attendance's rules.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from chassis.errors import Forbidden, Invalid
from office.acting import Acting
from services.attendance.rules import AbsenceFacts, HeadsFacts

EXCUSING = ("recorded", "approved", "returned")  # an absence in these was allowed while it ran


class NotYourDivision(Forbidden):
    code = "not_your_division"


class NotInDivision(Invalid):
    code = "not_in_division"


class DuplicateAbsentee(Invalid):
    code = "duplicate_absentee"


class CheckedInFuture(Invalid):
    code = "checked_at_in_future"


class CheckedBefore(Invalid):
    code = "checked_at_not_today"


class Recusal(Forbidden):
    """回避: nobody records themselves away at a check they make."""

    code = "recusal"


@dataclass(frozen=True)
class Finding:
    """One person found away at a check: excused by the absence ``absence_id``, or not."""

    staff_id: str
    excused: bool
    absence_id: str | None = None


def may_check(actor: Acting, division: HeadsFacts) -> bool:
    """七.6: the division's head — or whoever holds the head's powers while the head is away
    (五.3) —, its supervising leader, or an admin checks who is at their post, and reads
    the checks."""
    head_now = division.acting_head_id or division.head_id
    return actor.role == "admin" or actor.id in (head_now, division.leader_id)


def check_checker(actor: Acting, division: HeadsFacts) -> None:
    if not may_check(actor, division):
        raise NotYourDivision("only the division's head (or acting head), its supervising "
                              "leader or an admin checks who is at their post")


def check_reader(divisions: Collection[str]) -> None:
    """Checks are read by whoever may make them: with no division named, those of the
    ``divisions`` the reader checks — someone who checks none is refused."""
    if not divisions:
        raise NotYourDivision("only a division's head (or acting head), its supervising "
                              "leader or an admin reads its checks")


def check_duty_check(absent_ids: Sequence[str], members: Collection[str], checker_id: str,
                     checked_at: datetime, now: datetime) -> None:
    """Those found away are people of the division, each named once, not the checker; and
    a check is of a moment that has come."""
    if checker_id in absent_ids:
        raise Recusal("whoever checks is at their post: nobody records their own absence")
    doubled = sorted({i for i in absent_ids if absent_ids.count(i) > 1})
    if doubled:
        raise DuplicateAbsentee("each person found away is named once", {"staff_ids": doubled})
    strangers = [i for i in absent_ids if i not in members]
    if strangers:
        raise NotInDivision("only the division's own staff are checked", {"staff_ids": strangers})
    if checked_at > now + timedelta(minutes=1):
        raise CheckedInFuture("a check records a moment that has come",
                              {"checked_at": checked_at.isoformat()})
    if checked_at.astimezone(OFFICE_TZ).date() != now.astimezone(OFFICE_TZ).date():
        # a check is recorded as it is made: backdated, it would reopen a closed year
        raise CheckedBefore("a check is recorded the day it is made",
                            {"checked_at": checked_at.isoformat()})


def covers(absence: AbsenceFacts, moment: datetime) -> bool:
    """Whether an absence excuses being away at ``moment``: filed by then (a notice filed
    after the check, dated back, excuses nothing), allowed (recorded or approved, perhaps
    returned since), begun by then and not yet ended by a return. Past its expected return
    and still away it still does: that is 七.6's other case, 未按时到岗, which
    ``late_return`` holds — not a second violation."""
    filed = absence.created_at is None or absence.created_at <= moment
    return filed and absence.status in EXCUSING and absence.start_at <= moment \
        and (absence.returned_at is None or moment < absence.returned_at)


def findings(absent_ids: Sequence[str], absences: Iterable[AbsenceFacts],
             checked_at: datetime) -> list[Finding]:
    """Each person found away at ``checked_at``, in the order named: excused by an absence
    of theirs covering the moment, or not — then one unauthorised absence."""
    excusing = {a.staff_id: a.id for a in absences if covers(a, checked_at)}
    return [Finding(i, i in excusing, excusing.get(i)) for i in absent_ids]
