"""People's judgements: a violation's nature and status, the person's explanation, the
leader's judgement; a case's suggested severity and who answers for it.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
ID = sa.String(36)


def upgrade():
    with op.batch_alter_table("violations") as table:
        table.add_column(sa.Column("nature", sa.String(30), nullable=False,
                                   server_default="non_performance"))
        table.add_column(sa.Column("status", sa.String(20), nullable=False,
                                   server_default="recorded"))
        table.add_column(sa.Column("recorded_by", ID))
        table.add_column(sa.Column("explanation", sa.Text))
        table.add_column(sa.Column("contested_at", UTCDateTime))
        table.add_column(sa.Column("judgement", sa.Text))
        table.add_column(sa.Column("judged_by", ID))
        table.add_column(sa.Column("judged_at", UTCDateTime))
    # Violations recorded before natures existed take their kind's default.
    op.execute(sa.text("UPDATE violations SET nature = 'improper_performance' "
                       "WHERE kind IN ('late_return', 'unauthorised_absence', 'complaint')"))
    op.create_index("ix_violations_status", "violations", ["status"])
    with op.batch_alter_table("cases") as table:
        table.add_column(sa.Column("suggested_severity", sa.String(20)))
        table.add_column(sa.Column("responsible_id", ID))
    op.execute(sa.text("UPDATE cases SET suggested_severity = "
                       "CASE WHEN severity = 'criminal' THEN 'serious' ELSE severity END, "
                       "severity = CASE WHEN severity = 'criminal' THEN 'serious' "
                       "ELSE severity END"))
    with op.batch_alter_table("cases") as table:
        table.alter_column("suggested_severity", existing_type=sa.String(20), nullable=False)


def downgrade():
    op.drop_index("ix_violations_status", "violations")
    with op.batch_alter_table("cases") as table:
        table.drop_column("responsible_id")
        table.drop_column("suggested_severity")
    with op.batch_alter_table("violations") as table:
        for column in ("judged_at", "judged_by", "judgement", "contested_at", "explanation",
                       "recorded_by", "status", "nature"):
            table.drop_column(column)
