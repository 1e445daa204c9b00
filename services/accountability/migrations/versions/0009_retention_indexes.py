"""The outbox's unpublished rows and the inbox's ids by age indexed: the relay's scan stays
cheap however many published rows there are, and old ones can be deleted
(chassis.retention).

Revision ID: 0009
Revises: 0008
"""

from alembic import op

from chassis import retention

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    retention.add_indexes(op)
