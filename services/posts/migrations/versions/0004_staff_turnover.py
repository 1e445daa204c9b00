"""People come and go: active staff, why and when someone left, the token version a
password change raises; a post may be vacant and remembers its previous holder.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff") as table:
        table.add_column(sa.Column("active", sa.Boolean, nullable=False,
                                   server_default=sa.true()))
        table.add_column(sa.Column("left_at", UTCDateTime))
        table.add_column(sa.Column("leaving_reason", sa.String(500)))
        table.add_column(sa.Column("token_version", sa.Integer, nullable=False,
                                   server_default="0"))
    with op.batch_alter_table("posts") as table:
        table.alter_column("holder_id", existing_type=sa.String(36), nullable=True)
        table.add_column(sa.Column("previous_holder_id", sa.String(36)))


def downgrade():
    with op.batch_alter_table("posts") as table:
        table.drop_column("previous_holder_id")
        table.alter_column("holder_id", existing_type=sa.String(36), nullable=False)
    with op.batch_alter_table("staff") as table:
        for column in ("token_version", "leaving_reason", "left_at", "active"):
            table.drop_column(column)
