"""Documents indexed by when they were received and by who acts for their assignee: the list
(newest first) reads its page from the index instead of sorting every document, and a
to-do's "assigned to me or acted for by me" is two index lookups instead of a pass over
every open document (bench/scale.py at 200,000 documents: a page 145 ms → 0.1 ms, the
to-do's query 43 ms → 0.1 ms; BENCHMARKS.md).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_documents_received_at", "documents", ["received_at"])
    op.create_index("ix_documents_acting_id", "documents", ["acting_id"])
