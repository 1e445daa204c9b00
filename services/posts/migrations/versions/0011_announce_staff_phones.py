"""Everyone announced once more through the outbox (``staff_changed``), now with their
office phone: inquiries names the 经办人 of a written notice with it (二.2, 六.6). The
revisions are those the views already hold, which take them as they are.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import announce

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None
WHY = "announced with phones"


def upgrade():
    connection = op.get_bind()
    staff = connection.execute(sa.text(
        "SELECT id, name, role, division_id, active, token_version, phone, revision "
        "FROM staff ORDER BY username")).all()
    announce(connection, "posts", "staff_changed", [
        ({"staff_id": p.id, "name": p.name, "role": p.role, "division_id": p.division_id,
          "active": bool(p.active), "token_version": p.token_version, "phone": p.phone,
          "revision": p.revision}, (p.id, "staff_changed", WHY)) for p in staff])


def downgrade():
    pass  # what was announced stays announced
