"""Every division announced once with its code (``division_changed`` through the outbox):
documents and inquiries now keep a division view for the intake, which finds a division
by the code outside systems name it by.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import announce

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    divisions = op.get_bind().execute(sa.text(
        "SELECT id, name, code, head_id, leader_id FROM divisions ORDER BY code")).all()
    announce(op, "posts", "division_changed", [
        ({"division_id": d.id, "name": d.name, "code": d.code, "head_id": d.head_id,
          "leader_id": d.leader_id}, (d.id, "division_changed", "announced with its code"))
        for d in divisions])


def downgrade():
    pass  # what was announced stays announced
