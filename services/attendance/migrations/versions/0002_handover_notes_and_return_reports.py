"""A leave request's handover note (交接说明, 五.3); the approver's acknowledgement of a
return report (七.5); who has left (staff view) and vacant posts (post view).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime
from office import projections

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("absences") as table:
        table.add_column(sa.Column("handover_note", sa.Text))
        table.add_column(sa.Column("return_acknowledged_at", UTCDateTime))
    # Returns reported before acknowledgements existed are not waiting for anyone.
    op.execute(sa.text("UPDATE absences SET return_acknowledged_at = returned_at "
                       "WHERE status = 'returned'"))
    op.create_index("ix_absences_approver_status", "absences", ["approver_id", "status"])
    projections.add_staff_active(op)
    with op.batch_alter_table("post_view") as table:
        table.alter_column("holder_id", existing_type=sa.String(36), nullable=True)


def downgrade():
    with op.batch_alter_table("post_view") as table:
        table.alter_column("holder_id", existing_type=sa.String(36), nullable=False)
    with op.batch_alter_table("staff_view") as table:
        table.drop_column("active")
    op.drop_index("ix_absences_approver_status", "absences")
    with op.batch_alter_table("absences") as table:
        table.drop_column("return_acknowledged_at")
        table.drop_column("handover_note")
