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


def backend():
    return os.environ.get("XIAONENG_TEST_DB", "sqlite")


@pytest.fixture
def database_url(tmp_path):
    """``database_url(name)``: a new empty database for a service, dropped afterwards."""
    created = []
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT") \
        if backend() == "postgresql" else None

    def make(name):
        if admin is None:
            return f"sqlite:///{tmp_path / name}.db"
        database = f"xn_test_{uuid.uuid4().hex[:10]}_{name}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
        created.append(database)
        return sa.engine.make_url(PG_ADMIN_URL).set(database=database).render_as_string(
            hide_password=False)

    yield make
    for database in created:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    if admin is not None:
        admin.dispose()


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
