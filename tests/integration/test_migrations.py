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


def test_leave_requests_from_before_leave_kinds_are_of_kind_other(database_url):
    engine = make_engine(database_url("attendance"))
    upgrade(engine, "attendance", "0006")
    at = NOW.replace(tzinfo=None)
    with engine.begin() as conn:
        for absence_id, kind, reason_kind in (("l1", "leave", "leave"),
                                              ("n1", "notice", "personal")):
            conn.execute(sa.text(
                "INSERT INTO absences (id, kind, staff_id, status, start_at, "
                "expected_return_at, reason, reason_kind, contact, late, late_minutes, "
                "late_reported, created_at) VALUES (:id, :kind, 'a', 'approved', :at, :at, "
                "'x', :reason_kind, '1', false, 0, false, :at)"),
                {"id": absence_id, "kind": kind, "reason_kind": reason_kind, "at": at})
    upgrade(engine, "attendance", "head")
    with engine.connect() as conn:
        kinds = dict(conn.execute(sa.text("SELECT id, reason_kind FROM absences")).all())
    engine.dispose()
    assert kinds == {"l1": "other", "n1": "personal"}


def test_matters_from_before_versions_are_their_version_1_as_are_their_applications(
        database_url):
    engine = make_engine(database_url("inquiries"))
    upgrade(engine, "inquiries", "0007")
    at = NOW.replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO matters (id, name, basis, time_limit_days, procedure, division_id, "
            "materials) VALUES ('m', '事业单位登记', '《条例》', 15, '受理', 'd', :materials)"),
            {"materials": json.dumps([{"code": "M1", "name": "申请书", "required": True}])})
        conn.execute(sa.text(
            "INSERT INTO applications (id, matter_id, applicant, contact, status, token_hash, "
            "created_at) VALUES ('a', 'm', 'x', '1', 'returned', 'h', :at)"), {"at": at})
        conn.execute(sa.text(
            "INSERT INTO reviews (id, application_id, seq, reviewer_id, reviewed_at, "
            "materials, outcome) VALUES ('r', 'a', 1, 's', :at, '[]', 'returned')"),
            {"at": at})
    upgrade(engine, "inquiries", "head")
    with engine.connect() as conn:
        matter = conn.execute(sa.text("SELECT version, withdrawn_at FROM matters")).one()
        kept = conn.execute(sa.text(
            "SELECT matter_id, version, name, time_limit_days FROM matter_versions")).all()
        versions = conn.execute(sa.text(
            "SELECT a.matter_version, r.matter_version FROM applications a "
            "JOIN reviews r ON r.application_id = a.id")).one()
    engine.dispose()
    assert tuple(matter) == (1, None)
    assert [tuple(row) for row in kept] == [("m", 1, "事业单位登记", 15)]
    assert tuple(versions) == (1, 1)


def test_everyone_is_announced_again_with_their_office_phone(database_url):
    engine = make_engine(database_url("posts"))
    upgrade(engine, "posts", "0010")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO staff (id, username, password_hash, name, title, phone, role, "
            "active, token_version, revision) VALUES ('s1', 'zhang', 'x', '张三', '科员', "
            "'0571-87000001', 'staff', true, 2, 3)"))
    upgrade(engine, "posts", "head")
    with engine.connect() as conn:
        [body] = conn.execute(sa.text(
            "SELECT body FROM outbox WHERE routing_key = 'staff_changed'")).scalars().all()
    engine.dispose()
    assert json.loads(body)["data"] == {
        "staff_id": "s1", "name": "张三", "role": "staff", "division_id": None,
        "active": True, "token_version": 2, "phone": "0571-87000001", "revision": 3}
