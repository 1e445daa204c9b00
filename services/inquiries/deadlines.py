"""Timer-driven checks of inquiries: first-inquiry lapses, guided inquiries left
unanswered, accepted applications past their due date.

Each is reported once per fact: rows are claimed ``FOR UPDATE SKIP LOCKED`` on their
(status, date) index, the report is remembered on the row, and event ids derive
from the fact, so several instances raise one event.
"""

import sqlalchemy as sa

from chassis.calendar import days_late
from chassis.clock import clock
from services.inquiries.models import Application, Inquiry


def scan(work, today):
    session = work.session
    for inquiry in session.scalars(sa.select(Inquiry).where(
            Inquiry.status == "open", Inquiry.lapse_day < today,
            Inquiry.lapse_reported_at.is_(None)).with_for_update(skip_locked=True)):
        inquiry.lapse_reported_at = clock.now()
        report_lapse(work, inquiry, "first_response", inquiry.lapse_day)
    for inquiry in session.scalars(sa.select(Inquiry).where(
            Inquiry.status == "guided", Inquiry.answer_due_day < today,
            Inquiry.answer_lapse_reported_at.is_(None)).with_for_update(skip_locked=True)):
        inquiry.answer_lapse_reported_at = clock.now()
        report_lapse(work, inquiry, "guided", inquiry.answer_due_day)
    for application in session.scalars(overdue_applications(today)):
        report_overdue(work, application, today)


def report_lapse(work, inquiry, stage, due_day):
    guided = stage == "guided"
    work.emit("first_inquiry_lapsed", {
        "inquiry_id": inquiry.id, "first_responder_id": inquiry.first_responder_id,
        "acting_id": inquiry.acting_id, "recorded_at": inquiry.recorded_at,
        "due_day": due_day, "stage": stage,
        "division_id": inquiry.guided_division_id if guided else None,
        "head_id": inquiry.guided_head_id if guided else None},
        fact=(inquiry.id, "first_inquiry_lapsed") if not guided else
        (inquiry.id, "first_inquiry_lapsed", "guided", inquiry.guided_division_id))


def overdue_applications(today):
    """Accepted applications past their due date, not yet reported for that date."""
    return (sa.select(Application)
            .where(Application.status == "accepted", Application.due_date < today,
                   sa.or_(Application.overdue_for.is_(None),
                          Application.overdue_for != Application.due_date))
            .with_for_update(skip_locked=True))


def report_overdue(work, application, today):
    application.overdue_for = application.due_date
    work.emit("overdue", {
        "application_id": application.id, "matter_id": application.matter_id,
        "reviewer_id": application.reviewer_id, "acting_id": application.acting_id,
        "due_date": application.due_date,
        "days_late": days_late(application.due_date, today), "source": "application"},
        fact=(application.id, "overdue", application.due_date))
