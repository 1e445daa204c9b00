"""Who holds a division's head powers while the head is away (五.3 代行其职责), kept on the
division and announced with it (worked out again at the head's next absence: none are
away while the office upgrades); accountability's open cases, for the warning that a
case has no leader free of interest to judge it.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("divisions") as table:
        table.add_column(sa.Column("acting_head_id", sa.String(36)))
    op.create_table(
        "case_view",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("staff_id", sa.String(36), nullable=False),
        sa.Column("responsible_id", sa.String(36)),
        sa.Column("closed", sa.Boolean, nullable=False),
    )


def downgrade():
    op.drop_table("case_view")
    with op.batch_alter_table("divisions") as table:
        table.drop_column("acting_head_id")
