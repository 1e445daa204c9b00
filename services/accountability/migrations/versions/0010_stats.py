"""统计: the counters of the statistics overview, by day and by month, and where each record
that may move in them is counted (services/accountability/stats.py). They count the events
handled from now on.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def counters(table, period):
    op.create_table(
        table,
        sa.Column(period, sa.Date, primary_key=True),
        sa.Column("division_id", sa.String(36), primary_key=True),
        sa.Column("figure", sa.String(60), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index(f"ix_{table}_division_{period}", table, ["division_id", period])


def upgrade():
    counters("stats_daily", "day")
    counters("stats_monthly", "month")
    op.create_table(
        "stats_counted",
        sa.Column("subject", sa.String(20), primary_key=True),
        sa.Column("subject_id", sa.String(36), primary_key=True),
        sa.Column("division_id", sa.String(36)),
        sa.Column("day", sa.Date),
        sa.Column("figure", sa.String(60)),
    )


def downgrade():
    for table in ("stats_counted", "stats_monthly", "stats_daily"):
        op.drop_table(table)
