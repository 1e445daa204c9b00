"""Storing absences and raising their events: the start, the end, a late return.

Each event's id is derived from its fact (absence + kind), so the scan on
several instances and an RPC racing it raise one event, not two; rows are
locked (``FOR UPDATE``) while a worker decides about them.
"""

import dataclasses
import uuid
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from chassis import db
from chassis.clock import OFFICE_TZ, clock
from chassis.errors import NotFound
from office import work_items
from services.attendance import rules, todo
from services.attendance.models import Absence, AbsenceReport, StaffView

_absences = Absence.__table__
# A person's absences a new one could overlap or continue (the same office day's), built once
# on the table (a filing's hot path: the ORM's statement and entity machinery cost more than
# the query).
_FACTS = [_absences.c[f.name] for f in dataclasses.fields(rules.AbsenceFacts)]
_NEARBY = sa.select(*_FACTS).where(
    _absences.c.staff_id == sa.bindparam("staff_id"), _absences.c.status.in_(rules.TAKEN),
    _absences.c.start_at < sa.bindparam("expected_return_at"),
    sa.or_(_absences.c.expected_return_at > sa.bindparam("start_at"),
           _absences.c.start_at >= sa.bindparam("day_start")))


def locked(session, kind, absence_id):
    """A notice or a leave request by id, locked; one of the other kind is not found."""
    absence = db.locked(session, Absence, absence_id, kind)
    if absence.kind != kind:
        raise NotFound(f"no {kind} with id {absence_id}", {"id": absence_id},
                       code=f"{kind}_not_found")
    return absence


def nearby(work, staff_id, start_at, expected_return_at):
    """The person's absences a new one from ``start_at`` could overlap or continue; from
    here to the commit nobody else files for them, on any instance (and whoever re-points
    their approver waits: ``follow_approvers``)."""
    db.lock_key(work.session, person_key(staff_id))
    day_start = datetime.combine(rules.office_day(start_at), time(0), OFFICE_TZ)
    return [rules.AbsenceFacts.of(a) for a in work.session.connection().execute(_NEARBY, {
        "staff_id": staff_id, "start_at": start_at, "expected_return_at": expected_return_at,
        "day_start": day_start})]


def person_key(staff_id):
    return f"absences.{staff_id}"


def open_absence(work, nearby, **fields):
    rules.check_no_overlap(nearby, fields["start_at"], fields["expected_return_at"])
    absence = Absence(id=str(uuid.uuid4()), created_at=clock.now(), late=False,
                      late_minutes=0, late_reported=False,
                      **{"chained_with": [], "hands_over": True, **fields})
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
        "approver_id": absence.approver_id, "handover_note": absence.handover_note,
        "hands_over": absence.hands_over}, fact=(absence.id, "absence_started"))


def end(work, absence, returned_at, grace):
    """七.5: back at the moment of the report (``returned_at``)."""
    if absence.started_at is None:  # back before the scan saw it start
        start(work, absence, absence.start_at)
    absence.late, absence.late_minutes = rules.lateness(absence.expected_return_at,
                                                        returned_at, grace)
    absence.status, absence.returned_at = rules.ABSENCE["return"].target, returned_at
    absence.return_reported_at = returned_at
    work.emit("absence_ended", {
        "absence_id": absence.id, "staff_id": absence.staff_id, "returned_at": returned_at,
        "late": absence.late, "late_minutes": absence.late_minutes,
        "hands_over": absence.hands_over}, fact=(absence.id, "absence_ended"))


def correct_return(work, absence, returned_at, note, grace):
    """The approver's correction of the time someone was back (七.5), with the note why;
    lateness follows, and a return now found late is reported once, as the scan would."""
    absence.returned_at, absence.return_correction_note = returned_at, note
    absence.late, absence.late_minutes = rules.lateness(absence.expected_return_at,
                                                        returned_at, grace)
    if absence.late and not absence.late_reported:
        report_late(work, absence, clock.now())


def report_late(work, absence, now):
    absence.late_reported = True
    work.emit("late_return", {
        "absence_id": absence.id, "staff_id": absence.staff_id,
        "expected_return_at": absence.expected_return_at, "detected_at": now,
        "approver_id": absence.approver_id}, fact=(absence.id, "late_return"))


def report(work, found=None, **fields):
    """擅自离岗: an absence without a notice, as a head or leader observed it — or as a spot
    check ``found`` it (七.6: the violation's source is then ``duty_check``)."""
    absence_report = AbsenceReport(id=str(uuid.uuid4()), duty_check_id=found, **fields)
    work.session.add(absence_report)
    work.emit("unauthorised_absence", {
        "report_id": absence_report.id, "staff_id": absence_report.staff_id,
        "observed_at": absence_report.observed_at, "reported_by": absence_report.reported_by,
        "approver_id": absence_report.approver_id, "note": absence_report.note,
        **({"source": "duty_check", "duty_check_id": found} if found else {})})
    return absence_report


def follow_approvers(work, division):
    """Waiting approvals and return reports of the division's people go to whoever
    approves for them now (the acting head while the head is away, and back on return):
    an approver is a relation, worked out again whenever the division changes."""
    session = work.session
    members = session.execute(sa.select(StaffView.staff_id, StaffView.role).where(
        StaffView.division_id == division.division_id).order_by(StaffView.staff_id)).all()
    for staff_id, _ in members:  # in one order everywhere: no two handlers deadlock
        db.lock_key(session, person_key(staff_id))
    roles = dict(members)
    heads = rules.HeadsFacts.of(division)
    for absence in session.scalars(sa.select(Absence).where(
            Absence.staff_id.in_(roles), sa.or_(Absence.status == "pending", sa.and_(
                Absence.status == "returned", Absence.return_acknowledged_at.is_(None))))):
        member = rules.MemberFacts(absence.staff_id, roles[absence.staff_id] or "staff",
                                   division.division_id)
        before = absence.approver_id
        try:
            absence.approver_id = rules.approver_of(member, heads)
        except rules.NoApprover:
            absence.approver_id = None  # until the division has its head or leader again
        if absence.approver_id and absence.approver_id != before:  # theirs now: tell them
            work_items.announce(work, absence.approver_id, todo.item(
                absence, todo.name_of(session, absence.staff_id), told=True))


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
            report_late(work, absence, now)
    return len(due), len(late)


def grace_period(settings):
    return timedelta(minutes=settings.late_grace_minutes)
