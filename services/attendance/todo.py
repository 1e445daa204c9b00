"""What waits in attendance for an approver (我的待办): notices and leave requests to
approve, return reports (七.5) to acknowledge, and urges (催办) on absences still waiting
on the person urged. The same items are announced (``todo_added``) where they appear."""

import sqlalchemy as sa

from chassis.clock import OFFICE_TZ
from contracts.todo import todo_item
from office import urges, work_items
from services.attendance import rules
from services.attendance.models import Absence, StaffView, Urge


def items(session, approver_id):
    waiting = session.scalars(sa.select(Absence).where(
        Absence.approver_id == approver_id, sa.or_(
            Absence.status == "pending",
            sa.and_(Absence.status == "returned",
                    Absence.return_acknowledged_at.is_(None))))).all()
    names = dict(session.execute(sa.select(StaffView.staff_id, StaffView.name).where(
        StaffView.staff_id.in_({a.staff_id for a in waiting}))).all())
    return [item(absence, names.get(absence.staff_id, "")) for absence in waiting] + \
        _urged(session, approver_id)


def name_of(session, staff_id):
    return session.scalar(sa.select(StaffView.name).where(StaffView.staff_id == staff_id)) \
        or ""


def item(absence, name):
    """The approver's item: to approve, or a return report to read. Named by whose absence
    it is, not by its reason: the reason may be personal, and a notification of the item
    may reach a group chat."""
    record = rules.URGE_KINDS[absence.kind]
    if absence.status == "pending":
        return todo_item("approve_absence", absence.id, name, absence.created_at,
                         absence.start_at.astimezone(OFFICE_TZ).date(), record=record)
    return todo_item("return_report", absence.id, name, absence.returned_at, record=record)


def _urged(session, staff_id):
    """Urges on absences still waiting on this person as when urged (the latest each)."""
    found = {}
    for urge in work_items.waiting_for(session, Urge, staff_id):
        absence = session.get(Absence, urge.work_id)
        if urges.still_waiting(urge.state, absence.status,
                               rules.holder(rules.AbsenceFacts.of(absence))):
            found[absence.id] = todo_item(
                "urge", absence.id, name_of(session, absence.staff_id), urge.urged_at,
                record=rules.URGE_KINDS[absence.kind])
    return list(found.values())
