"""The unit of work's reads: ``work.snapshot()`` makes a transaction's reads see one moment
on PostgreSQL, where each statement would see its own. (On SQLite the unit of work's lock
serialises every transaction on the file instead.)"""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from eventlet.semaphore import Semaphore

from chassis.db import make_engine
from chassis.uow import Work


def test_a_snapshot_keeps_a_transactions_reads_at_one_moment(database_url):
    engine = make_engine(database_url("snap"))
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's READ COMMITTED is what a snapshot is for")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE rows_seen (n INTEGER)"))
        conn.execute(sa.text("INSERT INTO rows_seen VALUES (1)"))
    provider = SimpleNamespace(engine=engine, lock=Semaphore(10), publish_now=lambda _: None)
    worker = SimpleNamespace(args=(), context_data={}, service_name="snap")

    def count(session):
        return session.scalar(sa.text("SELECT count(*) FROM rows_seen"))

    def another_row():
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO rows_seen VALUES (2)"))

    with Work(provider, worker) as work:
        work.snapshot()
        assert count(work.session) == 1
        another_row()  # committed by someone else meanwhile
        assert count(work.session) == 1  # still the moment of the first read
    with Work(provider, worker) as work:  # without one, each statement sees its own moment
        assert count(work.session) == 2
        another_row()
        assert count(work.session) == 3
    engine.dispose()
