"""每半年检查: the semi-annual check of service commitments, per staff member (三.6).

Lapses and overdue applications are held exactly where accountability holds them: a
first-inquiry lapse or an overdue application against whoever held the work for more of
its working days (五.4, the same ``deadlines.answerable`` the scan reported with), a guided
inquiry left unanswered against the receiving head, a one-time notice not given against
the earlier reviewers (else the one who found it).
"""

from collections import Counter
from datetime import timedelta

import sqlalchemy as sa

from contracts.vocabulary import COMMITMENT_FIGURES
from services.inquiries import deadlines
from services.inquiries.models import (
    Application,
    Complaint,
    Inquiry,
    Notice,
    NoticeViolation,
    Review,
    StaffView,
)

FIELDS = tuple(COMMITMENT_FIGURES)


def semi_annual(session, start, end, calendar, staff_id=None):
    """Every counted person's row for [start, end) — or only ``staff_id``'s — by name."""
    counts = {field: Counter() for field in FIELDS}

    def within(column):
        return sa.and_(column >= start, column < end)

    def add(field, rows):
        for person, count in rows:
            if person and staff_id in (None, person):
                counts[field][person] += count

    add("inquiries_handled", session.execute(
        sa.select(Inquiry.closed_by, sa.func.count()).where(within(Inquiry.closed_at))
        .group_by(Inquiry.closed_by)))
    add("lapses", ((held_for_lapse(session, i, calendar), 1) for i in session.scalars(
        sa.select(Inquiry).where(within(Inquiry.lapse_reported_at)))))
    add("lapses", session.execute(
        sa.select(Inquiry.guided_head_id, sa.func.count())
        .where(within(Inquiry.answer_lapse_reported_at)).group_by(Inquiry.guided_head_id)))
    for violation, reviewer in session.execute(
            sa.select(NoticeViolation, Review.reviewer_id)
            .join(Review, Review.id == NoticeViolation.review_id)
            .where(within(NoticeViolation.found_at))):
        add("lapses", [(person, 1) for person in violation.reviewer_ids or [reviewer]])
    add("complaints", session.execute(
        sa.select(Complaint.held_against_id, sa.func.count())
        .where(within(Complaint.filed_at), Complaint.status == "substantiated")
        .group_by(Complaint.held_against_id)))
    add("notices_issued", session.execute(
        sa.select(Notice.issued_by, sa.func.count()).where(within(Notice.issued_at))
        .group_by(Notice.issued_by)))
    add("overdue_applications", ((held_for_overdue(session, a, calendar), 1)
                                 for a in overdue_in(session, start, end)))
    return rows(session, counts)


def held_for_lapse(session, inquiry, calendar):
    return deadlines.answerable(session, inquiry.first_responder_id, inquiry.recorded_at,
                                inquiry.lapse_day, calendar)["responsible_id"]


def held_for_overdue(session, application, calendar):
    return deadlines.answerable(session, application.reviewer_id, application.decided_at,
                                application.overdue_for, calendar)["responsible_id"]


def overdue_in(session, start, end):
    """Applications reported overdue in the half: the day after their due date is in it."""
    first, last = (moment.date() - timedelta(days=1) for moment in (start, end))
    return session.scalars(sa.select(Application).where(
        Application.overdue_for >= first, Application.overdue_for < last))


def rows(session, counts):
    people = set().union(*counts.values())
    names = dict(session.execute(sa.select(StaffView.staff_id, StaffView.name).where(
        StaffView.staff_id.in_(people))).all())
    return [{"staff_id": person, "name": names.get(person),
             **{field: counts[field][person] for field in FIELDS}}
            for person in sorted(people, key=lambda p: names.get(p) or "")]
