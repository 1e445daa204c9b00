"""A fake unit of work for service-layer tests (tests/unit/service_layer): the service's
tables in an in-memory SQLite database, and the events it raises kept in a list, each
checked against its contract as the real unit of work checks it. No broker, no files:
an orchestration is tested in milliseconds (the layer cosmicpython's FakeUnitOfWork
fills between pure rules and integration tests)."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chassis.clock import clock
from chassis.envelope import make_event


class FakeWork:
    """What an orchestration gets from ``with self.uow as work``: ``session`` and ``emit``."""

    def __init__(self, base, source):
        engine = sa.create_engine("sqlite://")
        base.metadata.create_all(engine)
        self.session = Session(engine, expire_on_commit=False)
        self.source = source
        self.events = []  # (type, data as published)

    def emit(self, type_, data, fact=None):
        body = make_event(self.source, type_, data, now=clock.now(), fact=fact)
        self.events.append((type_, body["data"]))
        return body

    def raised(self, type_=None):
        """The data of the events raised (of one type), and forget them."""
        found = [data for kind, data in self.events if type_ in (None, kind)]
        self.events = [e for e in self.events if type_ not in (None, e[0])]
        return found

    def add(self, *rows):
        self.session.add_all(rows)
        self.session.flush()
        return rows[0] if len(rows) == 1 else rows
