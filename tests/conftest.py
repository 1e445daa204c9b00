"""Shared fixtures: a fresh database per service per test, on SQLite or PostgreSQL.

``XIAONENG_TEST_DB=postgresql`` (what CI sets) runs every test on PostgreSQL
(``XIAONENG_TEST_PG``, default the local server); the default is SQLite files.
"""

import os
import uuid

import pytest
import sqlalchemy as sa

PG_ADMIN_URL = os.environ.get("XIAONENG_TEST_PG",
                              "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


class ScratchDatabases:
    """Creates empty databases for services and drops them afterwards."""

    def __init__(self, directory):
        self.directory = directory
        self.postgres = os.environ.get("XIAONENG_TEST_DB", "sqlite") == "postgresql"
        self.admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT",
                                      pool_pre_ping=True) \
            if self.postgres else None
        self.created = []

    def url(self, service):
        if not self.postgres:
            return f"sqlite:///{self.directory / service}.db"
        database = f"xn_test_{uuid.uuid4().hex[:10]}_{service}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
        self.created.append(database)
        return sa.engine.make_url(PG_ADMIN_URL).set(database=database).render_as_string(
            hide_password=False)

    def drop_all(self):
        if self.admin is None:
            return
        with self.admin.connect() as conn:
            for database in self.created:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture
def database_url(tmp_path):
    """``database_url(service)``: a new empty database, dropped after the test."""
    databases = ScratchDatabases(tmp_path)
    yield databases.url
    databases.drop_all()


@pytest.fixture
def postgres_engine(database_url):
    """An engine on a new PostgreSQL database; the test is skipped on SQLite."""
    from chassis.db import make_engine

    engine = make_engine(database_url("pg"))
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("what this test shows happens on PostgreSQL only")
    yield engine
    engine.dispose()


@pytest.fixture
def service_config(rabbit_config, database_url, tmp_path):
    """A nameko config for services under test: own vhost, own databases, fast timers."""
    def make(*services, **overrides):
        config = dict(rabbit_config)
        config.update({
            "XIAONENG_DATA_DIR": str(tmp_path),
            "XIAONENG_RELAY_INTERVAL": "0.5",
            "XIAONENG_RELAY_GRACE": "1",
            "XIAONENG_SCAN_INTERVAL": "1",
            "XIAONENG_RPC_TIMEOUT": "10",
            "serializer": "json",
        })
        for service in services:
            config[f"XIAONENG_{service.upper()}_DATABASE_URL"] = database_url(service)
        config.update(overrides)
        return config
    return make


@pytest.fixture
def behind_gateway(runner_factory, service_config):
    """``behind_gateway(*service_classes, **config)``: the services, then a gateway on a
    free port, each on its own database; returns ``(Api, config)``."""
    from gateway.service import GatewayService
    from services.posts.service import PostsService
    from tests.api import Api
    from tests.helpers import free_port

    def start(*services, **overrides):
        port = free_port()
        names = [service.name for service in services]
        overrides.setdefault("XIAONENG_SERVICES", ",".join(names))
        config = service_config(*names, WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
                                XIAONENG_GATEWAY_PORT=str(port), **overrides)
        for service in (*services, GatewayService):
            runner_factory(config, service).start()
        api = Api(f"http://127.0.0.1:{port}")
        if PostsService in services:  # a gateway serves signed-in routes once it knows
            api.wait_revocations()
        return api, config
    return start


@pytest.fixture
def set_now():
    """``set_now(moment)``: every in-process service's clock reads ``moment``; reset after."""
    from chassis.clock import Clock, clock

    yield lambda moment: clock.set_offset(Clock.offset_to(moment))
    clock.reset()
