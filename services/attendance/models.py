"""Tables of attendance: absences (notices and leave requests), reports, projections."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis.db import UTCDateTime
from office.projections import DivisionColumns, HandoverColumns, StaffColumns
from office.work_items import UrgeColumns


class Base(DeclarativeBase):
    pass


class Absence(Base):
    """离岗告示 (kind ``notice``) or 请假 (kind ``leave``): one stretch away from the post."""

    __tablename__ = "absences"
    __table_args__ = (sa.Index("ix_absences_status_start", "status", "start_at"),
                      sa.Index("ix_absences_status_return", "status", "expected_return_at"))
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    status: Mapped[str] = mapped_column(sa.String(10))
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expected_return_at: Mapped[datetime] = mapped_column(UTCDateTime)
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    reason: Mapped[str] = mapped_column(sa.String(500))
    # a notice's business | personal; a leave request's kind (出差, 开会, 年休假, …: LEAVE_KINDS)
    reason_kind: Mapped[str] = mapped_column(sa.String(20))
    contact: Mapped[str] = mapped_column(sa.String(100), default="")
    approver_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(sa.String(500))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    late_minutes: Mapped[int] = mapped_column(sa.Integer, default=0)
    late_reported: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    handover_note: Mapped[str | None] = mapped_column(sa.Text)  # 交接说明, for a leave
    return_acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 七.1: the same day's earlier notices this one continues (their time counts with its own)
    chained_with: Mapped[list] = mapped_column(sa.JSON, default=list)
    # False for a short notice (30 minutes or less in all): the post stays with its holder
    hands_over: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    # who decided, acknowledged or corrected, and the head they acted for (五.3), if any
    decided_by: Mapped[str | None] = mapped_column(sa.String(36))
    decided_for: Mapped[str | None] = mapped_column(sa.String(36))
    acknowledged_by: Mapped[str | None] = mapped_column(sa.String(36))
    acknowledged_for: Mapped[str | None] = mapped_column(sa.String(36))
    return_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the report
    return_correction_note: Mapped[str | None] = mapped_column(sa.String(500))


class AbsenceReport(Base):
    """擅自离岗: an absence without a notice, as a head or leader observed it."""

    __tablename__ = "absence_reports"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(sa.String(1000))
    reported_by: Mapped[str] = mapped_column(sa.String(36))
    approver_id: Mapped[str | None] = mapped_column(sa.String(36))
    duty_check_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)  # found there


class DutyCheck(Base):
    """在岗检查 (七.6): who was found away from their post at a moment, and what excused
    them; ``absent``: ``[{staff_id, excused, absence_id, report_id}]``, as named."""

    __tablename__ = "duty_checks"
    __table_args__ = (sa.Index("ix_duty_checks_division_checked", "division_id", "checked_at"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    division_id: Mapped[str] = mapped_column(sa.String(36))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checked_by: Mapped[str] = mapped_column(sa.String(36))
    checked_for: Mapped[str | None] = mapped_column(sa.String(36))  # the head acted for (五.3)
    note: Mapped[str | None] = mapped_column(sa.String(1000))
    absent: Mapped[list] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffView(StaffColumns, Base):
    """Projection of posts' staff: names for the notice board, roles for approvers."""

    role: Mapped[str | None] = mapped_column(sa.String(20))  # None: known before roles were


class DivisionView(DivisionColumns, Base):
    """Projection of posts' divisions: their heads and supervising leaders, who approve."""


class PostView(Base):
    """Projection of posts' posts: which posts a person holds."""

    __tablename__ = "post_view"
    post_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    holder_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)  # None: vacant
    division_id: Mapped[str] = mapped_column(sa.String(36))
    revision: Mapped[int] = mapped_column(sa.Integer, default=0)  # the newest event's


class HandoverView(HandoverColumns, Base):
    """Projection of posts' handovers: who covers a post now."""


class Urge(UrgeColumns, Base):
    """催办 on a leave notice or request (kind ``leave_notice`` or ``leave_request``)."""
