"""A service's copy of posts' data (office/projections.py) on a real database: the newest
revision wins, whatever order its events are handled in; who held an owner's work on
which working days (五.4)."""

from datetime import date, datetime

import eventlet
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Session

from chassis.calendar import WorkingCalendar
from chassis.clock import OFFICE_TZ
from chassis.db import make_engine
from office import projections
from office.projections import DivisionColumns, HandoverColumns, record
from tests.helpers import wait_until


class Base(DeclarativeBase):
    pass


class DivisionView(DivisionColumns, Base):
    pass


class HandoverView(HandoverColumns, Base):
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


def at(day, hour):
    return datetime(2026, 12, day, hour, 0, tzinfo=OFFICE_TZ)


def handover(handover_id, to_id, started_at, ended_at=None, ended=None):
    return HandoverView(handover_id=handover_id, post_id="p", from_id="a", to_id=to_id,
                        started_at=started_at, ended_at=ended_at,
                        ended=bool(ended_at) if ended is None else ended)


def held_by(engine, after, through):
    with Session(engine) as session:
        return projections.days_held(session, HandoverView, "a", after, through,
                                     WorkingCalendar().is_working_day)


def test_each_working_day_counts_for_whoever_held_the_work_at_its_end(engine):
    # assigned Monday 30 November, due Monday 7 December; B covers Wednesday 10:00 to
    # Friday 12:00: Wednesday and Thursday are B's, Tuesday, Friday and Monday A's
    with Session(engine) as session, session.begin():
        session.add(handover("h1", "b", at(2, 10), at(4, 12)))
    assert held_by(engine, date(2026, 11, 30), date(2026, 12, 7)) == ({"a": 3, "b": 2}, "a")


def test_the_days_go_to_a_second_b_and_to_one_still_acting_on_the_due_date(engine):
    with Session(engine) as session, session.begin():
        session.add_all([handover("h1", "b1", at(1, 9), at(2, 9)),
                         handover("h2", "b2", at(3, 9)),  # still acting
                         handover("h0", "x", None, ended=True),  # ended before it began
                         handover("h9", "y", at(1, 8), None, ended=True)])  # no end time
    assert held_by(engine, date(2026, 11, 30), date(2026, 12, 7)) == (
        {"a": 1, "b1": 1, "b2": 3}, "b2")  # Sat and Sun 5/6 December are not working days
