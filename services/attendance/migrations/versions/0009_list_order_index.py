"""Absences indexed by kind and start: a list of notices or of leave requests (newest first)
reads its page from the index instead of sorting every absence of the kind
(bench/scale.py; BENCHMARKS.md).

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_absences_kind_start", "absences", ["kind", "start_at"])
