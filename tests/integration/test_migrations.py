"""Upgrading a database that holds data from before a revision keeps and completes it."""

import json
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from chassis.db import make_engine

SERVICES = Path(__file__).parents[2] / "services"
NOW = datetime(2026, 11, 20, tzinfo=UTC)


def upgrade(engine, service, revision):
    config = Config()
    config.set_main_option("script_location", str(SERVICES / service / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_violations_and_cases_from_before_judgements_get_a_nature_status_and_suggestion(
        database_url):
    engine = make_engine(database_url("accountability"))
    upgrade(engine, "accountability", "0001")
    with engine.begin() as conn:
        for kind in ("overdue", "late_return"):
            conn.execute(sa.text(
                "INSERT INTO violations (id, staff_id, kind, occurred_at, source, "
                "source_event_id, details, case_id) VALUES (:id, 'a', :kind, :at, 'x', :id, "
                "'{}', 'c')"), {"id": kind, "kind": kind, "at": NOW.replace(tzinfo=None)})
        conn.execute(sa.text(
            "INSERT INTO cases (id, staff_id, kind, status, severity, suggested_outcome, "
            "suggested_measures, measures, opened_at) VALUES ('c', 'a', 'personal', 'open', "
            "'criminal', 'judicial_referral', '[]', '[]', :at)"), {"at": NOW.replace(tzinfo=None)})
    upgrade(engine, "accountability", "head")
    with engine.connect() as conn:
        violations = dict(conn.execute(sa.text(
            "SELECT kind, nature || '/' || status FROM violations")).all())
        case = conn.execute(sa.text("SELECT severity, suggested_severity FROM cases")).one()
    engine.dispose()
    assert violations == {"overdue": "non_performance/recorded",
                          "late_return": "improper_performance/recorded"}
    assert tuple(case) == ("serious", "serious")


def test_divisions_from_before_the_intake_are_announced_once_with_their_codes(database_url):
    engine = make_engine(database_url("posts"))
    upgrade(engine, "posts", "0005")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO divisions (id, name, code, head_id, leader_id) "
                             "VALUES ('d1', '政府机构编制处', 'ZF', 'h1', 'l1')"))
    upgrade(engine, "posts", "head")
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT routing_key, body, published_at FROM outbox")).all()
    engine.dispose()
    [(routing_key, body, published_at)] = rows
    event = json.loads(body)
    assert (routing_key, published_at) == ("division_changed", None)  # the relay's to send
    assert event["data"] == {"division_id": "d1", "name": "政府机构编制处", "code": "ZF",
                             "head_id": "h1", "leader_id": "l1", "acting_head_id": None,
                             "revision": 0}
