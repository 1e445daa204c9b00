"""Failed sign-ins counted per username and client address, and per address (throttling
that cannot lock the owner out from their own desk); those from before count as from an
unknown address.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_failed_sign_ins_username_at", "failed_sign_ins")
    with op.batch_alter_table("failed_sign_ins") as table:
        table.add_column(sa.Column("client", sa.String(64), nullable=False,
                                   server_default="unknown"))
    op.create_index("ix_failed_sign_ins_client_at", "failed_sign_ins", ["client", "at"])


def downgrade():
    op.drop_index("ix_failed_sign_ins_client_at", "failed_sign_ins")
    with op.batch_alter_table("failed_sign_ins") as table:
        table.drop_column("client")
    op.create_index("ix_failed_sign_ins_username_at", "failed_sign_ins", ["username", "at"])
