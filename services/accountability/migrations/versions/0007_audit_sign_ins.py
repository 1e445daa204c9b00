"""The audit trail's sign-in fields (the username tried, the client address) and its
correlation id searchable.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from office import projections

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_entries") as table:
        table.add_column(sa.Column("username", sa.String(64)))
        table.add_column(sa.Column("client", sa.String(64)))
    op.create_index("ix_audit_entries_correlation_id", "audit_entries", ["correlation_id"])


def downgrade():
    op.drop_index("ix_audit_entries_correlation_id", "audit_entries")
    projections.drop_columns(op, "audit_entries", "username", "client")
