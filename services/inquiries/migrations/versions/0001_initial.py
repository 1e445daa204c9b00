"""Inquiries, matters, applications, reviews, one-time notices, complaints; projections.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime, create_chassis_tables
from office import projections

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
ID = sa.String(36)


def upgrade():
    create_chassis_tables(op)
    op.create_table(
        "inquiries",
        sa.Column("id", ID, primary_key=True),
        sa.Column("visitor_name", sa.String(100), nullable=False),
        sa.Column("contact", sa.String(100), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("matter_id", ID),
        sa.Column("first_responder_id", ID, nullable=False, index=True),
        sa.Column("acting_id", ID),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("guided_division_id", ID),
        sa.Column("external_unit", sa.String(200)),
        sa.Column("explanation", sa.Text),
        sa.Column("closed_by", ID),
        sa.Column("closed_at", UTCDateTime),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.Column("lapse_day", sa.Date, nullable=False),
        sa.Column("lapse_reported_at", UTCDateTime),
    )
    op.create_index("ix_inquiries_status_lapse", "inquiries", ["status", "lapse_day"])
    op.create_table(
        "matters",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("time_limit_days", sa.Integer, nullable=False),
        sa.Column("procedure", sa.Text, nullable=False),
        sa.Column("division_id", ID, nullable=False),
        sa.Column("materials", sa.JSON, nullable=False),
    )
    op.create_table(
        "applications",
        sa.Column("id", ID, primary_key=True),
        sa.Column("matter_id", ID, sa.ForeignKey("matters.id"), nullable=False, index=True),
        sa.Column("applicant", sa.String(200), nullable=False),
        sa.Column("contact", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("due_date", sa.Date),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", ID, primary_key=True),
        sa.Column("application_id", ID, sa.ForeignKey("applications.id"), nullable=False,
                  index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("reviewer_id", ID, nullable=False, index=True),
        sa.Column("reviewed_at", UTCDateTime, nullable=False),
        sa.Column("materials", sa.JSON, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
    )
    op.create_table(
        "notices",
        sa.Column("id", ID, primary_key=True),
        sa.Column("application_id", ID, sa.ForeignKey("applications.id"), nullable=False,
                  index=True),
        sa.Column("review_id", ID, sa.ForeignKey("reviews.id"), nullable=False),
        sa.Column("number", sa.String(60), nullable=False, unique=True),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("time_limit_days", sa.Integer, nullable=False),
        sa.Column("procedure", sa.Text, nullable=False),
        sa.Column("issued_by", ID, nullable=False, index=True),
        sa.Column("issued_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "notice_counters",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )
    op.create_table(
        "notice_violations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("review_id", ID, sa.ForeignKey("reviews.id"), nullable=False),
        sa.Column("reviewer_ids", sa.JSON, nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("found_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "complaints",
        sa.Column("id", ID, primary_key=True),
        sa.Column("staff_id", ID, index=True),
        sa.Column("inquiry_id", ID),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("contact", sa.String(100)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("client_address", sa.String(64), nullable=False),
        sa.Column("filed_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_complaints_client_filed", "complaints", ["client_address", "filed_at"])
    projections.create_staff_table(op)
    projections.create_handover_table(op)


def downgrade():
    for table in ("handover_view", "staff_view", "complaints", "notice_violations",
                  "notice_counters", "notices", "reviews", "applications", "matters",
                  "inquiries", "inbox", "outbox"):
        op.drop_table(table)
