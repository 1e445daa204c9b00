"""运维 through the gateway: an administrator sees every service's instances, readiness and
outbox backlog with the broker's view, and the parked messages with their reasons; replays
one (back as the party that owns its queue: a forged message is parked again, never
applied), discards one; a replay to a queue that is gone stays parked. Nobody else sees
any of it."""

import uuid
from datetime import UTC, datetime

import pytest
from kombu import Connection, Exchange, Queue

from tests.api import V1, Organisation, error
from tests.helpers import publish_event, wait_until
from tests.system_fixtures import running, system_environ

OVERDUE_QUEUE = "evt-documents-overdue--accountability.on_overdue"
SERVICES = {"posts", "attendance", "documents", "inquiries", "accountability", "notifications"}


@pytest.fixture(scope="module")
def system(vhost, e2e_databases, tmp_path_factory):
    """The system with a monitoring account for the broker's view (here the test broker's
    administrator; in production a user tagged ``monitoring``)."""
    environ = system_environ(vhost, e2e_databases, tmp_path_factory.mktemp("xiaoneng"),
                             XIAONENG_RELAY_INTERVAL="1",
                             XIAONENG_BROKER_MONITOR_USERNAME="guest",
                             XIAONENG_BROKER_MONITOR_PASSWORD="guest")
    with running(environ) as system:
        yield system


@pytest.fixture(scope="module")
def admin(api):
    return api.login("admin", "admin")


def parked(api, admin):
    return api.ok("GET", f"{V1}/admin/parked?limit=500", admin)["items"]


def forge_overdue(vhost, title):
    """An overdue event published by the broker's administrator, not by documents:
    accountability parks it (unverified_sender)."""
    body = {"id": str(uuid.uuid4()), "type": "overdue", "source": "documents",
            "occurred_at": "2026-12-01T09:00:00+08:00", "version": 1,
            "correlation_id": None, "data": {
                "document_id": "forged", "title": title, "division_id": "d-x",
                "assignee_id": "s-x", "acting_id": None, "due_date": "2026-11-30",
                "days_late": 3}}
    publish_event(f"amqp://guest:guest@127.0.0.1:5672/{vhost}", body, source="documents",
                  type_="overdue", message_id=body["id"])


def test_status_lists_every_service_ready_with_its_backlog_and_the_brokers_view(api, admin):
    def settled():  # the broker's counts are sampled every few seconds
        found = api.ok("GET", f"{V1}/admin/status", admin)
        return all(s["ready"] for s in found["services"]) and \
            found["broker"].get("queues_without_consumers") == [] and found
    status = wait_until(settled, timeout=30, message="every service ready and consuming")
    services = {s["name"]: s for s in status["services"]}
    assert set(services) == SERVICES and status["missing"] == []
    for service in services.values():
        assert [i["ready"] for i in service["instances"]] == [True]
        assert "metrics_url" in service["instances"][0]
        assert service["outbox_unpublished"] >= 0 and service["outbox_oldest_seconds"] >= 0
        assert service["consumers"] == 1 and service["parked"] >= 0
    assert status["broker"]["available"] is True and status["broker"]["queue_count"] > 0


def test_status_and_parked_messages_are_for_administrators_only(api, admin):
    division, leader, head = Organisation(api, admin).division()
    staff = Organisation(api, admin).staff(division_id=division["id"])
    for token in (staff["token"], head["token"], leader["token"]):
        for method, path in (("GET", "/admin/status"), ("GET", "/admin/parked"),
                             ("POST", "/admin/parked/nosuch/replay"),
                             ("POST", "/admin/parked/nosuch/discard")):
            assert error(api.request(method, V1 + path, token)) == (403, "wrong_role")


def test_an_unknown_parked_message_is_not_found(api, admin):
    for action in ("replay", "discard"):
        assert error(api.request("POST", f"{V1}/admin/parked/{uuid.uuid4().hex}/{action}",
                                 admin)) == (404, "parked_not_found")


def test_a_forged_event_is_listed_replayed_parked_again_and_discarded(api, admin, vhost):
    title = f"forged-overdue-{uuid.uuid4().hex[:6]}"  # JSON escapes what is not ASCII
    forge_overdue(vhost, title)

    def mine():  # notifications parks its copy too
        return [i for i in parked(api, admin)
                if title in i["body"] and i["queue"] == OVERDUE_QUEUE]
    [item] = wait_until(mine, timeout=20, message="the forged event parked")
    assert (item["service"], item["queue"]) == ("accountability", OVERDUE_QUEUE)
    assert item["reason"].startswith("unverified_sender") and item["parked_at"]
    status = wait_until(lambda: (found := api.ok("GET", f"{V1}/admin/status", admin))
                        ["broker"]["parked_messages"] >= 2 and found, timeout=20,
                        message="the broker counts them (sampled every few seconds)")
    assert {s["name"]: s["parked"] for s in status["services"]}["accountability"] >= 1

    replayed = api.ok("POST", f"{V1}/admin/parked/{item['id']}/replay", admin)
    assert replayed == {"id": item["id"], "queue": OVERDUE_QUEUE, "replayed": True}
    [again] = wait_until(lambda: [i for i in mine() if i["id"] != item["id"]] or None,
                         timeout=20, message="parked again")
    assert again["reason"].startswith("unverified_sender") and len(mine()) == 1

    assert api.ok("POST", f"{V1}/admin/parked/{again['id']}/discard", admin) == {
        "id": again["id"], "discarded": True}
    assert mine() == []
    assert error(api.request("POST", f"{V1}/admin/parked/{again['id']}/discard",
                             admin)) == (404, "parked_not_found")


def test_a_replay_to_a_queue_that_is_gone_stays_parked(api, admin, vhost):
    gone = f"evt-documents-overdue--accountability.on_gone_{uuid.uuid4().hex[:6]}"
    exchange = Exchange("xiaoneng.parked", type="fanout", durable=True)
    with Connection(f"amqp://guest:guest@127.0.0.1:5672/{vhost}") as connection:
        channel = connection.channel()
        Queue(gone, channel=channel, durable=True).declare()
        connection.Producer(channel).publish(
            b'{"note": "left behind"}', exchange=exchange, routing_key="",
            content_type="application/json", content_encoding="utf-8", headers={
                "x-parked-reason": "a handler since removed", "x-original-queue": gone,
                "x-parked-at": datetime.now(UTC).isoformat()})
        Queue(gone, channel=channel).delete()
    [item] = wait_until(lambda: [i for i in parked(api, admin) if i["queue"] == gone],
                        message="the message parked")

    assert error(api.request("POST", f"{V1}/admin/parked/{item['id']}/replay", admin)) == (
        409, "replay_unroutable")
    assert [i["id"] for i in parked(api, admin) if i["queue"] == gone] == [item["id"]]
    api.ok("POST", f"{V1}/admin/parked/{item['id']}/discard", admin)
