"""Timer-driven checks of inquiries: first-inquiry lapses, guided inquiries left
unanswered, accepted applications near (yellow: warned and urged by the system) and past
their due date.

Each is reported once per fact: rows are claimed ``FOR UPDATE SKIP LOCKED`` on their
(status, date) index, the report is remembered on the row, and event ids derive
from the fact, so several instances raise one event.
"""

import sqlalchemy as sa

from chassis.calendar import days_late
from chassis.clock import OFFICE_TZ, clock
from office import projections, urges, work_items
from services.inquiries import todo
from services.inquiries.models import Application, HandoverView, Inquiry, Matter, Urge


def scan(work, today, calendar, warn_days):
    session = work.session
    for inquiry in session.scalars(sa.select(Inquiry).where(
            Inquiry.status == "open", Inquiry.lapse_day < today,
            Inquiry.lapse_reported_at.is_(None)).with_for_update(skip_locked=True)):
        inquiry.lapse_reported_at = clock.now()
        report_lapse(work, inquiry, "first_response", inquiry.lapse_day, calendar)
    for inquiry in session.scalars(sa.select(Inquiry).where(
            Inquiry.status == "guided", Inquiry.answer_due_day < today,
            Inquiry.answer_lapse_reported_at.is_(None)).with_for_update(skip_locked=True)):
        inquiry.answer_lapse_reported_at = clock.now()
        report_lapse(work, inquiry, "guided", inquiry.answer_due_day, calendar)
    for application in session.scalars(overdue_applications(today)):
        report_overdue(work, application, today, calendar)
    for application in session.scalars(due_soon(today, calendar, warn_days)):
        warn(work, application, today, calendar)


def due_soon(today, calendar, warn_days):
    """Accepted applications due within the warning horizon (not yet past it), not yet
    warned of for that date."""
    horizon = calendar.add_working_days(today, warn_days)
    return (sa.select(Application)
            .where(Application.status == "accepted", Application.due_date >= today,
                   Application.due_date <= horizon,
                   sa.or_(Application.warned_for.is_(None),
                          Application.warned_for != Application.due_date))
            .with_for_update(skip_locked=True))


def warn(work, application, today, calendar):
    """Yellow, once per due date: the holder is warned and urged by the system."""
    application.warned_for = application.due_date
    title = todo.work_title(work.session, "application", application)
    holder = application.acting_id or application.reviewer_id
    work_items.record_urge(
        work, Urge, kind="application", work_id=application.id, title=title,
        status=application.status, holder_id=holder, by=None, note=urges.SYSTEM_NOTE,
        fact=(application.id, "work_urged", application.due_date))
    work.emit("deadline_warning", {
        "application_id": application.id, "title": title,
        "reviewer_id": application.reviewer_id, "acting_id": application.acting_id,
        "due_date": application.due_date,
        "working_days_left": calendar.working_days_between(today, application.due_date)},
        fact=(application.id, "deadline_warning", application.due_date))


def answerable(session, owner_id, started_at, due_day, calendar):
    """五.4: who held the owner's work for more of its working days, and the days each."""
    days, on_due = projections.days_held(session, HandoverView, owner_id,
                                         started_at.astimezone(OFFICE_TZ).date(), due_day,
                                         calendar.is_working_day)
    return {"responsible_id": projections.answerable(days, on_due), "days_held": days}


def report_lapse(work, inquiry, stage, due_day, calendar):
    """首问 not closed in time: held against whoever held it longer, the first responder or
    their acting B (五.4); guided and not answered: against the division's head."""
    guided = stage == "guided"
    work.emit("first_inquiry_lapsed", {
        "inquiry_id": inquiry.id, "first_responder_id": inquiry.first_responder_id,
        "acting_id": inquiry.acting_id, "recorded_at": inquiry.recorded_at,
        "due_day": due_day, "stage": stage,
        "division_id": inquiry.guided_division_id if guided else None,
        "head_id": inquiry.guided_head_id if guided else None,
        **({} if guided else answerable(work.session, inquiry.first_responder_id,
                                        inquiry.recorded_at, due_day, calendar))},
        fact=(inquiry.id, "first_inquiry_lapsed") if not guided else
        (inquiry.id, "first_inquiry_lapsed", "guided", inquiry.guided_division_id))


def overdue_applications(today):
    """Accepted applications past their due date, not yet reported for that date."""
    return (sa.select(Application)
            .where(Application.status == "accepted", Application.due_date < today,
                   sa.or_(Application.overdue_for.is_(None),
                          Application.overdue_for != Application.due_date))
            .with_for_update(skip_locked=True))


def report_overdue(work, application, today, calendar):
    application.overdue_for = application.due_date
    work.emit("overdue", {
        "application_id": application.id, "matter_id": application.matter_id,
        "reviewer_id": application.reviewer_id, "acting_id": application.acting_id,
        "due_date": application.due_date,
        "days_late": days_late(application.due_date, today), "source": "application",
        "title": todo.work_title(work.session, "application", application),
        "division_id": work.session.get(Matter, application.matter_id).division_id,
        **answerable(work.session, application.reviewer_id, application.decided_at,
                     application.due_date, calendar)},
        fact=(application.id, "overdue", application.due_date))
