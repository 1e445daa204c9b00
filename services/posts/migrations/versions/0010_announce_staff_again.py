"""Everyone announced once more through the outbox (``staff_changed``): notifications,
the service that came after, keeps its own view of staff (who leads, who has left).
Every other view already holds these revisions and takes them as they are.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import announce

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None
WHY = "announced to notifications"


def upgrade():
    connection = op.get_bind()
    staff = connection.execute(sa.text(
        "SELECT id, name, role, division_id, active, token_version, revision FROM staff "
        "ORDER BY username")).all()
    announce(connection, "posts", "staff_changed", [
        ({"staff_id": p.id, "name": p.name, "role": p.role, "division_id": p.division_id,
          "active": bool(p.active), "token_version": p.token_version,
          "revision": p.revision}, (p.id, "staff_changed", WHY)) for p in staff])


def downgrade():
    pass  # what was announced stays announced
