"""The notice board, read from attendance's projections (its post view, and the staff and
handover views of :mod:`office.projections`) instead of calling posts for every row.
"""

import sqlalchemy as sa

from services.attendance import rules
from services.attendance.models import Absence, HandoverView, PostView, StaffView

# 离岗告示牌: an absence is shown from its start until the person reports back.
SHOWN = (Absence.status.in_(rules.GOING), Absence.started_at.is_not(None),
         Absence.returned_at.is_(None))


def rows(session, away):
    """Rows of the notice board for the given absences, from the projections alone."""
    staff_ids = {a.staff_id for a in away}
    posts = session.scalars(sa.select(PostView).where(PostView.holder_id.in_(staff_ids))).all()
    covers = {c.post_id: c.to_id for c in session.scalars(
        sa.select(HandoverView).where(HandoverView.post_id.in_([p.post_id for p in posts]),
                                      HandoverView.ended.is_(False))
        .order_by(HandoverView.started_at))}
    people = {p.staff_id: p for p in session.scalars(sa.select(StaffView).where(
        StaffView.staff_id.in_(staff_ids | set(covers.values()))))}
    names = {staff_id: person.name for staff_id, person in people.items()}
    return [row for absence in away for row in rules.board_rows(
        rules.AbsenceFacts.of(absence), rules.PersonFacts.of(people.get(absence.staff_id)),
        [rules.PostFacts.of(p) for p in posts if p.holder_id == absence.staff_id], covers,
        names)]
