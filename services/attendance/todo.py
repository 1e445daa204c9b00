"""What waits in attendance for an approver (我的待办): notices and leave requests to
approve, and return reports (七.5) to acknowledge."""

import sqlalchemy as sa

from chassis.clock import OFFICE_TZ
from chassis.schemas import todo_item
from services.attendance.models import Absence, StaffView

WHAT = {"notice": "离岗", "leave": "请假"}


def items(session, approver_id):
    waiting = session.scalars(sa.select(Absence).where(
        Absence.approver_id == approver_id, sa.or_(
            Absence.status == "pending",
            sa.and_(Absence.status == "returned",
                    Absence.return_acknowledged_at.is_(None))))).all()
    names = dict(session.execute(sa.select(StaffView.staff_id, StaffView.name).where(
        StaffView.staff_id.in_({a.staff_id for a in waiting}))).all())
    return [_item(absence, names.get(absence.staff_id, "")) for absence in waiting]


def _item(absence, name):
    link = f"/absences/{absence.kind}/{absence.id}"
    if absence.status == "pending":
        return todo_item("approve_absence", absence.id,
                         f"{name}{WHAT[absence.kind]}待批：{absence.reason}",
                         absence.created_at, link,
                         absence.start_at.astimezone(OFFICE_TZ).date())
    late = f"（迟归{absence.late_minutes}分钟）" if absence.late else ""
    return todo_item("return_report", absence.id, f"{name}已销假{late}", absence.returned_at,
                     link)
