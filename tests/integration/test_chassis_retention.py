"""Retention: old published outbox rows and old inbox ids are deleted in small batches;
what the relay still has to publish, and what is recent, stays (SQLite or PostgreSQL:
``XIAONENG_TEST_DB``)."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from eventlet.semaphore import Semaphore

from chassis import retention
from chassis.db import InboxRecord, OutboxRecord, make_engine

NOTIFICATIONS = Path(__file__).parents[2] / "services" / "notifications" / "migrations"
NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
outbox, inbox = OutboxRecord.__table__, InboxRecord.__table__


def upgrade(engine, revision="head"):
    config = Config()
    config.set_main_option("script_location", str(NOTIFICATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url("notifications"))
    upgrade(engine)
    yield engine
    engine.dispose()


def outbox_row(created_days_ago, published_days_ago=None):
    return {"event_id": str(uuid.uuid4()), "exchange": "posts.events",
            "routing_key": "staff_changed", "body": "{}",
            "created_at": NOW - timedelta(days=created_days_ago),
            "published_at": None if published_days_ago is None
            else NOW - timedelta(days=published_days_ago)}


def inbox_row(days_ago):
    return {"consumer": "notifications.on_staff_changed", "event_id": str(uuid.uuid4()),
            "received_at": NOW - timedelta(days=days_ago)}


def test_old_published_rows_go_in_batches_and_unpublished_or_recent_ones_stay(
        engine, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 3)  # seven old rows: three transactions
    old = [outbox_row(40, 39) for _ in range(7)]
    kept = {"recent": outbox_row(10, 10), "unpublished": outbox_row(90),
            "published_just_inside": outbox_row(31, 29)}
    with engine.begin() as connection:
        connection.execute(outbox.insert(), [*old, *kept.values()])

    gone = retention.forget(engine, Semaphore(1), days=30, now=NOW)

    with engine.connect() as connection:
        left = set(connection.execute(sa.select(outbox.c.event_id)).scalars())
    assert gone["outbox"] == 7
    assert left == {row["event_id"] for row in kept.values()}


def test_inbox_ids_are_kept_twice_the_retention_so_a_parked_copy_replayed_late_is_known(
        engine):
    ages = {"beyond_two_periods": 61, "beyond_one_period": 45, "recent": 1}
    rows = {name: inbox_row(days) for name, days in ages.items()}
    with engine.begin() as connection:
        connection.execute(inbox.insert(), list(rows.values()))

    gone = retention.forget(engine, Semaphore(1), days=30, now=NOW)

    with engine.connect() as connection:
        left = set(connection.execute(sa.select(inbox.c.event_id)).scalars())
    assert gone["inbox"] == 1
    assert left == {rows["beyond_one_period"]["event_id"], rows["recent"]["event_id"]}


def test_a_database_from_before_the_indexes_gets_them(database_url):
    engine = make_engine(database_url("notifications"))
    upgrade(engine, "0001")
    with engine.begin() as connection:  # as a database made before the chassis had them
        for index in (retention.UNPUBLISHED, retention.RECEIVED):
            connection.execute(sa.text(f"DROP INDEX {index}"))
    upgrade(engine)
    indexes = {i["name"] for table in ("outbox", "inbox")
               for i in sa.inspect(engine).get_indexes(table)}
    engine.dispose()
    assert {retention.UNPUBLISHED, retention.RECEIVED} <= indexes


def test_the_relays_scan_reads_an_index_of_unpublished_rows_however_many_are_published(
        engine):
    published = [{**outbox_row(2), "published_at": NOW - timedelta(seconds=i)}
                 for i in range(20_000)]
    backlog = [outbox_row(1) for _ in range(3000)]  # the broker was away a while
    with engine.begin() as connection:
        connection.execute(outbox.insert(), [*published, *backlog])
        connection.execute(sa.text("ANALYZE"))
    scan = "SELECT seq FROM outbox WHERE published_at IS NULL AND created_at <= :cutoff " \
           "ORDER BY seq LIMIT 200"  # chassis.uow's relay
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        plan = " ".join(str(row[-1]) for row in connection.execute(
            sa.text(explain + scan), {"cutoff": NOW}))
    # PostgreSQL walks the partial index in order; SQLite looks up the NULLs in
    # published_at's: neither reads a published row
    assert re.search(rf"(Index Scan using|SEARCH outbox USING INDEX) "
                     rf"({retention.UNPUBLISHED}|ix_outbox_published_at)", plan), plan
