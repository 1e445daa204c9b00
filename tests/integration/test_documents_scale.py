"""Documents on two instances: one overdue report per fact, gapless numbering, indexed scans."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from nameko.events import event_handler

from chassis.calendar import WorkingCalendar
from chassis.clock import clock
from chassis.db import make_engine
from services.documents.deadlines import due_soon
from services.documents.models import Document, Outgoing
from services.documents.service import DocumentsService
from tests.helpers import rpc, scans_ran, wait_until

seen_overdue = []


class OverdueCounter:
    """Counts every overdue message delivered, duplicates included (no inbox)."""

    name = "overdue_counter"

    @event_handler("documents", "overdue")
    def count(self, body):
        seen_overdue.append(body["data"]["document_id"])


@pytest.fixture
def two_instances(runner_factory, service_config):
    config = service_config("documents", XIAONENG_SCAN_INTERVAL="0.3")
    runner_factory(config, OverdueCounter).start()
    for _ in range(2):
        runner_factory(config, DocumentsService).start()
    engine = make_engine(config["XIAONENG_DOCUMENTS_DATABASE_URL"])
    yield config, engine
    engine.dispose()


def overdue_documents(count):
    due = clock.today() - timedelta(days=3)
    return [Document(id=str(uuid.uuid4()), title=f"文件{i}", from_unit="省教育厅", kind="函",
                     urgent=False, received_at=datetime.now(UTC), division_id="d1",
                     registered_by="s1", status="assigned", assignee_id="a1",
                     assigned_at=datetime.now(UTC), due_date=due) for i in range(count)]


def test_each_overdue_document_is_published_exactly_once_with_two_instances(two_instances):
    config, engine = two_instances
    seen_overdue.clear()
    documents = overdue_documents(25)
    expected = sorted(d.id for d in documents)
    with sa.orm.Session(engine) as session, session.begin():
        session.add_all(documents)
    wait_until(lambda: len(set(seen_overdue)) == 25, timeout=20)
    scans_ran("scan_deadlines", runs=3)  # more scans on both instances before we count again
    assert sorted(seen_overdue) == expected


def test_a_thousand_concurrent_numberings_over_two_instances_give_one_to_a_thousand(
        two_instances):
    config, engine = two_instances
    drafter = {"id": "drafter", "role": "staff"}
    ids = [str(uuid.uuid4()) for _ in range(1000)]
    with sa.orm.Session(engine) as session, session.begin():
        session.add_all(Outgoing(id=i, title="通知", series="编发", drafter_id="drafter",
                                 status="signed") for i in ids)
    with rpc(config, timeout=120) as cluster:
        replies = [cluster.documents.number.call_async(drafter, i) for i in ids]
        numbered = [reply.result() for reply in replies]
    year = clock.today().year
    assert sorted(n["seq"] for n in numbered) == list(range(1, 1001))
    assert len({n["number"] for n in numbered}) == 1000
    assert f"编发〔{year}〕1000号" in {n["number"] for n in numbered}


def test_the_deadline_scan_reads_the_status_and_due_date_index(two_instances):
    _, engine = two_instances
    query = due_soon(date(2026, 11, 26), WorkingCalendar(), 1)
    compiled = query.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")
            plan = conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).scalars().all()
        else:
            params = tuple(compiled.params[name] for name in compiled.positiontup)
            plan = [row[-1] for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {compiled}", params)]
    assert any("ix_documents_status_due" in line for line in plan), plan
