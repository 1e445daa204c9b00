"""Following posts' handovers: a projection services keep to route an absent
holder's open work to the B acting for them.

A service declares ``class HandoverView(HandoverColumns, Base)`` and feeds it
from posts' ``handover_started`` / ``handover_ended``. An end that overtakes its
start leaves an ended row, so the late start is ignored.
"""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from chassis.db import UTCDateTime


class HandoverColumns:
    __tablename__ = "handover_view"
    handover_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    from_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    to_id: Mapped[str] = mapped_column(sa.String(36))
    started_at: Mapped[object] = mapped_column(UTCDateTime, nullable=True)
    ended: Mapped[bool] = mapped_column(sa.Boolean)


def create_table(op):
    """For a migration: the handover_view table."""
    op.create_table(
        "handover_view",
        sa.Column("handover_id", sa.String(36), primary_key=True),
        sa.Column("from_id", sa.String(36), nullable=False, index=True),
        sa.Column("to_id", sa.String(36), nullable=False),
        sa.Column("started_at", UTCDateTime),
        sa.Column("ended", sa.Boolean, nullable=False),
    )


def record_started(session, view, data):
    """Returns False when the handover is known already (or ended before it started)."""
    if session.get(view, data["handover_id"]) is not None:
        return False
    session.add(view(handover_id=data["handover_id"], from_id=data["from_id"],
                     to_id=data["to_id"], started_at=data["started_at"], ended=False))
    session.flush()
    return True


def record_ended(session, view, data):
    row = session.get(view, data["handover_id"])
    if row is None:
        session.add(view(handover_id=data["handover_id"], from_id=data["from_id"],
                         to_id=data["to_id"], started_at=None, ended=True))
    else:
        row.ended = True
    session.flush()


def current(session, view, staff_id):
    """This person's handover in force (the earliest, if several posts are handed over)."""
    return session.scalar(sa.select(view).where(view.from_id == staff_id,
                                                view.ended.is_(False))
                          .order_by(view.started_at).limit(1))


def route(work, view, owner_id, records, kind, describe):
    """Point ``records`` (the owner's open work) at the acting B and tell posts.

    ``describe(record)`` gives the pending item's ``{id, title, due_date}``.
    """
    handover = current(work.session, view, owner_id)
    for record in records:
        record.acting_id = handover.to_id if handover else None
    if handover:
        work.emit("work_routed", {"handover_id": handover.handover_id, "kind": kind,
                                  "items": [{"kind": kind, **describe(r)} for r in records]})
