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


def item(absence, name, told=False):
    """The approver's item: to approve, or a return report to read (step ``late`` when it
    was late), titled by whose absence it is and its reason. ``told``: as a notification
    says it, which may reach a group chat — a personal reason shows as the public board
    shows it."""
    record = rules.URGE_KINDS[absence.kind]
    reason = rules.public_reason(rules.AbsenceFacts.of(absence)) if told else absence.reason
    title = f"{name}：{reason}"
    if absence.status == "pending":
        return todo_item("approve_absence", absence.id, title, absence.created_at,
                         absence.start_at.astimezone(OFFICE_TZ).date(), record=record)
    late = f"（迟归{absence.late_minutes}分钟）" if absence.late else ""
    return todo_item("return_report", absence.id, title + late, absence.returned_at,
                     step="late" if absence.late else None, record=record)


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
