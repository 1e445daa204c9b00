"""The organisation announced once through the outbox: every division with its code
(``division_changed``) and every person (``staff_changed``). Documents and inquiries now
keep a division view for the intake (a division found by the code outside systems name it
by), and accountability its own view of staff and divisions.

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
WHY = "announced to new projections"


def upgrade():
    connection = op.get_bind()
    divisions = connection.execute(sa.text(
        "SELECT id, name, code, head_id, leader_id FROM divisions ORDER BY code")).all()
    announce(connection, "posts", "division_changed", [
        ({"division_id": d.id, "name": d.name, "code": d.code, "head_id": d.head_id,
          "leader_id": d.leader_id}, (d.id, "division_changed", WHY)) for d in divisions])
    staff = connection.execute(sa.text(
        "SELECT id, name, role, division_id, active, token_version FROM staff "
        "ORDER BY username")).all()
    announce(connection, "posts", "staff_changed", [
        ({"staff_id": p.id, "name": p.name, "role": p.role, "division_id": p.division_id,
          "active": bool(p.active), "token_version": p.token_version},
         (p.id, "staff_changed", WHY)) for p in staff])


def downgrade():
    pass  # what was announced stays announced
