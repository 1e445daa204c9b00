"""Divisions, staff, posts with backups, handovers; the chassis' outbox and inbox.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime, create_chassis_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_chassis_tables(op)
    op.create_table(
        "divisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("code", sa.String(30), nullable=False, unique=True),
        sa.Column("head_id", sa.String(36)),
        sa.Column("leader_id", sa.String(36)),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("division_id", sa.String(36), sa.ForeignKey("divisions.id"), index=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("division_id", sa.String(36), sa.ForeignKey("divisions.id"),
                  nullable=False, index=True),
        sa.Column("duties", sa.JSON, nullable=False),
        sa.Column("holder_id", sa.String(36), sa.ForeignKey("staff.id"),
                  nullable=False, index=True),
        sa.Column("special", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("acting_id", sa.String(36)),
    )
    op.create_table(
        "post_backups",
        sa.Column("post_id", sa.String(36), sa.ForeignKey("posts.id"), primary_key=True),
        sa.Column("staff_id", sa.String(36), sa.ForeignKey("staff.id"), primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
    )
    op.create_table(
        "handovers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("post_id", sa.String(36), sa.ForeignKey("posts.id"),
                  nullable=False, index=True),
        sa.Column("from_id", sa.String(36), nullable=False),
        sa.Column("to_id", sa.String(36)),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("started_at", UTCDateTime, nullable=False),
        sa.Column("ended_at", UTCDateTime, index=True),
        sa.Column("pending_items", sa.JSON, nullable=False),
    )


def downgrade():
    for table in ("handovers", "post_backups", "posts", "staff", "divisions", "inbox", "outbox"):
        op.drop_table(table)
