"""Small helpers the test layers share."""

import socket
import time
from datetime import UTC, datetime

from chassis import amqp
from chassis.envelope import make_event


def wait_until(condition, timeout=10, interval=0.1, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"{message} not met within {timeout}s")


def staff_changed(name="张三", staff_id="s-1"):
    return make_event("posts", "staff_changed", {"staff_id": staff_id, "name": name,
                                                 "role": "staff", "division_id": "d-1"},
                      now=datetime.now(UTC))


def publish_event(amqp_uri, body, source="posts", type_="staff_changed", **kwargs):
    exchange = amqp.event_exchange(source)
    amqp.publish(amqp_uri, body, exchange=exchange, routing_key=type_, declare=[exchange],
                 **kwargs)


def peek_queue(vhost, queue, management_url="http://127.0.0.1:15672", count=100):
    """Messages waiting in a queue, read through the management API and left there."""
    import requests

    response = requests.post(
        f"{management_url}/api/queues/{vhost}/{queue}/get", auth=("guest", "guest"),
        json={"count": count, "ackmode": "ack_requeue_true", "encoding": "auto"}, timeout=10)
    if response.status_code == 404:
        return []
    response.raise_for_status()
    return response.json()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raised(database_url, type_):
    """The data of every event of this type a service has raised (read from its outbox)."""
    import json

    import sqlalchemy as sa

    from chassis.db import OutboxRecord, make_engine

    engine = make_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(OutboxRecord.body).where(
            OutboxRecord.routing_key == type_).order_by(OutboxRecord.seq)).scalars().all()
    engine.dispose()
    return [json.loads(row)["data"] for row in rows]


def set_clock(api, admin, moment):
    """Move every service's test clock to ``moment``."""
    api.ok("POST", "/api/v1/admin/clock", admin, {"now": moment.isoformat()})


def database_url(system, service):
    return system.environ.get(f"XIAONENG_{service.upper()}_DATABASE_URL") or \
        system.settings.database_url(service, system.environ)
