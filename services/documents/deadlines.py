"""The deadline scan: yellow warnings and red overdue reports, each once per due date.

Safe on several instances: rows are claimed with ``FOR UPDATE SKIP LOCKED``,
each report is remembered on the row (``warned_for``/``overdue_for`` hold the due
date reported), and event ids derive from the fact, so consumers keep one.
The query runs on the (status, due_date) index.
"""

import sqlalchemy as sa

from chassis.calendar import days_late
from chassis.clock import OFFICE_TZ
from office import projections, urges, work_items
from services.documents import rules, views
from services.documents.models import Document, HandoverView, Urge


def due_soon(today, calendar, warn_days):
    """Open documents due within the warning horizon or past due, not yet reported."""
    horizon = calendar.add_working_days(today, warn_days)
    return (sa.select(Document)
            .where(Document.status.in_(rules.OPEN), Document.due_date <= horizon,
                   sa.or_(Document.overdue_for.is_(None),
                          Document.overdue_for != Document.due_date))
            .with_for_update(skip_locked=True))


def scan(work, today, calendar, warn_days):
    for document in work.session.scalars(due_soon(today, calendar, warn_days)):
        signal = rules.signal(rules.DocumentFacts.of(document), today, calendar, warn_days)
        if signal == "red":
            report_overdue(work, document, today, calendar)
        elif signal == "yellow" and document.warned_for != document.due_date:
            warn(work, document, today, calendar)


def warn(work, document, today, calendar):
    """Yellow, once per due date: the holder is warned and urged by the system."""
    document.warned_for = document.due_date
    holder = rules.holder(rules.DocumentFacts.of(document),
                          views.division(work.session, document.division_id).head_now)
    if holder:
        work_items.record_urge(
            work, Urge, kind="document", work_id=document.id, title=document.title,
            status=document.status, holder_id=holder, by=None,
            note=urges.SYSTEM_NOTE, fact=(document.id, "work_urged", document.due_date))
    work.emit("deadline_warning", {
        "document_id": document.id, "title": document.title,
        "assignee_id": document.assignee_id, "acting_id": document.acting_id,
        "due_date": document.due_date,
        "working_days_left": calendar.working_days_between(today, document.due_date)},
        fact=(document.id, "deadline_warning", document.due_date))


def report_overdue(work, document, today, calendar):
    """Red, once per due date, held against whoever held the document for more of its
    working days (五.4): the assignee or the B acting for them."""
    document.overdue_for = document.due_date
    assigned_on = document.assigned_at.astimezone(OFFICE_TZ).date()
    days, on_due = projections.days_held(work.session, HandoverView, document.assignee_id,
                                         assigned_on, document.due_date,
                                         calendar.is_working_day)
    work.emit("overdue", {
        "document_id": document.id, "title": document.title,
        "division_id": document.division_id, "assignee_id": document.assignee_id,
        "acting_id": document.acting_id, "due_date": document.due_date,
        "days_late": days_late(document.due_date, today),
        "responsible_id": projections.answerable(days, on_due), "days_held": days},
        fact=(document.id, "overdue", document.due_date))
