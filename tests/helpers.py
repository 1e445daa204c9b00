"""Small helpers the test layers share."""

import socket
import time
from datetime import UTC, datetime

from chassis import amqp
from chassis.envelope import make_event
from xiaoneng.rpc import rpc  # noqa: F401  (the tests' signed proxy)


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
    """Messages waiting in a queue, read through the management API and left there. A
    queue that does not exist is an error, not an empty list: "nothing arrived" is only
    worth asserting of a queue that could have received it."""
    import requests

    response = requests.post(
        f"{management_url}/api/queues/{vhost}/{queue}/get", auth=("guest", "guest"),
        json={"count": count, "ackmode": "ack_requeue_true", "encoding": "auto"}, timeout=10)
    assert response.status_code != 404, f"there is no queue {queue} on vhost {vhost}"
    response.raise_for_status()
    return response.json()


def parked_messages(vhost, queue_type="classic", port=5672,
                    management_url="http://127.0.0.1:15672"):
    """What waits in ``xiaoneng.parked``. The queue is declared first (as parking does), so
    "nothing parked" holds whether or not anything was ever parked. ``port`` and
    ``management_url``: another broker's (a node of tests/cluster)."""
    from kombu import Connection

    _, queue = amqp.parked_topology(queue_type)
    with Connection(f"amqp://guest:guest@127.0.0.1:{port}/{vhost}") as connection:
        queue(connection.default_channel).declare()
    return peek_queue(vhost, queue.name, management_url)


def scans_ran(method_name, runs=2, timeout=10):
    """Wait until every timer ``method_name`` running in this process has finished ``runs``
    more runs without an error. With two, at least one started after this call: it read the
    clock and the data as they are now, so what it did not report, it will not report."""
    from chassis.entrypoints import Periodic

    timers = [timer for timer in Periodic.running if timer.method_name == method_name]
    assert timers, f"no timer {method_name} runs in this process"
    marks = {timer: timer.completed for timer in timers}
    wait_until(lambda: all(timer.completed >= marks[timer] + runs for timer in timers),
               timeout, message=f"{runs} more runs of {method_name}")


def as_gateway(system, service):
    """An RPC proxy to ``service`` of a running system, connected and sending as its
    gateway (the one party that may speak for a person)."""
    return rpc({"AMQP_URI": system.uri_of("gateway")}, service, party="gateway")


def answers(system, service) -> bool:
    """Whether ``service`` of a running system answers a ping (the gateway's ``/readyz``
    asks no service)."""
    try:
        with rpc({"AMQP_URI": system.uri_of("gateway")}, service, party="gateway",
                 timeout=3) as proxy:
            return bool(proxy.ping())
    except Exception:  # noqa: BLE001 - not (yet)
        return False


def projected(database_url, people, service="a service"):
    """Wait until a service's views know each of ``people`` and the head of their division
    (posts' events reach them in the background): what then depends on those views — who
    approves, who may read what — is the rule at work, not a view not caught up yet."""
    import sqlalchemy as sa

    from chassis.db import make_engine

    query = sa.text("SELECT count(*) FROM staff_view JOIN division_view USING (division_id) "
                    "WHERE division_view.head_id IS NOT NULL AND staff_id IN :ids") \
        .bindparams(sa.bindparam("ids", expanding=True))
    ids = [person["id"] for person in people]
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            wait_until(lambda: connection.execute(query, {"ids": ids}).scalar() == len(ids)
                       or connection.rollback(), message=f"{service} knows everyone's division")
    finally:
        engine.dispose()


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


def database_url(system, service):
    return system.environ.get(f"XIAONENG_{service.upper()}_DATABASE_URL") or \
        system.settings.database_url(service, system.environ)
