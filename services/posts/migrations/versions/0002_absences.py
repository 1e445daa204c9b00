"""Absences seen from attendance, and the absence behind each handover.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "absences",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("staff_id", sa.String(36), nullable=False, index=True),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("started_at", UTCDateTime),
        sa.Column("ended_at", UTCDateTime),
    )
    with op.batch_alter_table("handovers") as batch:
        batch.add_column(sa.Column("absence_id", sa.String(36)))


def downgrade():
    with op.batch_alter_table("handovers") as batch:
        batch.drop_column("absence_id")
    op.drop_table("absences")
