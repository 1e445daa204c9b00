"""RabbitMQ definitions for ``deploy/``: ``python -m xiaoneng.topology [--queue-type quorum]``.

Declaring every exchange, consumer queue and binding when the broker starts
means no event is dropped for want of a queue, whichever process starts first.
Generated from the services' entrypoints; a unit test keeps ``deploy/`` in step.
"""

import argparse
import base64
import hashlib
import inspect
import json
from importlib import import_module

from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from chassis import amqp
from chassis.events import ChassisEventHandler, IntakeHandler
from contracts import PRODUCERS
from xiaoneng import SERVICE_CLASSES

USER = "xiaoneng"


def consumers(service_path):
    """(exchange, routing key, queue name) for each chassis event or intake handler of a
    service."""
    module, _, name = service_path.partition(":")
    cls = getattr(import_module(module), name)
    for method_name, method in inspect.getmembers(cls, inspect.isfunction):
        for extension in getattr(method, ENTRYPOINT_EXTENSIONS_ATTR, ()):
            key = extension.event_type if isinstance(extension, ChassisEventHandler) else None
            if isinstance(extension, IntakeHandler):
                yield (amqp.INTAKE, key,
                       amqp.intake_queue_name(key, cls.name, method_name))
            elif key:
                yield (amqp.event_exchange(extension.source_service).name, key,
                       amqp.consumer_queue_name(extension.source_service, key, cls.name,
                                                method_name))


def password_hash(password, salt=b"xn01"):
    """RabbitMQ's rabbit_password_hashing_sha256 (a fixed salt keeps the file stable)."""
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def definitions(queue_type="classic", password="xiaoneng"):
    exchanges = [*(amqp.event_exchange(s) for s in PRODUCERS), amqp.intake_exchange()]
    queues, bindings = {}, []
    for exchange, queue in [amqp.retry_topology(d, queue_type) for d in amqp.RETRY_DELAYS] \
            + [amqp.parked_topology(queue_type)]:
        exchanges.append(exchange)
        queues[queue.name] = queue.queue_arguments
        bindings.append((exchange.name, queue.name, ""))
    for path in SERVICE_CLASSES.values():
        for exchange, routing_key, queue_name in consumers(path):
            queues[queue_name] = amqp.queue_arguments(queue_type)
            bindings.append((exchange, queue_name, routing_key))
    return {
        "users": [{"name": USER, "password_hash": password_hash(password),
                   "hashing_algorithm": "rabbit_password_hashing_sha256",
                   "tags": ["administrator"]}],
        "vhosts": [{"name": "/"}],
        "permissions": [{"user": USER, "vhost": "/", "configure": ".*", "write": ".*",
                         "read": ".*"}],
        "exchanges": [{"name": e.name, "vhost": "/", "type": e.type, "durable": True,
                       "auto_delete": False, "internal": False, "arguments": {}}
                      for e in exchanges],
        "queues": [{"name": name, "vhost": "/", "durable": True, "auto_delete": False,
                    "arguments": dict(arguments or {})} for name, arguments in queues.items()],
        "bindings": [{"source": source, "vhost": "/", "destination": destination,
                      "destination_type": "queue", "routing_key": key, "arguments": {}}
                     for source, destination, key in bindings],
    }


def main():
    parser = argparse.ArgumentParser(prog="python -m xiaoneng.topology")
    parser.add_argument("--queue-type", choices=["classic", "quorum"], default="classic")
    args = parser.parse_args()
    print(json.dumps(definitions(args.queue_type), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
