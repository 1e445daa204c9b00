"""Tables of notifications: each person's notifications and settings, the mail and webhook
deliveries, and a projection of posts' staff (who leads, who has left)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis.db import UTCDateTime
from office.projections import StaffColumns


class Base(DeclarativeBase):
    pass


class Notification(Base):
    """One thing a person is told; ``read_at`` once they read it in the console."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_staff_created", "staff_id", "created_at"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)  # from the event: once
    staff_id: Mapped[str] = mapped_column(sa.String(36))
    kind: Mapped[str] = mapped_column(sa.String(30))
    title: Mapped[str] = mapped_column(sa.String(400))
    body: Mapped[str] = mapped_column(sa.Text)
    link: Mapped[str] = mapped_column(sa.String(300))
    urgent: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Setting(Base):
    """How a person also wants to be told: by mail, by a group robot's webhook."""

    __tablename__ = "notification_settings"
    staff_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    email_enabled: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    webhook_url: Mapped[str | None] = mapped_column(sa.String(500))
    webhook_enabled: Mapped[bool] = mapped_column(sa.Boolean, default=False)


class Delivery(Base):
    """A notification sent outside the console. ``queued`` until sent, retried with
    backoff for a day (``next_attempt_at``), then ``failed`` with the last error. An
    instance sending it holds it (``claimed_until``) so no other sends it too."""

    __tablename__ = "deliveries"
    __table_args__ = (sa.Index("ix_deliveries_status_next", "status", "next_attempt_at"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    notification_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36))
    channel: Mapped[str] = mapped_column(sa.String(10))  # email | webhook
    target: Mapped[str] = mapped_column(sa.String(500))
    status: Mapped[str] = mapped_column(sa.String(10))
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffView(StaffColumns, Base):
    """Projection of posts' staff: names for who urged, roles for telling every leader."""

    role: Mapped[str | None] = mapped_column(sa.String(20))
