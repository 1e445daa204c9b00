"""Violations indexed in the list's order (newest first, the id breaking ties): a page, and
an export reading them all page by page, come from the index instead of a sort of every
violation (bench/scale.py; BENCHMARKS.md).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_violations_occurred_id", "violations",
                    [sa.text("occurred_at DESC"), "id"])
