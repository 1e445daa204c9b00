"""每半年检查: the semi-annual check of service commitments, per staff member."""

import sqlalchemy as sa

from services.inquiries.models import (
    Complaint,
    Inquiry,
    Notice,
    NoticeViolation,
    StaffView,
)


def semi_annual(session, start, end):
    """Inquiries handled, lapses (first inquiry and one-time notice), complaints found
    substantiated against the person (filed in the half), notices issued."""
    counts = {}

    def add(field, rows):
        for staff_id, count in rows:
            if staff_id:
                counts.setdefault(staff_id, {}).setdefault(field, 0)
                counts[staff_id][field] += count

    def within(column):
        return sa.and_(column >= start, column < end)

    add("inquiries_handled", session.execute(
        sa.select(Inquiry.closed_by, sa.func.count()).where(within(Inquiry.closed_at))
        .group_by(Inquiry.closed_by)))
    add("lapses", session.execute(
        sa.select(Inquiry.first_responder_id, sa.func.count())
        .where(within(Inquiry.lapse_reported_at)).group_by(Inquiry.first_responder_id)))
    add("lapses", session.execute(  # guided and left unanswered: the receiving head's
        sa.select(Inquiry.guided_head_id, sa.func.count())
        .where(within(Inquiry.answer_lapse_reported_at)).group_by(Inquiry.guided_head_id)))
    for violation in session.scalars(sa.select(NoticeViolation).where(
            within(NoticeViolation.found_at))):
        add("lapses", [(reviewer, 1) for reviewer in violation.reviewer_ids])
    add("complaints", session.execute(
        sa.select(Complaint.held_against_id, sa.func.count())
        .where(within(Complaint.filed_at), Complaint.status == "substantiated")
        .group_by(Complaint.held_against_id)))
    add("notices_issued", session.execute(
        sa.select(Notice.issued_by, sa.func.count()).where(within(Notice.issued_at))
        .group_by(Notice.issued_by)))
    names = dict(session.execute(sa.select(StaffView.staff_id, StaffView.name).where(
        StaffView.staff_id.in_(counts))).all())
    return [{"staff_id": staff_id, "name": names.get(staff_id),
             **{f: c.get(f, 0) for f in ("inquiries_handled", "lapses", "complaints",
                                         "notices_issued")}}
            for staff_id, c in sorted(counts.items(), key=lambda kv: names.get(kv[0]) or "")]
