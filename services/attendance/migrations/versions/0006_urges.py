"""催办: urges kept with the leave notices and requests they urge.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

from office import work_items

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    work_items.create_urge_table(op)


def downgrade():
    op.drop_table("urges")
