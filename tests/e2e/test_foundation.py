"""The foundation's acceptance, through the gateway of the system started as processes."""

import signal
import subprocess
import sys

from tests.api import V1, Organisation
from tests.helpers import answers, as_gateway, wait_until


def test_every_service_and_the_gateway_report_ready(api, system):
    assert api.ok("GET", "/readyz")["status"] == "ready"
    for service in system.settings.services:
        wait_until(lambda s=service: probe(system, s).returncode == 0, timeout=10,
                   message=f"{service}'s probe passes")
    stale = probe(system, "posts", "--max-age", "0")
    assert stale.returncode == 1 and "last heartbeat" in stale.stderr


def probe(system, service, *args):
    """What Kubernetes runs in a service's container (deploy/k8s)."""
    return subprocess.run([sys.executable, "-m", "chassis.probe", service, *args],
                          env=system.environ, capture_output=True, text=True, timeout=30)


def test_an_admin_builds_a_post_with_two_backups_and_the_public_signage_shows_it(api):
    admin = api.login("admin", "admin")
    org = Organisation(api, admin)
    division, _, _ = org.division()
    holder, b1, b2 = (org.staff(division_id=division["id"], name=n)
                      for n in ("张三", "李四", "王五"))
    post = api.ok("POST", f"{V1}/posts", admin, {
        "title": "行政机构编制岗", "division_id": division["id"], "duties": ["机构设置审核"],
        "holder_id": holder["id"], "backup_ids": [b1["id"], b2["id"]], "special": False})

    cards = api.ok("GET", f"{V1}/public/signage?division_id={division['id']}")["items"]
    assert [(c["post_title"], c["name"], c["title"], c["phone"], c["backups"]) for c in cards] == [
        ("行政机构编制岗", "张三", holder["title"], holder["phone"], ["李四", "王五"])]
    assert api.ok("GET", f"{V1}/posts/{post['id']}", b1["token"])["backup_ids"] == [
        b1["id"], b2["id"]]


def test_the_test_clock_reaches_every_service_process(api, system):
    admin = api.login("admin", "admin")
    api.ok("POST", f"{V1}/admin/clock", admin, {"now": "2026-02-14T10:00:00+08:00"})

    def every_service_moved():
        for service in system.settings.services:
            with as_gateway(system, service) as proxy:
                if not proxy.ping()["now"].startswith("2026-02-14T02:0"):
                    return False
        return True
    wait_until(every_service_moved, timeout=3, message="clock broadcast applied")


def test_a_restarted_service_keeps_its_data_and_catches_up_with_the_clock(api, system):
    admin = api.login("admin", "admin")
    api.ok("POST", f"{V1}/admin/clock", admin, {"now": "2026-10-08T09:00:00+08:00"})
    division, _, _ = Organisation(api, admin).division()

    system.stop_process("posts", signal.SIGTERM)
    assert api.request("GET", "/readyz").status_code == 200  # the gateway's own readiness
    system.start_process("posts")
    wait_until(lambda: answers(system, "posts"), timeout=30)
    assert api.ok("GET", f"{V1}/divisions/{division['id']}", admin)["name"] == division["name"]
    with as_gateway(system, "posts") as posts:
        wait_until(lambda: posts.ping()["now"].startswith("2026-10-08T01:0"), timeout=5)
