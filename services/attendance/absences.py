"""Storing absences and raising their events: the start, the end, a late return.

Each event's id is derived from its fact (absence + kind), so the scan on
several instances and an RPC racing it raise one event, not two; rows are
locked (``FOR UPDATE``) while a worker decides about them.
"""

import dataclasses
import uuid
from datetime import timedelta

import sqlalchemy as sa

from chassis import db
from chassis.clock import clock
from chassis.errors import NotFound
from services.attendance import rules
from services.attendance.models import Absence

_absences = Absence.__table__
# The open absences of one person a new slot could overlap, built once on the table (a
# filing's hot path: the ORM's statement and entity machinery cost more than the query).
_FACTS = [_absences.c[f.name] for f in dataclasses.fields(rules.AbsenceFacts)]
_OVERLAPPING = sa.select(*_FACTS).where(
    _absences.c.staff_id == sa.bindparam("staff_id"), _absences.c.status.in_(rules.OPEN),
    _absences.c.returned_at.is_(None),
    _absences.c.start_at < sa.bindparam("expected_return_at"),
    _absences.c.expected_return_at > sa.bindparam("start_at"))


def locked(session, kind, absence_id):
    """A notice or a leave request by id, locked; one of the other kind is not found."""
    absence = db.locked(session, Absence, absence_id, kind)
    if absence.kind != kind:
        raise NotFound(f"no {kind} with id {absence_id}", {"id": absence_id},
                       code=f"{kind}_not_found")
    return absence


def open_absence(work, **fields):
    # One filing at a time per person, on any instance; then only the slots it could overlap.
    db.lock_key(work.session, f"absences.{fields['staff_id']}")
    existing = work.session.connection().execute(_OVERLAPPING, {
        "staff_id": fields["staff_id"], "start_at": fields["start_at"],
        "expected_return_at": fields["expected_return_at"]})
    rules.check_no_overlap([rules.AbsenceFacts.of(a) for a in existing], fields["start_at"],
                           fields["expected_return_at"])
    absence = Absence(id=str(uuid.uuid4()), created_at=clock.now(), late=False,
                      late_minutes=0, late_reported=False, **fields)
    work.session.add(absence)
    start_if_due(work, absence, clock.now())
    return absence


def start_if_due(work, absence, now):
    if rules.due_to_start(rules.AbsenceFacts.of(absence), now):
        start(work, absence, now)


def start(work, absence, now):
    absence.started_at = now
    work.emit("absence_started", {
        "absence_id": absence.id, "staff_id": absence.staff_id, "kind": absence.kind,
        "reason": rules.public_reason(rules.AbsenceFacts.of(absence)), "start_at": absence.start_at,
        "expected_return_at": absence.expected_return_at,
        "approver_id": absence.approver_id, "handover_note": absence.handover_note},
        fact=(absence.id, "absence_started"))


def end(work, absence, returned_at, grace):
    if absence.started_at is None:  # back before the scan saw it start
        start(work, absence, absence.start_at)
    absence.late, absence.late_minutes = rules.lateness(absence.expected_return_at,
                                                        returned_at, grace)
    absence.status, absence.returned_at = "returned", returned_at
    work.emit("absence_ended", {
        "absence_id": absence.id, "staff_id": absence.staff_id, "returned_at": returned_at,
        "late": absence.late, "late_minutes": absence.late_minutes},
        fact=(absence.id, "absence_ended"))


def scan(work, now, grace):
    """The timer's work: start absences whose time has come, report late returns once."""
    active = Absence.status.in_(rules.GOING)
    due = work.session.scalars(
        sa.select(Absence).where(active, Absence.started_at.is_(None), Absence.start_at <= now)
        .with_for_update(skip_locked=True)).all()
    for absence in due:
        start_if_due(work, absence, now)
    late = work.session.scalars(
        sa.select(Absence).where(active, Absence.late_reported.is_(False),
                                 Absence.expected_return_at < now - grace)
        .with_for_update(skip_locked=True)).all()
    for absence in late:
        if rules.overdue_return(rules.AbsenceFacts.of(absence), now, grace):
            absence.late_reported = True
            work.emit("late_return", {
                "absence_id": absence.id, "staff_id": absence.staff_id,
                "expected_return_at": absence.expected_return_at, "detected_at": now,
                "approver_id": absence.approver_id}, fact=(absence.id, "late_return"))
    return len(due), len(late)


def grace_period(settings):
    return timedelta(minutes=settings.late_grace_minutes)
