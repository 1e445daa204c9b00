"""The whole system as processes (as ``make run`` starts it), on its own vhost and databases."""

import os
import socket
import uuid

import pytest
import requests

from chassis.launcher import System
from tests.integration.api import Api

MANAGEMENT = "http://127.0.0.1:15672/api"
AUTH = ("guest", "guest")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def vhost():
    name = f"xn_e2e_{uuid.uuid4().hex[:8]}"
    requests.put(f"{MANAGEMENT}/vhosts/{name}", auth=AUTH, timeout=10).raise_for_status()
    requests.put(f"{MANAGEMENT}/permissions/{name}/guest", auth=AUTH, timeout=10,
                 json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()
    yield name
    requests.delete(f"{MANAGEMENT}/vhosts/{name}", auth=AUTH, timeout=10)


@pytest.fixture(scope="module")
def e2e_databases(tmp_path_factory):
    """Database URLs per service, on the backend the suite runs on."""
    from tests.conftest import PG_ADMIN_URL, backend

    import sqlalchemy as sa
    names = [f"xn_e2e_{uuid.uuid4().hex[:8]}_{s}" for s in ("posts",)]
    if backend() != "postgresql":
        yield {}
        return
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_ADMIN_URL)
    yield {f"XIAONENG_{n.rsplit('_', 1)[1].upper()}_DATABASE_URL":
           url.set(database=n).render_as_string(hide_password=False) for n in names}
    with admin.connect() as conn:
        for name in names:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def system(vhost, e2e_databases, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("xiaoneng")
    environ = {**os.environ, **e2e_databases,
               "AMQP_URI": f"amqp://guest:guest@127.0.0.1:5672/{vhost}",
               "XIAONENG_DATA_DIR": str(data_dir),
               "XIAONENG_GATEWAY_PORT": str(free_port()),
               "XIAONENG_TEST_CLOCK": "1",
               "XIAONENG_SCAN_INTERVAL": "1",
               "XIAONENG_RELAY_INTERVAL": "1"}
    system = System(environ).start(timeout=90)
    yield system
    system.stop()


@pytest.fixture(scope="module")
def api(system):
    return Api(system.url)
