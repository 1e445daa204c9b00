"""The audit trail: every successful write through a gateway.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("at", UTCDateTime, nullable=False, index=True),
        sa.Column("actor_id", sa.String(36)),
        sa.Column("role", sa.String(20)),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("correlation_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_entries_actor_at", "audit_entries", ["actor_id", "at"])


def downgrade():
    op.drop_table("audit_entries")
