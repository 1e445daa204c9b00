"""Local copies of posts' data that several services keep, fed by posts' events.

- Staff (``staff_changed``): names, divisions and who has left, for boards, reports
  and the work a head must reassign.
- Handovers (``handover_started`` / ``handover_ended``): who covers a post now,
  and whose open work goes to which acting B. An end that overtakes its start
  leaves an ended row, so the late start is ignored.
- Divisions (``division_changed``): codes, heads and leaders, for work outside systems
  hand in by a division's code (the intake).

Each copy keeps the ``revision`` of the newest event it applied (posts raises it with
every change): events about one record may be handled side by side or retried out of
order, and a late one must not overwrite a newer copy.

A service declares ``class StaffView(StaffColumns, Base)`` or
``class HandoverView(HandoverColumns, Base)`` and creates the table in its
migration with :func:`create_staff_table` (then :func:`add_staff_active` and
:func:`add_revision`, as the migrations of services created before them did) /
:func:`create_handover_table`; likewise ``DivisionColumns`` and
:func:`create_division_table`.
"""

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from chassis.clock import OFFICE_TZ
from chassis.db import UTCDateTime, insert_or
from chassis.errors import NotFound


class StaffColumns:
    __tablename__ = "staff_view"
    staff_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    division_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    revision: Mapped[int] = mapped_column(sa.Integer, default=0)  # the newest event's


class HandoverColumns:
    __tablename__ = "handover_view"
    handover_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    post_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    from_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    to_id: Mapped[str] = mapped_column(sa.String(36))
    started_at: Mapped[object] = mapped_column(UTCDateTime, nullable=True)
    ended: Mapped[bool] = mapped_column(sa.Boolean)
    ended_at: Mapped[object] = mapped_column(UTCDateTime, nullable=True)


class DivisionColumns:
    __tablename__ = "division_view"
    division_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    code: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    head_id: Mapped[str | None] = mapped_column(sa.String(36))
    leader_id: Mapped[str | None] = mapped_column(sa.String(36))
    acting_head_id: Mapped[str | None] = mapped_column(sa.String(36))
    revision: Mapped[int] = mapped_column(sa.Integer, default=0)

    @property
    def head_now(self):
        """Who holds the head's powers now: the head, or whoever acts for them (五.3)."""
        return self.acting_head_id or self.head_id

    def acting_for(self, actor_id):
        """The head, when ``actor_id`` uses the head's powers in their place; else None
        (what an act records beside who did it)."""
        return self.head_id if actor_id == self.acting_head_id != self.head_id else None


