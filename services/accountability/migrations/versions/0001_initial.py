"""Violations, cases, achievements; outbox and inbox.

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
ID = sa.String(36)


def upgrade():
    create_chassis_tables(op)
    op.create_table(
        "violations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("staff_id", ID, nullable=False, index=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("occurred_at", UTCDateTime, nullable=False),
        sa.Column("source", sa.String(30), nullable=False),
        sa.Column("source_event_id", ID, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("case_id", ID, index=True),
        sa.UniqueConstraint("source_event_id", "staff_id"),
    )
    op.create_table(
        "cases",
        sa.Column("id", ID, primary_key=True),
        sa.Column("staff_id", ID, nullable=False, index=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("suggested_outcome", sa.String(30), nullable=False),
        sa.Column("suggested_measures", sa.JSON, nullable=False),
        sa.Column("leader_case_id", ID),
        sa.Column("linked_case_id", ID),
        sa.Column("outcome", sa.String(30)),
        sa.Column("measures", sa.JSON, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("decided_by", ID),
        sa.Column("decided_at", UTCDateTime),
        sa.Column("opened_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "achievements",
        sa.Column("source_event_id", ID, primary_key=True),
        sa.Column("staff_id", ID, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
    )
    op.create_index("ix_achievements_staff_year", "achievements", ["staff_id", "year"])


def downgrade():
    for table in ("achievements", "cases", "violations", "inbox", "outbox"):
        op.drop_table(table)
