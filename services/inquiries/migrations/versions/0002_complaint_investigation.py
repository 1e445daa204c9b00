"""Complaints are investigated before they count: the division concerned, the
investigator, the finding's reply and whom it holds responsible.

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
ID = sa.String(36)
COLUMNS = ("division_id", "investigator_id", "investigation_started_at", "reply",
           "held_against_id", "concluded_by", "concluded_at")


def upgrade():
    with op.batch_alter_table("complaints") as table:
        table.add_column(sa.Column("division_id", ID))
        table.add_column(sa.Column("investigator_id", ID))
        table.add_column(sa.Column("investigation_started_at", UTCDateTime))
        table.add_column(sa.Column("reply", sa.Text))
        table.add_column(sa.Column("held_against_id", ID))
        table.add_column(sa.Column("concluded_by", ID))
        table.add_column(sa.Column("concluded_at", UTCDateTime))
    op.create_index("ix_complaints_division_id", "complaints", ["division_id"])
    op.create_index("ix_complaints_held_against_id", "complaints", ["held_against_id"])


def downgrade():
    op.drop_index("ix_complaints_held_against_id", "complaints")
    op.drop_index("ix_complaints_division_id", "complaints")
    with op.batch_alter_table("complaints") as table:
        for column in reversed(COLUMNS):
            table.drop_column(column)
