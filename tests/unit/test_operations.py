"""What an operator is told without a broker or a service running: the outbox backlog from
one query, parked messages told apart, and the broker's view missing with its reason."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.orm import Session

from chassis import parked
from chassis.config import Settings
from chassis.db import ChassisBase, OutboxRecord
from chassis.operations import outbox_backlog
from gateway.operations import broker_view

NOW = datetime(2027, 1, 6, 9, 0, tzinfo=UTC)


def message(queue, parked_at, body=b"{}", message_id="e-1"):
    return SimpleNamespace(body=body, properties={"message_id": message_id}, headers={
        "x-original-queue": queue, "x-parked-at": parked_at, "x-parked-reason": "why"})


def test_the_backlog_counts_unpublished_events_and_the_oldest_ones_age(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'outbox.db'}")
    ChassisBase.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        for seq, (age, published) in enumerate([(90, None), (30, None), (300, NOW)], 1):
            session.add(OutboxRecord(seq=seq, event_id=f"e-{seq}", exchange="posts.events",
                                     routing_key="x", body="{}", published_at=published,
                                     created_at=NOW - timedelta(seconds=age)))
    with Session(engine) as session:
        assert outbox_backlog(session, NOW) == {"outbox_unpublished": 2,
                                                "outbox_oldest_seconds": 90.0}
        session.execute(sa.update(OutboxRecord).values(published_at=NOW))
        assert outbox_backlog(session, NOW) == {"outbox_unpublished": 0,
                                                "outbox_oldest_seconds": 0.0}


def test_one_event_parked_by_two_consumers_is_two_parked_messages_with_their_owners():
    first = message("evt-documents-overdue--accountability.on_overdue", "2027-01-06T09:00")
    second = message("evt-documents-overdue--notifications.on_overdue", "2027-01-06T09:00")
    assert parked.parked_id(first) != parked.parked_id(second)
    assert parked.parked_id(first) == parked.parked_id(message(
        "evt-documents-overdue--accountability.on_overdue", "2027-01-06T09:00"))
    assert [parked.item(m)["service"] for m in (first, second)] == [
        "accountability", "notifications"]
    assert parked.item(message("rpc-posts", "t", body="一" * 5000))["body"] != ""


def test_without_a_monitoring_account_or_an_answer_the_brokers_view_says_why():
    settings = Settings.from_mapping({"XIAONENG_BROKER_MANAGEMENT_URL": "http://127.0.0.1:9"})
    assert "XIAONENG_BROKER_MONITOR_USERNAME" in broker_view(settings)["reason"]
    monitored = Settings.from_mapping({"XIAONENG_BROKER_MANAGEMENT_URL": "http://127.0.0.1:9",
                                       "XIAONENG_BROKER_MONITOR_USERNAME": "watcher"})
    view = broker_view(monitored)
    assert view["available"] is False and "did not answer" in view["reason"]


def test_a_message_the_broker_dead_lettered_past_its_delivery_limit_names_its_queue():
    queue = "evt-documents--accountability.on_overdue"
    limit = SimpleNamespace(headers={"x-first-death-queue": queue,
                                     "x-first-death-reason": "delivery_limit"})
    assert parked.original_queue(limit) == queue
    assert parked.reason_of(limit) == "delivery_limit"
    ours = SimpleNamespace(headers={"x-original-queue": "rpc-posts", "x-parked-reason": "bad"})
    assert (parked.original_queue(ours), parked.reason_of(ours)) == ("rpc-posts", "bad")


def test_the_brokers_view_asks_for_the_vhost_of_a_cluster_uri():
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    asked = []

    class Management(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path.split("?")[0])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"[]")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Management)
    threading.Thread(target=server.handle_request, daemon=True).start()
    settings = Settings.from_mapping({
        "AMQP_URI": "amqp://u:p@127.0.0.1:5681/office;amqp://u:p@127.0.0.1:5682/office",
        "XIAONENG_BROKER_MANAGEMENT_URL": f"http://127.0.0.1:{server.server_port}",
        "XIAONENG_BROKER_MONITOR_USERNAME": "watcher"})
    broker_view(settings)
    server.server_close()
    assert asked == ["/api/queues/office"]