def create_division_table(op):
    op.create_table(
        "division_view",
        sa.Column("division_id", sa.String(36), primary_key=True),
        sa.Column("code", sa.String(50), index=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("head_id", sa.String(36)),
        sa.Column("leader_id", sa.String(36)),
    )


def create_staff_table(op):
    op.create_table(
        "staff_view",
        sa.Column("staff_id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("division_id", sa.String(36), index=True),
    )


def create_handover_table(op):
    op.create_table(
        "handover_view",
        sa.Column("handover_id", sa.String(36), primary_key=True),
        sa.Column("post_id", sa.String(36), nullable=False, index=True),
        sa.Column("from_id", sa.String(36), nullable=False, index=True),
        sa.Column("to_id", sa.String(36), nullable=False),
        sa.Column("started_at", UTCDateTime),
        sa.Column("ended", sa.Boolean, nullable=False),
    )


def add_staff_active(op):
    """The ``active`` flag, added to a staff view created before it existed."""
    with op.batch_alter_table("staff_view") as table:
        table.add_column(sa.Column("active", sa.Boolean, nullable=False,
                                   server_default=sa.true()))


def add_revision(op, *tables):
    """The ``revision`` column, added to tables created before revisions existed: on posts'
    records how many changes each has had, on a view the newest event it has applied."""
    for table in tables:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("revision", sa.Integer, nullable=False,
                                       server_default="0"))


def add_acting_head(op):
    """``acting_head_id``, added to a division view created before it existed."""
    with op.batch_alter_table("division_view") as table:
        table.add_column(sa.Column("acting_head_id", sa.String(36)))


def add_handover_ended_at(op):
    """When a handover ended, added to a handover view created before it was kept."""
    with op.batch_alter_table("handover_view") as table:
        table.add_column(sa.Column("ended_at", UTCDateTime))


def drop_columns(op, table, *columns):
    with op.batch_alter_table(table) as batch:
        for column in columns:
            batch.drop_column(column)


def drop_revision(op, *tables):
    for table in tables:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("revision")


def record(session, view, data):
    """Keep an event's facts in a view: the fields it has a column for (an attendance view
    keeps roles, the others not), by its primary key, new or updated — unless the view
    already holds a newer revision. One statement (an upsert): two events about a new
    record handled side by side cannot both insert it, and an older event retried after a
    newer one changes nothing."""
    table = view.__table__
    values = {key: value for key, value in data.items() if key in table.c}
    insert = insert_or(session, table).values(**values)
    keys = [column.name for column in table.primary_key]
    session.execute(insert.on_conflict_do_update(
        index_elements=keys, set_={k: insert.excluded[k] for k in values if k not in keys},
        where=table.c.revision <= insert.excluded.revision))


def inactive(session, view, staff_ids):
    """Of these people, those known to have left."""
    return set(session.scalars(sa.select(view.staff_id).where(
        view.staff_id.in_(staff_ids), view.active.is_(False))))


def view_handler(event_type, view):
    """The entrypoint keeping a service's ``view`` up to date from posts' ``event_type``
    events::

        on_staff_changed = projections.view_handler("staff_changed", StaffView)
    """
    from chassis.events import handle_event  # the consumer needs nameko; the views do not

    @handle_event("posts", event_type)
    def keep(self, event):
        with self.uow as work:
            record(work.session, view, event.data)
    keep.__name__ = f"on_{event_type}"
    return keep


def headed_by(session, view, staff_id):
    """The ids of the divisions whose head powers ``staff_id`` holds now (``head_now``)."""
    return session.scalars(sa.select(view.division_id).where(sa.or_(
        view.acting_head_id == staff_id,
        sa.and_(view.head_id == staff_id, view.acting_head_id.is_(None))))).all()


def division_by_code(session, view, code):
    """The division outside systems name by ``code``, or NotFound (``unknown_division``)."""
    division = session.scalar(sa.select(view).where(view.code == code))
    if division is None:
        raise NotFound(f"no division with code {code!r}", {"code": code},
                       code="unknown_division")
    return division


def taken_over(data):
    """``(previous, new)`` holders when a ``post_changed`` hands a post's open work to a
    new holder, else None."""
    previous, holder = data.get("previous_holder_id"), data["holder_id"]
    return (previous, holder) if previous and holder and previous != holder else None


def record_started(session, view, data):
    """Returns False when the handover is known already (or ended before it started)."""
    if session.get(view, data["handover_id"]) is not None:
        return False
    session.add(view(handover_id=data["handover_id"], post_id=data["post_id"],
                     from_id=data["from_id"], to_id=data["to_id"],
                     started_at=data["started_at"], ended=False))
    session.flush()
    return True


def record_ended(session, view, data):
    row = session.get(view, data["handover_id"])
    if row is None:
        session.add(view(handover_id=data["handover_id"], post_id=data["post_id"],
                         from_id=data["from_id"], to_id=data["to_id"], started_at=None,
                         ended=True, ended_at=data["ended_at"]))
    else:
        row.ended, row.ended_at = True, data["ended_at"]
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


def days_held(session, view, owner_id, after: date, through: date, is_working_day):
    """Who held ``owner_id``'s work on each working day after ``after`` up to ``through``:
    ``({staff_id: working days}, holder at the end of ``through``)``. A day counts for
    whoever held the work at its end — the owner, or the B acting for them then."""
    spans = [(h.started_at, h.ended_at, h.to_id) for h in session.scalars(
        sa.select(view).where(view.from_id == owner_id, view.started_at.is_not(None))
        .order_by(view.started_at)) if not (h.ended and h.ended_at is None)]

    def holder_at(moment):
        return next((to_id for start, end, to_id in spans
                     if start <= moment and (end is None or end > moment)), owner_id)

    def day_end(day):
        return datetime.combine(day + timedelta(days=1), time(0), OFFICE_TZ)
    shares, day = Counter({owner_id: 0}), after
    while day < through:
        day += timedelta(days=1)
        if is_working_day(day):
            shares[holder_at(day_end(day))] += 1
    return dict(shares), holder_at(day_end(through))


def answerable(shares: Mapping[str, int], holder_on_due: str) -> str:
    """五.4: a lapse on work a B covered part of the time is held against whoever held it
    for the most working days; on a tie, against the one acting on the due date — as when
    nobody held it a whole working day (due the day it came: 即办)."""
    most = max(shares.values())
    tied = [person for person, days in shares.items() if days == most]
    return tied[0] if len(tied) == 1 and most else holder_on_due
