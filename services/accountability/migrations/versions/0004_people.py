"""Accountability's own view of posts' staff and divisions (records violations while posts
is down); filled from posts' events (posts' migration 0006 announces what existed).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from office import projections

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    projections.create_staff_table(op)
    projections.add_staff_active(op)
    projections.create_division_table(op)


def downgrade():
    op.drop_table("division_view")
    op.drop_table("staff_view")
