"""The revision of the newest event each copy of posts' data has applied: an event that
comes late (handled beside a newer one, or retried) no longer overwrites a newer copy.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from office import projections

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
VIEWS = ("staff_view", "division_view", "post_view")


def upgrade():
    projections.add_revision(op, *VIEWS)


def downgrade():
    projections.drop_revision(op, *VIEWS)
