"""The whole system as processes (as ``make run`` starts it), on its own vhost and databases:
the fixtures of tests/e2e and tests/browser (registered in the root conftest)."""

import os
from contextlib import contextmanager

import pytest

from tests.api import Api
from tests.conftest import ScratchDatabases
from tests.helpers import free_port
from xiaoneng import SERVICE_CLASSES
from xiaoneng.launcher import System
from xiaoneng.vhosts import scratch_vhost


@pytest.fixture(scope="module")
def vhost():
    with scratch_vhost("xn_e2e") as name:
        yield name


@pytest.fixture(scope="module")
def e2e_databases(tmp_path_factory):
    """``XIAONENG_<SERVICE>_DATABASE_URL`` for every service, on the suite's backend."""
    databases = ScratchDatabases(tmp_path_factory.mktemp("databases"))
    yield {f"XIAONENG_{service.upper()}_DATABASE_URL": databases.url(service)
           for service in SERVICE_CLASSES}
    databases.drop_all()


def system_environ(vhost, databases, data_dir, **settings):
    """What a system of processes starts with: the test's vhost and databases, a data folder
    of its own, a free gateway port, and ``settings`` (``XIAONENG_…`` names, string values)."""
    return {**os.environ, **databases,
            "AMQP_URI": f"amqp://guest:guest@127.0.0.1:5672/{vhost}",
            "XIAONENG_DATA_DIR": str(data_dir), "XIAONENG_GATEWAY_PORT": str(free_port()),
            **settings}


@contextmanager
def running(environ, **kwargs):
    """A system of processes (``kwargs`` as :class:`System` takes them), killed at the end:
    its vhost and databases go with it, so nothing is gained by a clean stop."""
    system = System(environ, **kwargs).start(timeout=90)
    try:
        yield system
    finally:
        system.kill()


@pytest.fixture(scope="module")
def system(vhost, e2e_databases, tmp_path_factory):
    environ = system_environ(vhost, e2e_databases, tmp_path_factory.mktemp("xiaoneng"),
                             XIAONENG_TEST_CLOCK="1", XIAONENG_SCAN_INTERVAL="1",
                             XIAONENG_RELAY_INTERVAL="1")
    with running(environ) as system:
        yield system


@pytest.fixture(scope="module")
def api(system):
    return Api(system.url)

