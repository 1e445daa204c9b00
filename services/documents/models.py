"""Tables of documents: incoming documents, consultations, extensions, outgoing numbering."""

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis.db import UTCDateTime
from office.projections import DivisionColumns, HandoverColumns, StaffColumns
from office.work_items import UrgeColumns


class Base(DeclarativeBase):
    pass


class Document(Base):
    """收文: an incoming document, assigned (批办) with a due date and handled by its assignee."""

    __tablename__ = "documents"
    __table_args__ = (sa.Index("ix_documents_status_due", "status", "due_date"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    from_unit: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(100))
    urgent: Mapped[bool] = mapped_column(sa.Boolean)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    division_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    registered_by: Mapped[str | None] = mapped_column(sa.String(36))  # None: by the intake
    intake_reference: Mapped[str | None] = mapped_column(sa.String(100))  # the sender's id
    status: Mapped[str] = mapped_column(sa.String(20))
    assignee_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    acting_id: Mapped[str | None] = mapped_column(sa.String(36))
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_date: Mapped[date | None] = mapped_column(sa.Date)
    return_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the head approved
    result: Mapped[str | None] = mapped_column(sa.Text)
    completed_by: Mapped[str | None] = mapped_column(sa.String(36))
    completed_on: Mapped[date | None] = mapped_column(sa.Date)
    warned_for: Mapped[date | None] = mapped_column(sa.Date)  # due date warned about
    overdue_for: Mapped[date | None] = mapped_column(sa.Date)  # due date reported overdue
    # who assigned it and decided on its return, and the head they acted for (五.3), if any
    assigned_by: Mapped[str | None] = mapped_column(sa.String(36))
    assigned_for: Mapped[str | None] = mapped_column(sa.String(36))
    return_decided_by: Mapped[str | None] = mapped_column(sa.String(36))
    return_decided_for: Mapped[str | None] = mapped_column(sa.String(36))
    return_note: Mapped[str | None] = mapped_column(sa.String(1000))  # why it was refused

    @classmethod
    def received(cls, division_id, registered_by, **fields):
        """A document just received (登记) in its division, by someone of the division or
        (``registered_by`` None) handed in by the intake."""
        return cls(id=str(uuid.uuid4()), status="received", division_id=division_id,
                   registered_by=registered_by, **fields)


class Consultation(Base):
    """会商: a question put to another division or unit; it does not stop the clock."""

    __tablename__ = "consultations"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(sa.ForeignKey("documents.id"), index=True)
    with_unit: Mapped[str] = mapped_column(sa.String(200))
    topic: Mapped[str] = mapped_column(sa.String(1000))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reply: Mapped[str | None] = mapped_column(sa.Text)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Extension(Base):
    """延期: a request for a new due date with its basis; once the head approves it the due
    date moves and the sending unit is told."""

    __tablename__ = "extensions"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(sa.ForeignKey("documents.id"), index=True)
    old_due_date: Mapped[date] = mapped_column(sa.Date)
    new_due_date: Mapped[date] = mapped_column(sa.Date)
    basis: Mapped[str] = mapped_column(sa.String(1000))
    opinion: Mapped[str | None] = mapped_column(sa.Text)  # 处理意见, told to the sender
    requested_by: Mapped[str] = mapped_column(sa.String(36))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(10), default="requested")
    decided_by: Mapped[str | None] = mapped_column(sa.String(36))
    decided_for: Mapped[str | None] = mapped_column(sa.String(36))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(sa.String(1000))


class Outgoing(Base):
    """发文: a draft signed by a leader (签发), numbered (编号) and printed (送印)."""

    __tablename__ = "outgoing"
    __table_args__ = (sa.UniqueConstraint("series", "year", "seq"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    series: Mapped[str] = mapped_column(sa.String(30))
    drafter_id: Mapped[str] = mapped_column(sa.String(36))
    status: Mapped[str] = mapped_column(sa.String(20))
    signed_by: Mapped[str | None] = mapped_column(sa.String(36))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    year: Mapped[int | None] = mapped_column(sa.Integer)
    seq: Mapped[int | None] = mapped_column(sa.Integer)
    number: Mapped[str | None] = mapped_column(sa.String(60))
    numbered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NumberSeries(Base):
    """The last number given in a series and year; its row lock serialises numbering."""

    __tablename__ = "number_series"
    series: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(sa.Integer)


class DivisionView(DivisionColumns, Base):
    """Projection of posts' divisions: the code the document exchange names one by."""


class StaffView(StaffColumns, Base):
    """Projection of posts' staff: whose open documents wait for reassignment."""


class HandoverView(HandoverColumns, Base):
    """Projection of posts' handovers: whose documents go to which acting B now."""


class Urge(UrgeColumns, Base):
    """催办 on a document (kind ``document``)."""
