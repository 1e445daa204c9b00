"""The outbox's unpublished rows and the inbox's ids by age indexed: the relay's scan stays
cheap however many published rows there are, and old ones can be deleted
(chassis.retention).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from chassis import retention

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    retention.add_indexes(op)
