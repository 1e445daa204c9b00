"""Tables of accountability: violations, cases, and what the appraisal counts."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis.db import UTCDateTime


class Base(DeclarativeBase):
    pass


class Violation(Base):
    """One violation of the rules by one person, from one source event (never two)."""

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


class Case(Base):
    """A person's case: their violations graded, then decided or dismissed by a leader."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))  # personal | leader_responsibility
    status: Mapped[str] = mapped_column(sa.String(20))
    severity: Mapped[str] = mapped_column(sa.String(20))
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
