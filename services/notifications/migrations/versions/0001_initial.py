"""Notifications, settings and deliveries; a projection of posts' staff; outbox and inbox.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime, create_chassis_tables
from office import projections

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
ID = sa.String(36)


def upgrade():
    create_chassis_tables(op)
    op.create_table(
        "notifications",
        sa.Column("id", ID, primary_key=True),
        sa.Column("staff_id", ID, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("link", sa.String(300), nullable=False),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("read_at", UTCDateTime),
    )
    op.create_index("ix_notifications_staff_created", "notifications",
                    ["staff_id", "created_at"])
    op.create_table(
        "notification_settings",
        sa.Column("staff_id", ID, primary_key=True),
        sa.Column("email", sa.String(254)),
        sa.Column("email_enabled", sa.Boolean, nullable=False),
        sa.Column("webhook_url", sa.String(500)),
        sa.Column("webhook_enabled", sa.Boolean, nullable=False),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", ID, primary_key=True),
        sa.Column("notification_id", ID, nullable=False, index=True),
        sa.Column("staff_id", ID, nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("target", sa.String(500), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("due_at", UTCDateTime, nullable=False),
        sa.Column("next_attempt_at", UTCDateTime),
        sa.Column("claimed_until", UTCDateTime),
        sa.Column("sent_at", UTCDateTime),
        sa.Column("last_error", sa.String(1000)),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_deliveries_status_next", "deliveries", ["status", "next_attempt_at"])
    projections.create_staff_table(op)
    projections.add_staff_active(op)
    projections.add_revision(op, "staff_view")
    with op.batch_alter_table("staff_view") as table:
        table.add_column(sa.Column("role", sa.String(20)))


def downgrade():
    for table in ("staff_view", "deliveries", "notification_settings", "notifications",
                  "inbox", "outbox"):
        op.drop_table(table)
