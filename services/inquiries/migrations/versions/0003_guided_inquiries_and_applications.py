"""Guided inquiries answered by the receiving division (二.4); applications refused
(不予受理) or completed (办结) against their due dates, routed to an acting B (六.3, 五.4);
who has left (staff view).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime
from office import projections

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
ID = sa.String(36)


def upgrade():
    with op.batch_alter_table("inquiries") as table:
        table.add_column(sa.Column("guide_note", sa.Text))
        table.add_column(sa.Column("guided_head_id", ID))
        table.add_column(sa.Column("answer_due_day", sa.Date))
        table.add_column(sa.Column("answered_by", ID))
        table.add_column(sa.Column("answered_at", UTCDateTime))
        table.add_column(sa.Column("answer_lapse_reported_at", UTCDateTime))
    op.create_index("ix_inquiries_status_answer_due", "inquiries", ["status", "answer_due_day"])
    # Inquiries guided before the receiving division answered were closed: mark them so.
    op.execute(sa.text("UPDATE inquiries SET status = 'answered', answered_by = closed_by, "
                       "answered_at = closed_at WHERE status = 'guided'"))
    with op.batch_alter_table("applications") as table:
        table.add_column(sa.Column("reviewer_id", ID))
        table.add_column(sa.Column("acting_id", ID))
        table.add_column(sa.Column("refusal_reason", sa.Text))
        table.add_column(sa.Column("decided_at", UTCDateTime))
        table.add_column(sa.Column("result", sa.Text))
        table.add_column(sa.Column("completed_by", ID))
        table.add_column(sa.Column("completed_on", sa.Date))
        table.add_column(sa.Column("completed_on_time", sa.Boolean))
        table.add_column(sa.Column("overdue_for", sa.Date))
    op.create_index("ix_applications_reviewer_id", "applications", ["reviewer_id"])
    op.create_index("ix_applications_status_due", "applications", ["status", "due_date"])
    # The reviewer who accepted an application is the last one to review it.
    op.execute(sa.text(
        "UPDATE applications SET reviewer_id = (SELECT r.reviewer_id FROM reviews r "
        "WHERE r.application_id = applications.id ORDER BY r.seq DESC LIMIT 1) "
        "WHERE status = 'accepted'"))
    projections.add_staff_active(op)


def downgrade():
    with op.batch_alter_table("staff_view") as table:
        table.drop_column("active")
    op.drop_index("ix_applications_status_due", "applications")
    op.drop_index("ix_applications_reviewer_id", "applications")
    with op.batch_alter_table("applications") as table:
        for column in ("overdue_for", "completed_on_time", "completed_on", "completed_by",
                       "result", "decided_at", "refusal_reason", "acting_id", "reviewer_id"):
            table.drop_column(column)
    op.drop_index("ix_inquiries_status_answer_due", "inquiries")
    with op.batch_alter_table("inquiries") as table:
        for column in ("answer_lapse_reported_at", "answered_at", "answered_by",
                       "answer_due_day", "guided_head_id", "guide_note"):
            table.drop_column(column)
