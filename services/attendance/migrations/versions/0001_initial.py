"""Absences, unauthorised-absence reports, projections of posts; outbox and inbox.

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
        "absences",
        sa.Column("id", ID, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("staff_id", ID, nullable=False, index=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("start_at", UTCDateTime, nullable=False),
        sa.Column("expected_return_at", UTCDateTime, nullable=False),
        sa.Column("start_date", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("reason_kind", sa.String(10), nullable=False),
        sa.Column("contact", sa.String(100), nullable=False),
        sa.Column("approver_id", ID, index=True),
        sa.Column("decided_at", UTCDateTime),
        sa.Column("decision_note", sa.String(500)),
        sa.Column("started_at", UTCDateTime),
        sa.Column("returned_at", UTCDateTime),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("late_minutes", sa.Integer, nullable=False),
        sa.Column("late_reported", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_absences_status_start", "absences", ["status", "start_at"])
    op.create_index("ix_absences_status_return", "absences", ["status", "expected_return_at"])
    op.create_table(
        "absence_reports",
        sa.Column("id", ID, primary_key=True),
        sa.Column("staff_id", ID, nullable=False, index=True),
        sa.Column("observed_at", UTCDateTime, nullable=False),
        sa.Column("note", sa.String(1000), nullable=False),
        sa.Column("reported_by", ID, nullable=False),
        sa.Column("approver_id", ID),
    )
    projections.create_staff_table(op)
    op.create_table(
        "post_view",
        sa.Column("post_id", ID, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("holder_id", ID, nullable=False, index=True),
        sa.Column("division_id", ID, nullable=False),
    )
    projections.create_handover_table(op)


def downgrade():
    for table in ("handover_view", "post_view", "staff_view", "absence_reports", "absences",
                  "inbox", "outbox"):
        op.drop_table(table)
