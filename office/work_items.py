"""Work items across services: 催办 records kept with the work, and telling that an item
now waits for someone (``todo_added``, for notifications).

An urge is kept in the owning service's ``urges`` table (``UrgeColumns``, created by
:func:`create_urge_table`) and raised as ``work_urged``; the rules are
:mod:`office.urges`.
"""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from chassis.clock import clock
from chassis.db import UTCDateTime
from contracts import todo
from office.urges import state


class UrgeColumns:
    __tablename__ = "urges"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    work_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    target_staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    urged_by: Mapped[str | None] = mapped_column(sa.String(36))  # None: the system
    note: Mapped[str] = mapped_column(sa.String(500))
    urged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(sa.String(80))


def create_urge_table(op):
    op.create_table(
        "urges",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("work_id", sa.String(36), nullable=False, index=True),
        sa.Column("target_staff_id", sa.String(36), nullable=False, index=True),
        sa.Column("urged_by", sa.String(36)),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("urged_at", UTCDateTime, nullable=False),
        sa.Column("state", sa.String(80), nullable=False),
    )


def record_urge(work, table, *, kind, work_id, title, status, holder_id, by, note, fact=None):
    """Record the urge with the work and raise ``work_urged`` for its holder; ``fact``
    makes the system's own urge once per fact."""
    record = table(id=str(uuid.uuid4()), kind=kind, work_id=work_id, target_staff_id=holder_id,
                   urged_by=by, note=note, urged_at=clock.now(),
                   state=state(status, holder_id))
    work.session.add(record)
    work.emit("work_urged", {
        "urge_id": record.id, "kind": kind, "id": work_id, "title": title,
        "link": todo.page(kind, work_id), "target_staff_id": holder_id, "urged_by": by,
        "note": note, "urged_at": record.urged_at}, fact=fact)
    return record


def listed(session, table, kind, work_id):
    """The work's urges, newest first."""
    return session.scalars(sa.select(table).where(table.kind == kind, table.work_id == work_id)
                           .order_by(table.urged_at.desc())).all()


def waiting_for(session, table, staff_id):
    """The urges addressed to ``staff_id``; the owning service keeps those whose work has
    not moved (``office.urges.still_waiting``)."""
    return session.scalars(sa.select(table).where(table.target_staff_id == staff_id)
                           .order_by(table.urged_at)).all()


def announce(work, staff_id, item, *, by=None, urgent=False, except_ids=()):
    """``todo_added``: ``item`` (a to-do item, ``contracts.todo.todo_item``) now waits for
    ``staff_id`` — every leader but ``except_ids`` when None. Nobody is told of work they
    just gave themselves (``by``)."""
    if staff_id is not None and staff_id == by:
        return
    work.emit("todo_added", {
        "staff_id": staff_id, "except_ids": list(except_ids), "kind": item["kind"],
        "id": item["id"], "title": item["title"], "step": item["step"], "link": todo.link(item),
        "due": item["due"], "urgent": urgent})
