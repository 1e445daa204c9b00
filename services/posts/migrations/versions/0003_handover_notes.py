"""The account of matters in hand and pending (交接说明, 五.3) that a leave request
carries to its absence and to the handover it starts.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("absences") as table:
        table.add_column(sa.Column("handover_note", sa.Text))
    with op.batch_alter_table("handovers") as table:
        table.add_column(sa.Column("note", sa.Text))


def downgrade():
    with op.batch_alter_table("handovers") as table:
        table.drop_column("note")
    with op.batch_alter_table("absences") as table:
        table.drop_column("handover_note")
