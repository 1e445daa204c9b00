"""Local copies of what attendance needs from posts, fed by posts' events.

The notice board reads these instead of calling posts for every row.
"""

import sqlalchemy as sa

from services.attendance import rules
from services.attendance.models import CoverView, PostView, StaffView


def _upsert(session, model, key, values):
    row = session.get(model, key)
    if row is None:
        session.add(model(**values))
    else:
        for field, value in values.items():
            setattr(row, field, value)


def staff_changed(session, data):
    _upsert(session, StaffView, data["staff_id"], {
        "staff_id": data["staff_id"], "name": data["name"], "division_id": data["division_id"]})


def post_changed(session, data):
    _upsert(session, PostView, data["post_id"], {
        "post_id": data["post_id"], "title": data["title"], "holder_id": data["holder_id"],
        "division_id": data["division_id"]})


def handover_started(session, data):
    if session.get(CoverView, data["handover_id"]) is None:  # else its end came first
        session.add(CoverView(handover_id=data["handover_id"], post_id=data["post_id"],
                              to_id=data["to_id"], started_at=data["started_at"], ended=False))


def handover_ended(session, data):
    _upsert(session, CoverView, data["handover_id"], {
        "handover_id": data["handover_id"], "post_id": data["post_id"], "to_id": data["to_id"],
        "ended": True})


def board(session, away):
    """Rows of the notice board for the given absences, from the projections alone."""
    staff_ids = {a.staff_id for a in away}
    posts = session.scalars(sa.select(PostView).where(PostView.holder_id.in_(staff_ids))).all()
    covers = {c.post_id: c.to_id for c in session.scalars(
        sa.select(CoverView).where(CoverView.post_id.in_([p.post_id for p in posts]),
                                   CoverView.ended.is_(False))
        .order_by(CoverView.started_at))}
    people = {p.staff_id: p for p in session.scalars(sa.select(StaffView).where(
        StaffView.staff_id.in_(staff_ids | set(covers.values()))))}
    names = {staff_id: person.name for staff_id, person in people.items()}
    return [row for absence in away for row in rules.board_rows(
        absence, people.get(absence.staff_id),
        [p for p in posts if p.holder_id == absence.staff_id], covers, names)]
