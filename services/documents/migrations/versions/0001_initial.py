"""Documents, consultations, extensions, outgoing numbering, handovers; outbox and inbox.

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
        "documents",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("from_unit", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("received_at", UTCDateTime, nullable=False),
        sa.Column("division_id", ID, nullable=False, index=True),
        sa.Column("registered_by", ID, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("assignee_id", ID, index=True),
        sa.Column("acting_id", ID),
        sa.Column("assigned_at", UTCDateTime),
        sa.Column("due_date", sa.Date),
        sa.Column("return_reason", sa.String(1000)),
        sa.Column("result", sa.Text),
        sa.Column("completed_by", ID),
        sa.Column("completed_on", sa.Date),
        sa.Column("warned_for", sa.Date),
        sa.Column("overdue_for", sa.Date),
    )
    op.create_index("ix_documents_status_due", "documents", ["status", "due_date"])
    op.create_table(
        "consultations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("with_unit", sa.String(200), nullable=False),
        sa.Column("topic", sa.String(1000), nullable=False),
        sa.Column("opened_at", UTCDateTime, nullable=False),
        sa.Column("reply", sa.Text),
        sa.Column("replied_at", UTCDateTime),
    )
    op.create_table(
        "extensions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("old_due_date", sa.Date, nullable=False),
        sa.Column("new_due_date", sa.Date, nullable=False),
        sa.Column("basis", sa.String(1000), nullable=False),
        sa.Column("requested_by", ID, nullable=False),
        sa.Column("requested_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "outgoing",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("series", sa.String(30), nullable=False),
        sa.Column("drafter_id", ID, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("signed_by", ID),
        sa.Column("signed_at", UTCDateTime),
        sa.Column("year", sa.Integer),
        sa.Column("seq", sa.Integer),
        sa.Column("number", sa.String(60)),
        sa.Column("numbered_at", UTCDateTime),
        sa.Column("printed_at", UTCDateTime),
        sa.UniqueConstraint("series", "year", "seq"),
    )
    op.create_table(
        "number_series",
        sa.Column("series", sa.String(30), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )
    projections.create_handover_table(op)


def downgrade():
    for table in ("handover_view", "number_series", "outgoing", "extensions", "consultations",
                  "documents", "inbox", "outbox"):
        op.drop_table(table)
