"""Tables of accountability: violations, cases, and what the appraisal counts."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis.db import UTCDateTime
from office.projections import DivisionColumns, StaffColumns


class Base(DeclarativeBase):
    pass


class Violation(Base):
    """One violation of the rules by one person, from one source event (never two).

    ``recorded`` → ``contested`` (the person's 情况说明) → ``upheld`` | ``waived`` (a
    leader's judgement, with its note or reason); all but ``waived`` count.
    """

    __tablename__ = "violations"
    __table_args__ = (sa.UniqueConstraint("source_event_id", "staff_id"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(sa.String(30))
    source_event_id: Mapped[str] = mapped_column(sa.String(36))
    details: Mapped[dict] = mapped_column(sa.JSON)
    case_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    nature: Mapped[str] = mapped_column(sa.String(30))  # 八.2: non_ or improper_performance
    status: Mapped[str] = mapped_column(sa.String(20), default="recorded")
    recorded_by: Mapped[str | None] = mapped_column(sa.String(36))  # a person, for duty failures
    recorded_for: Mapped[str | None] = mapped_column(sa.String(36))  # the head (五.3), if any
    explanation: Mapped[str | None] = mapped_column(sa.Text)
    contested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judgement: Mapped[str | None] = mapped_column(sa.Text)  # the leader's note or reason
    judged_by: Mapped[str | None] = mapped_column(sa.String(36))
    judged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Case(Base):
    """A person's case: their violations graded (``suggested_severity``), then decided by a
    leader at the ``severity`` they judge, or dismissed. ``responsible_id`` is who answers
    for it if it is serious (追究有关领导责任)."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))  # personal | leader_responsibility
    status: Mapped[str] = mapped_column(sa.String(20))
    severity: Mapped[str] = mapped_column(sa.String(20))
    suggested_severity: Mapped[str] = mapped_column(sa.String(20))
    responsible_id: Mapped[str | None] = mapped_column(sa.String(36))
    suggested_outcome: Mapped[str] = mapped_column(sa.String(30))
    suggested_measures: Mapped[list] = mapped_column(sa.JSON)
    leader_case_id: Mapped[str | None] = mapped_column(sa.String(36))
    linked_case_id: Mapped[str | None] = mapped_column(sa.String(36))
    outcome: Mapped[str | None] = mapped_column(sa.String(30))
    measures: Mapped[list] = mapped_column(sa.JSON)
    note: Mapped[str | None] = mapped_column(sa.Text)
    decided_by: Mapped[str | None] = mapped_column(sa.String(36))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Achievement(Base):
    """What the annual appraisal counts besides violations: documents finished on time
    or late, inquiries closed, A/B covers served — one row per source event."""

    __tablename__ = "achievements"
    __table_args__ = (sa.Index("ix_achievements_staff_year", "staff_id", "year"),)
    source_event_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36))
    year: Mapped[int] = mapped_column(sa.Integer)
    kind: Mapped[str] = mapped_column(sa.String(30))


class DutyReport(Base):
    """个人总结/述职 and its 评议: one per person and year; ``division_id`` is theirs when
    they submitted it (who reviews it follows that division's head)."""

    __tablename__ = "duty_reports"
    __table_args__ = (sa.UniqueConstraint("staff_id", "year"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36))
    division_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    year: Mapped[int] = mapped_column(sa.Integer, index=True)
    summary: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    grade: Mapped[str | None] = mapped_column(sa.String(30))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(36))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """审计: one write committed for a request through a gateway, or a refused sign-in (the
    id is its event's)."""

    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_actor_at", "actor_id", "at"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_id: Mapped[str | None] = mapped_column(sa.String(36))
    role: Mapped[str | None] = mapped_column(sa.String(20))
    method: Mapped[str] = mapped_column(sa.String(10))
    path: Mapped[str] = mapped_column(sa.String(500))
    status: Mapped[int] = mapped_column(sa.Integer)
    correlation_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    username: Mapped[str | None] = mapped_column(sa.String(64))  # a sign-in's
    client: Mapped[str | None] = mapped_column(sa.String(64))  # the address it came from


class StatsDay(Base):
    """统计: how many of one ``figure`` a division had on one day (``division_id`` "" for
    none): the counters services/accountability/stats.py keeps from the events."""

    __tablename__ = "stats_daily"
    __table_args__ = (sa.Index("ix_stats_daily_division_day", "division_id", "day"),)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    division_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    figure: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    n: Mapped[int] = mapped_column(sa.Integer)


class StatsMonth(Base):
    """The same counters by month (``month``: its first day), so a year reads 12 rows a
    figure and division rather than 365."""

    __tablename__ = "stats_monthly"
    __table_args__ = (sa.Index("ix_stats_monthly_division_month", "division_id", "month"),)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    division_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    figure: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    n: Mapped[int] = mapped_column(sa.Integer)


class StatsCounted(Base):
    """Where a record that may move in the counters is counted now — an overdue document or
    application (until done), a violation (until waived), a case (its severity) — or, with
    ``figure`` None, that it is counted nowhere for good."""

    __tablename__ = "stats_counted"
    subject: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    subject_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    division_id: Mapped[str | None] = mapped_column(sa.String(36))
    day: Mapped[date | None] = mapped_column(sa.Date)
    figure: Mapped[str | None] = mapped_column(sa.String(60))


class StaffView(StaffColumns, Base):
    """Projection of posts' staff: whom a violation is about, and their division."""


class DivisionView(DivisionColumns, Base):
    """Projection of posts' divisions: who answers for a division's people."""
