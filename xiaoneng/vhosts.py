"""Scratch RabbitMQ vhosts for test and bench runs, through the management API (the local
development broker's guest account)."""

import uuid
from contextlib import contextmanager

import requests

MANAGEMENT = "http://127.0.0.1:15672/api"
AUTH = ("guest", "guest")


@contextmanager
def scratch_vhost(prefix="xn"):
    """A new vhost the guest account may use fully, deleted afterwards with its queues and
    the parties' broker users a system provisioned in it (xiaoneng.broker)."""
    from xiaoneng import broker

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    requests.put(f"{MANAGEMENT}/vhosts/{name}", auth=AUTH, timeout=10).raise_for_status()
    requests.put(f"{MANAGEMENT}/permissions/{name}/guest", auth=AUTH, timeout=10,
                 json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()
    try:
        yield name
    finally:
        requests.delete(f"{MANAGEMENT}/vhosts/{name}", auth=AUTH, timeout=10)
        broker.remove(f"amqp://{AUTH[0]}:{AUTH[1]}@127.0.0.1:5672/{name}", name)
