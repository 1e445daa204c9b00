"""The unit of work's reads: ``work.snapshot()`` makes a transaction's reads see one moment
on PostgreSQL, where each statement would see its own. (On SQLite the unit of work's lock
serialises every transaction on the file instead.) And how published outbox rows are
marked: many to a statement, off the publishing thread."""

from datetime import UTC, datetime
from types import SimpleNamespace

import eventlet
import sqlalchemy as sa
from eventlet.semaphore import Semaphore

from chassis.db import ChassisBase, OutboxRecord, make_engine, write_outbox
from chassis.envelope import make_event
from chassis.uow import AUDIT, PublishedMarks, Work


def test_a_snapshot_keeps_a_transactions_reads_at_one_moment(postgres_engine):
    engine = postgres_engine  # PostgreSQL's READ COMMITTED is what a snapshot is for
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


def test_what_the_broker_confirmed_is_marked_published_by_one_statement(database_url):
    engine = make_engine(database_url("marks"))
    ChassisBase.metadata.create_all(engine, tables=[OutboxRecord.__table__])
    events = [make_event("posts", "staff_changed", {"staff_id": f"s{n}", "name": "张三",
                                                    "role": "staff", "division_id": "d1"},
                         now=datetime.now(UTC)) for n in range(6)]
    with engine.begin() as conn:
        seqs = [write_outbox(conn, event)[0] for event in events]
    updates = []
    sa.event.listen(engine, "before_cursor_execute",
                    lambda *args: updates.append(args[2]) if "UPDATE" in args[2] else None)
    marks = PublishedMarks(engine, Semaphore(1))
    marker = eventlet.spawn(marks.run)
    marks.add(seqs[:2])  # two batches confirmed close together, one left unconfirmed
    marks.add(seqs[2:5])
    eventlet.sleep(0.3)
    marker.kill()

    with engine.connect() as conn:
        unmarked = conn.scalars(sa.select(OutboxRecord.seq)
                                .where(OutboxRecord.published_at.is_(None))).all()
    assert unmarked == seqs[5:]
    assert len(updates) == 1
    engine.dispose()


def test_a_mark_the_database_refuses_is_left_to_the_relay(database_url, caplog):
    engine = make_engine(database_url("marks"))  # no outbox table: every UPDATE fails
    marks = PublishedMarks(engine, Semaphore(1))
    marks.add([1, 2])
    marks.flush()  # logs, does not raise: the relay publishes those rows again
    assert "could not mark 2 events published" in caplog.text
    marks.flush()  # nothing gathered: no statement, nothing logged
    assert len(caplog.records) == 1
    engine.dispose()


class Audited(sa.orm.DeclarativeBase):
    pass


class Note(Audited):
    __tablename__ = "audited_notes"
    id: sa.orm.Mapped[int] = sa.orm.mapped_column(primary_key=True)


def test_a_write_flushed_before_the_end_is_audited_though_it_raised_no_event(database_url):
    engine = make_engine(database_url("audited"))
    ChassisBase.metadata.create_all(engine, tables=[OutboxRecord.__table__])
    Audited.metadata.create_all(engine)
    provider = SimpleNamespace(engine=engine, lock=Semaphore(10), publish_now=lambda _: None)
    entry = {"actor_id": "s-1", "role": "staff", "method": "POST", "path": "/api/v1/notes",
             "status": 201, "client": "127.0.0.1"}
    for writes in (True, False):
        worker = SimpleNamespace(args=(), context_data={AUDIT: entry, "correlation_id": "c"},
                                 service_name="attendance")
        with Work(provider, worker) as work:
            if writes:
                work.session.add(Note())
            work.session.scalar(sa.select(sa.func.count()).select_from(Note))  # autoflush
            assert not work.session.new
    with engine.connect() as conn:  # the write's entry; a read has none
        assert conn.scalars(sa.select(OutboxRecord.routing_key)).all() == ["write_recorded"]
