"""A revision on every division, person and post, raised with each event about it, so that
the services keeping a copy can tell a late event from a newer one.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
TABLES = ("divisions", "staff", "posts")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("revision", sa.Integer, nullable=False,
                                       server_default="0"))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("revision")
