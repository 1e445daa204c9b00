"""A revision on every division, person and post, raised with each event about it, so that
the services keeping a copy can tell a late event from a newer one.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from office import projections

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
TABLES = ("divisions", "staff", "posts")


def upgrade():
    projections.add_revision(op, *TABLES)


def downgrade():
    projections.drop_revision(op, *TABLES)
