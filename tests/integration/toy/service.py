"""A consumer of posts' ``staff_changed`` built on the chassis, to test the chassis.

It records every event it applies. ``behaviour`` lets a test make it fail:
``transient_failures`` times with a database error, or reject a name as a
domain error, or crash like a bug.
"""

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from chassis.entrypoints import rpc
from chassis.errors import Invalid
from chassis.events import handle_event
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork

applied = sa.table("applied", sa.column("event_id"), sa.column("name"))
behaviour = {"transient_failures": 0, "reject": set(), "attempts": 0, "crash": False}


class ToyConsumer(ServiceBase):
    name = "toy"
    uow = UnitOfWork(str(Path(__file__).parent / "migrations"))

    @handle_event("posts", "staff_changed")
    def on_staff_changed(self, event):
        behaviour["attempts"] += 1
        if behaviour["transient_failures"] > 0:
            behaviour["transient_failures"] -= 1
            raise OperationalError("SELECT 1", {}, Exception("database went away"))
        if behaviour["crash"]:
            raise RuntimeError("a bug in the handler")
        if event.data["name"] in behaviour["reject"]:
            raise Invalid(f"{event.data['name']} is not known here")
        with self.uow as work:
            work.session.execute(applied.insert().values(event_id=event.id,
                                                         name=event.data["name"]))

    @rpc
    def applied(self):
        with self.uow as work:
            rows = work.session.execute(sa.select(applied.c.event_id, applied.c.name)).all()
        return [{"event_id": r.event_id, "name": r.name} for r in rows]
