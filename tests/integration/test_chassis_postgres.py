"""The chassis' PostgreSQL connection (``chassis.postgres``): the transactions stock
psycopg2 makes, in fewer messages. ``BEGIN`` travels with a transaction's first statement
and an advisory lock with the statement after it; commit, rollback, errors, isolation
levels, autocommit and server-side cursors behave as before. PostgreSQL only."""

import pytest
import sqlalchemy as sa
from psycopg2 import errors
from sqlalchemy.orm import Session

from chassis import postgres
from chassis.db import lock_key

CURRENT_MESSAGE = "SELECT current_query()"  # the whole message the client sent


@pytest.fixture
def engine(postgres_engine):
    with postgres_engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (n INTEGER PRIMARY KEY)"))
    return postgres_engine


def notes(engine):
    with engine.connect() as conn:
        return conn.scalars(sa.text("SELECT n FROM notes ORDER BY n")).all()


def held_elsewhere(engine, key):
    """Whether another connection holds the advisory lock ``key``."""
    with engine.connect() as conn:
        return not conn.scalar(sa.text("SELECT pg_try_advisory_xact_lock(hashtext(:key))"),
                               {"key": key})


def test_the_engine_uses_it(engine):
    with engine.connect() as conn:
        assert isinstance(conn.connection.dbapi_connection, postgres.Connection)


def test_begin_travels_with_the_first_statement_and_opens_the_transaction(engine):
    with engine.connect() as conn:
        assert conn.scalar(sa.text(CURRENT_MESSAGE)).startswith("BEGIN;SELECT current_query()")
        status = conn.connection.dbapi_connection.info.transaction_status
        assert status == postgres.extensions.TRANSACTION_STATUS_INTRANS
        assert conn.scalar(sa.text(CURRENT_MESSAGE)).startswith("SELECT current_query()")  # once
        conn.rollback()


def test_a_commit_keeps_and_a_rollback_undoes(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO notes VALUES (1)"))
    with engine.connect() as conn:
        conn.execute(sa.text("INSERT INTO notes VALUES (2)"))
        conn.rollback()
        conn.execute(sa.text("INSERT INTO notes VALUES (3)"))
        conn.commit()
    assert notes(engine) == [1, 3]


def test_after_a_failed_statement_a_rollback_leaves_the_connection_usable(engine):
    with engine.connect() as conn:
        conn.execute(sa.text("INSERT INTO notes VALUES (1)"))
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.text("INSERT INTO notes VALUES (1)"))
        with pytest.raises(sa.exc.InternalError) as failed:  # the transaction is aborted
            conn.execute(sa.text("SELECT 1"))
        assert isinstance(failed.value.orig, errors.InFailedSqlTransaction)
        conn.rollback()
        conn.execute(sa.text("INSERT INTO notes VALUES (2)"))
        conn.commit()
    assert notes(engine) == [2]


def test_a_lock_goes_with_the_next_statement_and_is_held_until_commit(engine):
    with Session(engine) as session:
        lock_key(session, "case:7")
        assert not held_elsewhere(engine, "case:7")  # not sent yet
        message = session.scalar(sa.text(CURRENT_MESSAGE))
        assert message.startswith("BEGIN;SELECT pg_advisory_xact_lock(hashtext('case:7'));")
        assert held_elsewhere(engine, "case:7")
        session.execute(sa.text("INSERT INTO notes VALUES (1)"))
        session.commit()
    assert not held_elsewhere(engine, "case:7")
    assert notes(engine) == [1]


def test_a_lock_sent_last_goes_with_the_commit(engine):
    with Session(engine) as session:
        session.execute(sa.text("INSERT INTO notes VALUES (1)"))
        lock_key(session, "case:8")
        session.commit()
    assert notes(engine) == [1]
    assert not held_elsewhere(engine, "case:8")


def test_a_lock_the_transaction_drops_is_not_sent(engine):
    with Session(engine) as session:
        session.execute(sa.text("INSERT INTO notes VALUES (1)"))
        lock_key(session, "case:9")
        session.rollback()
        assert session.scalar(sa.text(CURRENT_MESSAGE)).startswith("BEGIN;SELECT current_query()")
    assert notes(engine) == []


def test_an_isolation_level_applies_to_the_transaction_and_is_reset_after(engine):
    with engine.connect() as conn:
        conn.execution_options(isolation_level="REPEATABLE READ")
        assert conn.scalar(sa.text("SHOW transaction_isolation")) == "repeatable read"
        assert conn.scalar(sa.text(CURRENT_MESSAGE)).startswith("SELECT current_query()")
    with engine.connect() as conn:  # the pool hands the connection back at the default
        assert conn.scalar(sa.text("SHOW transaction_isolation")) == "read committed"


def test_autocommit_sends_no_begin(engine):
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM notes")  # refused inside a transaction block
        conn.execute(sa.text("INSERT INTO notes VALUES (1)"))
        assert conn.scalar(sa.text(CURRENT_MESSAGE)).startswith("SELECT current_query()")
        conn.rollback()  # nothing to undo: each statement committed on its own
    assert notes(engine) == [1]


def test_many_rows_and_a_server_side_cursor(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO notes VALUES (:n)"), [{"n": n} for n in range(50)])
    with engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, max_row_buffer=7).execute(
            sa.text("SELECT n FROM notes ORDER BY n"))
        first = rows.fetchmany(3)
        assert conn.scalar(sa.text("SELECT count(*) FROM pg_cursors WHERE statement LIKE "
                                   "'DECLARE % FROM notes ORDER BY n'")) == 1
        assert [n for (n,) in [*first, *rows]] == list(range(50))
        conn.rollback()
    with engine.begin() as conn:  # executemany of an UPDATE: psycopg2's execute_batch
        conn.execute(sa.text("UPDATE notes SET n = n + 100 WHERE n = :n"),
                     [{"n": n} for n in range(10)])
    assert notes(engine)[:2] == [10, 11]


def test_a_ping_opens_no_transaction(engine):
    with engine.connect() as conn:
        dbapi_connection = conn.connection.dbapi_connection
        conn.rollback()
        dbapi_connection.ping()
        assert dbapi_connection.info.transaction_status == postgres.IDLE
