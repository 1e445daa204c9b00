"""Tables of inquiries: inquiries, the matter catalogue (each version kept), applications,
their reviews and referrals, one-time notices, complaints, and projections of posts."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis.db import UTCDateTime
from office.projections import DivisionColumns, HandoverColumns, StaffColumns
from office.work_items import UrgeColumns


class Base(DeclarativeBase):
    pass


class Inquiry(Base):
    """首问: a visitor's inquiry, owned by the first staff member asked until closed.

    Guided to one of our divisions (二.4) it stays open for that division (``guided``)
    until someone there answers it (``answered``) by ``answer_due_day``.
    """

    __tablename__ = "inquiries"
    __table_args__ = (sa.Index("ix_inquiries_status_lapse", "status", "lapse_day"),
                      sa.Index("ix_inquiries_status_answer_due", "status", "answer_due_day"))
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    visitor_name: Mapped[str] = mapped_column(sa.String(100))
    contact: Mapped[str] = mapped_column(sa.String(100))
    question: Mapped[str] = mapped_column(sa.Text)
    matter_id: Mapped[str | None] = mapped_column(sa.String(36))
    first_responder_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    acting_id: Mapped[str | None] = mapped_column(sa.String(36))
    status: Mapped[str] = mapped_column(sa.String(20))
    answer: Mapped[str | None] = mapped_column(sa.Text)
    guided_division_id: Mapped[str | None] = mapped_column(sa.String(36))
    external_unit: Mapped[str | None] = mapped_column(sa.String(200))
    explanation: Mapped[str | None] = mapped_column(sa.Text)
    closed_by: Mapped[str | None] = mapped_column(sa.String(36))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lapse_day: Mapped[date] = mapped_column(sa.Date)
    lapse_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    guide_note: Mapped[str | None] = mapped_column(sa.Text)
    guided_head_id: Mapped[str | None] = mapped_column(sa.String(36))  # answers for a lapse
    answer_due_day: Mapped[date | None] = mapped_column(sa.Date)
    answered_by: Mapped[str | None] = mapped_column(sa.String(36))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer_lapse_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MatterColumns:
    """What a matter publishes: basis, time limit (0: 即办, handled at once), procedure and
    material list."""

    name: Mapped[str] = mapped_column(sa.String(200))
    basis: Mapped[str] = mapped_column(sa.Text)
    time_limit_days: Mapped[int] = mapped_column(sa.Integer)
    procedure: Mapped[str] = mapped_column(sa.Text)
    division_id: Mapped[str] = mapped_column(sa.String(36))
    materials: Mapped[list] = mapped_column(sa.JSON)  # [{code, name, required}]


class Matter(MatterColumns, Base):
    """办事事项: a matter as the public catalogue shows it now (its newest ``version``),
    until withdrawn."""

    __tablename__ = "matters"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    version: Mapped[int] = mapped_column(sa.Integer, default=1)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdraw_reason: Mapped[str | None] = mapped_column(sa.Text)
    withdrawn_by: Mapped[str | None] = mapped_column(sa.String(36))


class MatterVersion(MatterColumns, Base):
    """A matter as one version published it: what an application reviewed against it read."""

    __tablename__ = "matter_versions"
    matter_id: Mapped[str] = mapped_column(sa.ForeignKey("matters.id"), primary_key=True)
    version: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    published_by: Mapped[str | None] = mapped_column(sa.String(36))  # None: before versions
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Application(Base):
    """An application for a matter, reviewed on the spot: accepted (and then completed,
    办结, by its due date), returned with a one-time notice, or refused (不予受理)."""

    __tablename__ = "applications"
    __table_args__ = (sa.Index("ix_applications_status_due", "status", "due_date"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    matter_id: Mapped[str] = mapped_column(sa.ForeignKey("matters.id"), index=True)
    matter_version: Mapped[int] = mapped_column(sa.Integer)  # its latest review's
    applicant: Mapped[str] = mapped_column(sa.String(200))
    contact: Mapped[str] = mapped_column(sa.String(100))
    status: Mapped[str] = mapped_column(sa.String(20))
    token_hash: Mapped[str] = mapped_column(sa.String(64))
    due_date: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)  # accepted it
    acting_id: Mapped[str | None] = mapped_column(sa.String(36))
    refusal_reason: Mapped[str | None] = mapped_column(sa.Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # accepted or refused
    result: Mapped[str | None] = mapped_column(sa.Text)
    completed_by: Mapped[str | None] = mapped_column(sa.String(36))
    completed_on: Mapped[date | None] = mapped_column(sa.Date)
    completed_on_time: Mapped[bool | None] = mapped_column(sa.Boolean)
    overdue_for: Mapped[date | None] = mapped_column(sa.Date)  # due date reported overdue
    warned_for: Mapped[date | None] = mapped_column(sa.Date)  # due date warned of (yellow)


class Review(Base):
    """审核: one on-the-spot review of what an application brought."""

    __tablename__ = "reviews"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    application_id: Mapped[str] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    seq: Mapped[int] = mapped_column(sa.Integer)
    reviewer_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    matter_version: Mapped[int] = mapped_column(sa.Integer)  # what it reviewed against
    materials: Mapped[list] = mapped_column(sa.JSON)  # [{code, ok, defect?}]
    outcome: Mapped[str] = mapped_column(sa.String(20))


class Notice(Base):
    """一次性告知书: the one notice of a returned review, listing every problem."""

    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    application_id: Mapped[str] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    review_id: Mapped[str] = mapped_column(sa.ForeignKey("reviews.id"))
    number: Mapped[str] = mapped_column(sa.String(60), unique=True)
    items: Mapped[list] = mapped_column(sa.JSON)  # [{code, name, problem, defect?}]
    basis: Mapped[str] = mapped_column(sa.Text)
    time_limit_days: Mapped[int] = mapped_column(sa.Integer)
    procedure: Mapped[str] = mapped_column(sa.Text)
    issued_by: Mapped[str] = mapped_column(sa.String(36), index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Referral(Base):
    """转办咨询 (六.4): a question the reviewer puts, for the party, to another division
    (on that division's to-do until someone there answers) or to an outside unit (whose
    answer the reviewer records)."""

    __tablename__ = "referrals"
    __table_args__ = (sa.Index("ix_referrals_division_status", "division_id", "status"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    application_id: Mapped[str] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    division_id: Mapped[str | None] = mapped_column(sa.String(36))
    external_unit: Mapped[str | None] = mapped_column(sa.String(200))
    question: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20))  # open, answered
    due_date: Mapped[date] = mapped_column(sa.Date)
    referred_by: Mapped[str] = mapped_column(sa.String(36))
    referred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(sa.Text)
    answered_by: Mapped[str | None] = mapped_column(sa.String(36))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NoticeCounter(Base):
    __tablename__ = "notice_counters"
    year: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(sa.Integer)


class NoticeViolation(Base):
    """A return that asked for what an earlier one-time notice should have said."""

    __tablename__ = "notice_violations"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    review_id: Mapped[str] = mapped_column(sa.ForeignKey("reviews.id"))
    reviewer_ids: Mapped[list] = mapped_column(sa.JSON)  # the earlier reviewers named
    items: Mapped[list] = mapped_column(sa.JSON)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Complaint(Base):
    """投诉: from the public, anonymous allowed; looked up with its id and token.

    ``received`` → ``investigating`` → ``substantiated`` | ``unsubstantiated``;
    ``held_against_id`` is whom a substantiated finding holds responsible.
    """

    __tablename__ = "complaints"
    __table_args__ = (sa.Index("ix_complaints_client_filed", "client_address", "filed_at"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    inquiry_id: Mapped[str | None] = mapped_column(sa.String(36))
    category: Mapped[str] = mapped_column(sa.String(30))
    description: Mapped[str] = mapped_column(sa.Text)
    contact: Mapped[str | None] = mapped_column(sa.String(100))
    status: Mapped[str] = mapped_column(sa.String(20))
    token_hash: Mapped[str] = mapped_column(sa.String(64))
    client_address: Mapped[str] = mapped_column(sa.String(64))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    division_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    intake_reference: Mapped[str | None] = mapped_column(sa.String(100))  # the hotline's id
    investigator_id: Mapped[str | None] = mapped_column(sa.String(36))
    investigator_for: Mapped[str | None] = mapped_column(sa.String(36))  # the head (五.3)
    investigation_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply: Mapped[str | None] = mapped_column(sa.Text)
    held_against_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    concluded_by: Mapped[str | None] = mapped_column(sa.String(36))
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DivisionView(DivisionColumns, Base):
    """Projection of posts' divisions: the code the 12345 hotline names one by."""


class StaffView(StaffColumns, Base):
    """Projection of posts' staff: names for the semi-annual report; name and office phone
    of the 经办人 a written notice gives (二.2, 六.6)."""

    phone: Mapped[str | None] = mapped_column(sa.String(40))


class HandoverView(HandoverColumns, Base):
    """Projection of posts' handovers: whose inquiries go to which acting B now."""


class Urge(UrgeColumns, Base):
    """催办 on an inquiry or an application (kind ``inquiry`` or ``application``)."""
