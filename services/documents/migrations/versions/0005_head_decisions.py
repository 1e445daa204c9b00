"""Extensions become requests the head decides (四.3, 四.6) — those made before were
applied at once, so they stand approved —; a refused 退文's note; who assigned a document
and decided its return, and the head they acted for (五.3); the acting head on the
division view; when a handover ended (who held a document on which days, 五.4).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime
from office import projections

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
DOCUMENT_PEOPLE = ("assigned_by", "assigned_for", "return_decided_by", "return_decided_for")
EXTENSION_COLUMNS = ("status", "decided_by", "decided_for", "decided_at", "decision_note")


def upgrade():
    projections.add_acting_head(op)
    projections.add_handover_ended_at(op)
    with op.batch_alter_table("documents") as table:
        for column in DOCUMENT_PEOPLE:
            table.add_column(sa.Column(column, sa.String(36)))
        table.add_column(sa.Column("return_note", sa.String(1000)))
    with op.batch_alter_table("extensions") as table:
        table.add_column(sa.Column("status", sa.String(10), nullable=False,
                                   server_default="approved"))
        table.add_column(sa.Column("decided_by", sa.String(36)))
        table.add_column(sa.Column("decided_for", sa.String(36)))
        table.add_column(sa.Column("decided_at", UTCDateTime))
        table.add_column(sa.Column("decision_note", sa.String(1000)))


def downgrade():
    projections.drop_columns(op, "extensions", *EXTENSION_COLUMNS)
    projections.drop_columns(op, "documents", *DOCUMENT_PEOPLE, "return_note")
    projections.drop_columns(op, "handover_view", "ended_at")
    projections.drop_columns(op, "division_view", "acting_head_id")
