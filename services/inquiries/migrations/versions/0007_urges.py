"""催办: urges kept with the inquiries and applications they urge; the due date an
application was warned of (yellow, once).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from office import work_items

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    work_items.create_urge_table(op)
    with op.batch_alter_table("applications") as table:
        table.add_column(sa.Column("warned_for", sa.Date))


def downgrade():
    with op.batch_alter_table("applications") as table:
        table.drop_column("warned_for")
    op.drop_table("urges")
