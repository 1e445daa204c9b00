"""The test clock with two gateways: the latest setting holds everywhere, whichever gateway
took it (the faults run's overdue flood needs the next day to stay the next day)."""

import time

import pytest

from tests.api import V1, Api
from tests.helpers import as_gateway, free_port, wait_until
from tests.system_fixtures import running, system_environ


@pytest.fixture(scope="module")
def two_gateways(vhost, e2e_databases, tmp_path_factory):
    environ = system_environ(vhost, e2e_databases, tmp_path_factory.mktemp("xiaoneng"),
                             XIAONENG_TEST_CLOCK="1")
    with running(environ, gateway_ports=[free_port(), free_port()]) as system:
        yield system


def test_the_latest_setting_holds_through_the_other_gateways_rebroadcasts(two_gateways):
    system = two_gateways
    first, second = (Api(url) for url in system.urls)
    admin = first.login("admin", "admin")
    second.ok("POST", f"{V1}/admin/clock", admin, {"now": "2026-03-02T09:00:00+08:00"})
    first.ok("POST", f"{V1}/admin/clock", admin, {"now": "2026-03-03T09:00:00+08:00"})

    def readings():
        found = {f"gateway{i}": api.ok("GET", f"{V1}/admin/clock", admin)["now"][:10]
                 for i, api in enumerate((first, second), 1)}
        for service in system.settings.services:
            with as_gateway(system, service) as proxy:
                found[service] = proxy.ping()["now"][:10]
        return found

    def all_moved():
        return set(readings().values()) == {"2026-03-03"}
    wait_until(all_moved, timeout=5, message="every process on the latest setting")
    held_until = time.monotonic() + 5  # both gateways rebroadcast every 2 s
    while time.monotonic() < held_until:
        assert set(readings().values()) == {"2026-03-03"}, readings()
        time.sleep(0.2)
