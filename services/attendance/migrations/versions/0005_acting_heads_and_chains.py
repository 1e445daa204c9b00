"""Who holds a division's head powers while the head is away (division view); when a
handover ended (handover view); on absences the notices a notice continues (七.1), whether
it hands the post over, who decided and acknowledged it and for whom (五.3), and the
moment of the return report beside a corrected return time (七.5).

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
PEOPLE = ("decided_by", "decided_for", "acknowledged_by", "acknowledged_for")


def upgrade():
    projections.add_acting_head(op)
    projections.add_handover_ended_at(op)
    with op.batch_alter_table("absences") as table:
        table.add_column(sa.Column("chained_with", sa.JSON, nullable=False,
                                   server_default="[]"))
        table.add_column(sa.Column("hands_over", sa.Boolean, nullable=False,
                                   server_default=sa.true()))
        for column in PEOPLE:
            table.add_column(sa.Column(column, sa.String(36)))
        table.add_column(sa.Column("return_reported_at", UTCDateTime))
        table.add_column(sa.Column("return_correction_note", sa.String(500)))
    # Short notices filed before never handed over in intent: they do not from now on.
    op.execute(sa.text("UPDATE absences SET hands_over = false WHERE status = 'recorded'"))
    op.execute(sa.text("UPDATE absences SET return_reported_at = returned_at"))


def downgrade():
    projections.drop_columns(op, "absences", "chained_with", "hands_over", *PEOPLE,
                             "return_reported_at", "return_correction_note")
    projections.drop_columns(op, "handover_view", "ended_at")
    projections.drop_columns(op, "division_view", "acting_head_id")
