"""One tick of the deadline scans over 100,000 open documents and 100,000 accepted
applications, on PostgreSQL, with the query plans (the (status, due_date) indexes).

    python -m bench.scans [--rows 100000]

Each table holds ``--rows`` open rows with due dates spread over the coming year; after
a first tick has reported today's warnings, a steady tick finds nothing new. A busy tick
finds 0.5 % of them newly overdue and reports them (events counted, not published), as
on the morning they fall due. Times are the median of five ticks, each in its own
transaction (rolled back, so every busy tick finds the same rows).
"""

import argparse
import statistics
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chassis.calendar import WorkingCalendar
from chassis.db import make_engine, migrate
from services.documents import deadlines as document_deadlines
from services.documents.models import Document
from services.documents.service import MIGRATIONS as DOCUMENTS
from services.inquiries import deadlines as inquiry_deadlines
from services.inquiries.models import Application, Matter
from services.inquiries.service import MIGRATIONS as INQUIRIES

ADMIN = "postgresql+psycopg2://postgres@127.0.0.1/postgres"
TODAY = date(2026, 12, 15)


class Tick:
    """The unit of work a scan is given: a session, and the events it raises counted."""

    def __init__(self, session):
        self.session, self.events = session, 0

    def emit(self, type_, data, fact=None):
        self.events += 1


def database(name):
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_engine(f"postgresql+psycopg2://postgres@127.0.0.1/{name}")


def drop(name):
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def fill_documents(engine, rows):
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for start in range(0, rows, 10_000):
            conn.execute(sa.insert(Document), [{
                "id": str(uuid.uuid4()), "title": f"文件{i}", "from_unit": "省某厅", "kind": "函",
                "urgent": False, "received_at": now, "division_id": "d1", "registered_by": "h",
                "status": "assigned", "assignee_id": f"s{i % 200}", "assigned_at": now,
                "due_date": TODAY + timedelta(days=1 + i % 365)}
                for i in range(start, min(rows, start + 10_000))])
        conn.execute(sa.text("ANALYZE documents"))


def fill_applications(engine, rows):
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(sa.insert(Matter), [{
            "id": "m1", "name": "事业单位登记", "division_id": "d1", "basis": "条例",
            "time_limit_days": 20, "procedure": "受理、审核、办结",
            "materials": [{"code": "m", "name": "申请书", "required": True}]}])
        for start in range(0, rows, 10_000):
            conn.execute(sa.insert(Application), [{
                "id": str(uuid.uuid4()), "matter_id": "m1", "applicant": f"申请人{i}",
                "contact": "0571", "status": "accepted", "token_hash": "x" * 64,
                "due_date": TODAY + timedelta(days=1 + i % 365), "created_at": now,
                "reviewer_id": f"s{i % 200}", "decided_at": now}
                for i in range(start, min(rows, start + 10_000))])
        conn.execute(sa.text("ANALYZE applications"))


def make_due(engine, table, rows):
    """0.5 % of the rows fall due: yesterday's due date, not yet reported."""
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {table} SET due_date = :day, overdue_for = NULL "
                             f"WHERE id IN (SELECT id FROM {table} LIMIT :n)"),
                     {"day": TODAY - timedelta(days=1), "n": rows // 200})


def timed_tick(engine, scan, keep=False):
    with Session(engine) as session:
        work = Tick(session)
        started = time.perf_counter()
        scan(work)
        session.flush()
        elapsed = time.perf_counter() - started
        session.commit() if keep else session.rollback()
    return elapsed * 1000, work.events


def plan(engine, query):
    compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(sa.text(f"EXPLAIN ANALYZE {compiled}"))]


def measure(name, engine, scan, query, table, rows):
    timed_tick(engine, scan, keep=True)  # today's warnings, reported once
    steady = statistics.median(timed_tick(engine, scan)[0] for _ in range(5))
    make_due(engine, table, rows)
    busy = [timed_tick(engine, scan) for _ in range(5)]
    busy_ms = statistics.median(b[0] for b in busy)
    print(f"  {name:<32} steady tick {steady:7.1f} ms   busy tick {busy_ms:7.1f} ms "
          f"({busy[0][1]} events)")
    for line in plan(engine, query):
        print(f"      {line}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    calendar = WorkingCalendar()
    names = [f"xn_bench_{uuid.uuid4().hex[:8]}_{s}" for s in ("documents", "inquiries")]
    try:
        documents, inquiries = database(names[0]), database(names[1])
        migrate(documents, DOCUMENTS)
        migrate(inquiries, INQUIRIES)
        fill_documents(documents, rows)
        fill_applications(inquiries, rows)
        print(f"deadline scans, PostgreSQL, {rows:,} open rows each (median of 5 ticks)")
        measure("documents (warnings + overdue)", documents,
                lambda w: document_deadlines.scan(w, TODAY, calendar, 1),
                document_deadlines.due_soon(TODAY, calendar, 1), "documents", rows)
        measure("applications (warnings + overdue)", inquiries,
                lambda w: inquiry_deadlines.scan(w, TODAY, calendar, 1),
                inquiry_deadlines.overdue_applications(TODAY), "applications", rows)
        documents.dispose()
        inquiries.dispose()
    finally:
        for name in names:
            drop(name)


if __name__ == "__main__":
    main()
