"""A service's copy of posts' data (chassis/projections.py) on a real database: the newest
revision wins, whatever order its events are handled in."""

import eventlet
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Session

from chassis.db import make_engine
from chassis.projections import DivisionColumns, record
from tests.helpers import wait_until


class Base(DeclarativeBase):
    pass


class DivisionView(DivisionColumns, Base):
    pass


def division(revision, head_id):
    return {"division_id": "d1", "name": "政府机构编制处", "code": "ZF", "head_id": head_id,
            "leader_id": "l1", "revision": revision}


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url("projections"))
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def apply(engine, data):
    with Session(engine) as session, session.begin():
        record(session, DivisionView, data)


def held(engine):
    with engine.connect() as conn:
        return conn.execute(sa.select(DivisionView.head_id, DivisionView.revision)).one()


def waiting_for_a_lock(engine):
    """Whether a session on this database waits for a lock another one holds."""
    with engine.connect() as conn:
        return conn.scalar(sa.text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"))


def test_an_event_older_than_the_copy_changes_nothing(engine):
    apply(engine, division(2, head_id="h2"))
    apply(engine, division(1, head_id=None))  # the creation, retried after the change
    assert held(engine) == ("h2", 2)
    apply(engine, division(2, head_id="h2"))  # the same event again
    apply(engine, division(3, head_id="h3"))
    assert held(engine) == ("h3", 3)


def test_two_events_about_a_new_record_handled_side_by_side_both_apply(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing is handled side by side")
    with Session(engine) as first, first.begin():
        record(first, DivisionView, division(2, head_id="h2"))  # not committed yet
        second = eventlet.spawn(apply, engine, division(1, head_id=None))
        wait_until(lambda: waiting_for_a_lock(engine),
                   message="the second transaction waits for the first's row")
    second.wait()  # before the upsert, the second insert failed here (a duplicate key)
    assert held(engine) == ("h2", 2)
