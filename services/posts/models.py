"""Tables of the posts service: divisions, staff, posts, backups, handovers."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from chassis.db import UTCDateTime


class Base(DeclarativeBase):
    pass


class Division(Base):
    """处室: a division, with its head (处室负责人) and supervising leader (分管领导)."""

    __tablename__ = "divisions"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    code: Mapped[str] = mapped_column(sa.String(30), unique=True)
    head_id: Mapped[str | None] = mapped_column(sa.String(36))
    leader_id: Mapped[str | None] = mapped_column(sa.String(36))
    # 五.3: who holds the head's powers while the head is away (events.acting_head_now)
    acting_head_id: Mapped[str | None] = mapped_column(sa.String(36))
    revision: Mapped[int] = mapped_column(sa.Integer, default=0)  # see events.next_revision


class Staff(Base):
    """工作人员: a staff account. The password is only ever stored as a slow hash.

    Someone who leaves (调离, 退休) is made inactive, never deleted: their history stays.
    ``token_version`` goes up with every password change, revoking older tokens.
    """

    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    name: Mapped[str] = mapped_column(sa.String(100))
    title: Mapped[str] = mapped_column(sa.String(100))
    phone: Mapped[str] = mapped_column(sa.String(40))
    division_id: Mapped[str | None] = mapped_column(sa.ForeignKey("divisions.id"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    leaving_reason: Mapped[str | None] = mapped_column(sa.String(500))
    token_version: Mapped[int] = mapped_column(sa.Integer, default=0)
    revision: Mapped[int] = mapped_column(sa.Integer, default=0)


class FailedSignIn(Base):
    """A wrong password given for a username from a client address (signing in, or
    changing one's password); see services/posts/sign_ins.py."""

    __tablename__ = "failed_sign_ins"
    __table_args__ = (sa.Index("ix_failed_sign_ins_client_at", "client", "at"),)
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    client: Mapped[str] = mapped_column(sa.String(64), default="unknown")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Post(Base):
    """岗位: a post with its duties, its A holder (A角) and ordered B backups (B角).

    A post whose holder left is ``vacant`` (no holder) until a new one is set; the
    new holder takes over the open work of ``previous_holder_id``.
    """

    __tablename__ = "posts"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    division_id: Mapped[str] = mapped_column(sa.ForeignKey("divisions.id"), index=True)
    duties: Mapped[list] = mapped_column(sa.JSON)
    holder_id: Mapped[str | None] = mapped_column(sa.ForeignKey("staff.id"), index=True)
    previous_holder_id: Mapped[str | None] = mapped_column(sa.String(36))
    special: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    state: Mapped[str] = mapped_column(sa.String(20), default="normal")
    acting_id: Mapped[str | None] = mapped_column(sa.String(36))
    revision: Mapped[int] = mapped_column(sa.Integer, default=0)
    backups: Mapped[list["Backup"]] = relationship(
        order_by="Backup.rank", cascade="all, delete-orphan", lazy="selectin")

    @property
    def backup_ids(self):
        return [b.staff_id for b in self.backups]


class Backup(Base):
    """A B backup of a post; ``rank`` is the takeover order (顶岗秩序), 1 first."""

    __tablename__ = "post_backups"
    post_id: Mapped[str] = mapped_column(sa.ForeignKey("posts.id"), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.ForeignKey("staff.id"), primary_key=True)
    rank: Mapped[int] = mapped_column(sa.Integer)


class Handover(Base):
    """交接: a post handed from its holder to a backup while the holder is away."""

    __tablename__ = "handovers"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    post_id: Mapped[str] = mapped_column(sa.ForeignKey("posts.id"), index=True)
    absence_id: Mapped[str | None] = mapped_column(sa.String(36))
    from_id: Mapped[str] = mapped_column(sa.String(36))
    to_id: Mapped[str | None] = mapped_column(sa.String(36))
    reason: Mapped[str] = mapped_column(sa.String(500))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    pending_items: Mapped[list] = mapped_column(sa.JSON, default=list)
    note: Mapped[str | None] = mapped_column(sa.Text)  # A's 交接说明, for the head and the B


class Absence(Base):
    """An absence as attendance reported it: who is away, from its start to its end.

    An end may arrive before its start (events out of order); the row then has an
    ``ended_at`` and no ``started_at``, and the late start is ignored.
    """

    __tablename__ = "absences"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handover_note: Mapped[str | None] = mapped_column(sa.Text)

    @property
    def current(self):
        return self.started_at is not None and self.ended_at is None


class CaseView(Base):
    """Accountability's open cases as posts keeps them (``case_opened`` / ``case_decided``):
    a case whose subject and responsible leader are every active leader has nobody free to
    judge it (回避), which ``GET /org/warnings`` says."""

    __tablename__ = "case_view"
    case_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(sa.String(36))
    responsible_id: Mapped[str | None] = mapped_column(sa.String(36))
    closed: Mapped[bool] = mapped_column(sa.Boolean, default=False)
