"""A leave request's kind (七.3: 出差, 开会, 年休假, 事假, 病假, 其他) in ``reason_kind``, which
held ``leave`` for every one before: those are ``other`` now. Spot checks (在岗检查, 七.6),
and on an unauthorised-absence report the check that found it.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
ID = sa.String(36)


def upgrade():
    with op.batch_alter_table("absences") as table:
        table.alter_column("reason_kind", existing_type=sa.String(10), type_=sa.String(20),
                           existing_nullable=False)
    op.execute(sa.text("UPDATE absences SET reason_kind = 'other' WHERE kind = 'leave'"))
    op.create_table(
        "duty_checks",
        sa.Column("id", ID, primary_key=True),
        sa.Column("division_id", ID, nullable=False),
        sa.Column("checked_at", UTCDateTime, nullable=False),
        sa.Column("checked_by", ID, nullable=False),
        sa.Column("checked_for", ID),
        sa.Column("note", sa.String(1000)),
        sa.Column("absent", sa.JSON, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_duty_checks_division_checked", "duty_checks",
                    ["division_id", "checked_at"])
    with op.batch_alter_table("absence_reports") as table:
        table.add_column(sa.Column("duty_check_id", ID))
        table.create_index("ix_absence_reports_duty_check_id", ["duty_check_id"])


def downgrade():
    with op.batch_alter_table("absence_reports") as table:
        table.drop_index("ix_absence_reports_duty_check_id")
        table.drop_column("duty_check_id")
    op.drop_table("duty_checks")
    op.execute(sa.text("UPDATE absences SET reason_kind = 'leave' WHERE kind = 'leave'"))
    with op.batch_alter_table("absences") as table:
        table.alter_column("reason_kind", existing_type=sa.String(20), type_=sa.String(10),
                           existing_nullable=False)
