"""The transactional outbox: publish after commit, relay what a crash left behind."""

import json

import pytest
import requests
import sqlalchemy as sa
from kombu import Connection, Queue

from chassis import amqp
from chassis.db import OutboxRecord, make_engine
from chassis.errors import ServiceError
from chassis.uow import UnitOfWork
from services.posts.service import PostsService
from tests.helpers import peek_queue, rpc, wait_until
from tests.integration.toy import service as toy
from xiaoneng.vhosts import AUTH, MANAGEMENT

ADMIN = {"id": "admin", "role": "admin"}


def leader(username):
    return {"username": username, "password": "secret-pass", "name": f"领导{username}",
            "title": "副主任", "phone": "0571-1", "role": "leader"}


@pytest.fixture
def system(runner_factory, service_config):
    """posts as the producer, the toy consumer of its staff_changed events."""
    toy.behaviour.update(transient_failures=0, reject=set(), attempts=0, crash=False)

    def start(**overrides):
        config = service_config("posts", "toy", **overrides)
        runner_factory(config, toy.ToyConsumer).start()  # consumer queues first
        runner_factory(config, PostsService).start()
        return config
    return start


def call(config, service, method, *args):
    with rpc(config, service) as proxy:
        return getattr(proxy, method)(*args)


def outbox(config):
    engine = make_engine(config["XIAONENG_POSTS_DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(sa.select(OutboxRecord.event_id, OutboxRecord.published_at)
                            .where(OutboxRecord.routing_key == "staff_changed")).all()
    engine.dispose()
    return rows


def test_a_committed_change_is_published_right_after_commit(system):
    config = system(XIAONENG_RELAY_INTERVAL="3600")  # no relay: only the commit publishes
    call(config, "posts", "create_staff", ADMIN, leader("lead1"))
    wait_until(lambda: call(config, "toy", "applied"), timeout=5)
    assert [r["name"] for r in call(config, "toy", "applied")] == ["领导lead1"]
    wait_until(lambda: all(row.published_at for row in outbox(config)), timeout=5,
               message="marked published (a batch after its publish)")


def test_a_rolled_back_change_raises_no_event(system):
    config = system()
    call(config, "posts", "create_staff", ADMIN, leader("lead2"))
    with pytest.raises(ServiceError) as refused:
        call(config, "posts", "create_staff", ADMIN, leader("lead2"))
    assert refused.value.code == "username_taken"
    wait_until(lambda: call(config, "toy", "applied"))
    assert len(outbox(config)) == 1
    assert len(call(config, "toy", "applied")) == 1


def test_a_crash_between_commit_and_publish_still_delivers_the_event_exactly_once(
        system, monkeypatch):
    # The state a crash leaves: the transaction committed, nothing published.
    monkeypatch.setattr(UnitOfWork, "publish_now", lambda self, records: None)
    config = system(XIAONENG_RELAY_INTERVAL="0.5", XIAONENG_RELAY_GRACE="1")
    call(config, "posts", "create_staff", ADMIN, leader("lead3"))
    [row] = outbox(config)
    assert row.published_at is None

    wait_until(lambda: call(config, "toy", "applied"), timeout=10, message="relay delivers")
    wait_until(lambda: outbox(config)[0].published_at, message="relay marks it published")

    # Crash again, after publishing but before marking: the relay publishes it twice.
    engine = make_engine(config["XIAONENG_POSTS_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(sa.update(OutboxRecord).values(published_at=None))
    engine.dispose()
    wait_until(lambda: outbox(config)[0].published_at, message="relay publishes again")
    wait_until(lambda: toy.behaviour["attempts"] == 2, message="second delivery handled")

    assert [r["event_id"] for r in call(config, "toy", "applied")] == [row.event_id]


def test_a_batch_is_published_confirmed_and_survives_the_broker_closing_its_connection(
        rabbit_config):
    uri = rabbit_config["AMQP_URI"]
    vhost = uri.rsplit("/", 1)[1]
    with Connection(uri) as conn:  # a queue on posts' exchange to read what arrives
        Queue("batch-probe", exchange=amqp.event_exchange("posts"), routing_key="#",
              durable=True)(conn.default_channel).declare()
    publisher = amqp.ConfirmedBatches(uri)
    batch = [amqp.Outgoing(f"e{n}", "posts", "staff_changed", json.dumps({"n": n}), "corr")
             for n in range(1, 4)]

    assert publisher.publish(batch) == batch
    messages = wait_until(lambda: len(found := peek_queue(vhost, "batch-probe")) == 3 and found)
    assert [m["properties"]["message_id"] for m in messages] == ["e1", "e2", "e3"]
    assert messages[0]["properties"]["delivery_mode"] == 2
    assert messages[0]["properties"]["headers"] == {"nameko.correlation_id": "corr"}

    def connections():
        return requests.get(f"{MANAGEMENT}/vhosts/{vhost}/connections", auth=AUTH,
                            timeout=10).json()
    for connection in wait_until(connections, message="the publisher's connection listed"):
        requests.delete(f"{MANAGEMENT}/connections/{connection['name']}", auth=AUTH, timeout=10)
    with pytest.raises(Connection(uri).connection_errors):  # what a dropped connection raises
        publisher.publish(batch[:1])
    assert publisher.publish(batch[1:]) == batch[1:]  # a new connection, its own tags
    wait_until(lambda: len(peek_queue(vhost, "batch-probe")) == 5)
    publisher.close()
