"""Matters revised (each version kept, the one an application was reviewed against named
on it) and withdrawn (三.2, 三.3); referrals of an application's questions to another
division or an outside unit (六.4); the office phone of staff, for the 经办人 a notice
names (二.2, 六.6). Every matter until now is its version 1.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime
from office import projections

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None
ID = sa.String(36)


def upgrade():
    with op.batch_alter_table("matters") as table:
        table.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
        table.add_column(sa.Column("withdrawn_at", UTCDateTime))
        table.add_column(sa.Column("withdraw_reason", sa.Text))
        table.add_column(sa.Column("withdrawn_by", ID))
    op.create_table(
        "matter_versions",
        sa.Column("matter_id", ID, sa.ForeignKey("matters.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("time_limit_days", sa.Integer, nullable=False),
        sa.Column("procedure", sa.Text, nullable=False),
        sa.Column("division_id", ID, nullable=False),
        sa.Column("materials", sa.JSON, nullable=False),
        sa.Column("published_by", ID),
        sa.Column("published_at", UTCDateTime),
    )
    op.execute(sa.text(
        "INSERT INTO matter_versions (matter_id, version, name, basis, time_limit_days, "
        "procedure, division_id, materials) SELECT id, 1, name, basis, time_limit_days, "
        "procedure, division_id, materials FROM matters"))
    for name in ("applications", "reviews"):
        with op.batch_alter_table(name) as table:
            table.add_column(sa.Column("matter_version", sa.Integer, nullable=False,
                                       server_default="1"))
    op.create_table(
        "referrals",
        sa.Column("id", ID, primary_key=True),
        sa.Column("application_id", ID, sa.ForeignKey("applications.id"), nullable=False,
                  index=True),
        sa.Column("division_id", ID),
        sa.Column("external_unit", sa.String(200)),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("referred_by", ID, nullable=False),
        sa.Column("referred_at", UTCDateTime, nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("answered_by", ID),
        sa.Column("answered_at", UTCDateTime),
    )
    op.create_index("ix_referrals_division_status", "referrals", ["division_id", "status"])
    with op.batch_alter_table("staff_view") as table:
        table.add_column(sa.Column("phone", sa.String(40)))


def downgrade():
    projections.drop_columns(op, "staff_view", "phone")
    op.drop_index("ix_referrals_division_status", "referrals")
    op.drop_table("referrals")
    for name in ("reviews", "applications"):
        projections.drop_columns(op, name, "matter_version")
    op.drop_table("matter_versions")
    projections.drop_columns(op, "matters", "withdrawn_by", "withdraw_reason", "withdrawn_at",
                             "version")
