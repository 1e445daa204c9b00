"""催办 (urging): the rules documents, inquiries and attendance share — who may urge work,
that only open work is urged, and how long an urge stays on its holder's to-do.

An urge records what the work looked like when urged (:func:`state`: its status and
holder); it waits on the holder's to-do until the work moves — a new status or another
holder (:func:`still_waiting`). Pure functions; the records are kept by
:mod:`office.work_items`.
"""

from chassis.errors import Conflict, Forbidden
from contracts.vocabulary import ROLE_GROUPS
from office.acting import Acting

SYSTEM_NOTE = "临近办理时限，请抓紧办理"  # the system's own urge, when work turns yellow


class MayNotUrge(Forbidden):
    code = "may_not_urge"


class NotOpen(Conflict):
    code = "not_open"


def check_may_urge(actor: Acting, head_now: str | None) -> None:
    """催办 is for whoever holds the head powers of the work's division (the head, or the
    acting head while the head is away), leaders and admins."""
    if actor.role not in ROLE_GROUPS["LEADERSHIP"] and actor.id != head_now:
        raise MayNotUrge("only the division's head, a leader or an admin urges work")


def check_open(holder_id: str | None) -> None:
    """Finished work (or work nobody holds) is not urged."""
    if holder_id is None:
        raise NotOpen("this work is finished: there is nobody to urge")


def state(status: str, holder_id: str) -> str:
    return f"{status}:{holder_id}"


def still_waiting(urge_state: str, status: str, holder_id: str | None) -> bool:
    return holder_id is not None and urge_state == state(status, holder_id)
