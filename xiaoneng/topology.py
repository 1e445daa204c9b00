"""Every exchange, consumer queue and binding, from the services' entrypoints.

Declared with the broker users, before any process starts (``xiaoneng.broker
provision``: ``make run``, the tests, compose's ``broker-users``, the Kubernetes Job), so
no event is dropped for want of a queue, whichever process starts first — and a party
need only look up another's exchange, which its user may not configure.
"""

import inspect
from importlib import import_module

from kombu import Exchange
from nameko.events import EventHandler
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from chassis import amqp
from chassis.events import ChassisEventHandler, IntakeHandler
from contracts import PRODUCERS
from xiaoneng import SERVICE_CLASSES


def party_class(path):
    """The class ``module:Name`` names (``xiaoneng.SERVICE_CLASSES``, ``GATEWAY``)."""
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


def event_entrypoints(cls):
    """(method name, handler) for each event, intake or broadcast handler of a class."""
    for method_name, method in inspect.getmembers(cls, inspect.isfunction):
        for extension in getattr(method, ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if isinstance(extension, EventHandler):
                yield method_name, extension


def consumers(service_path):
    """(exchange, routing key, queue name) for each chassis event or intake handler of a
    service (a broadcast has no queue to declare: each instance makes its own)."""
    cls = party_class(service_path)
    for method_name, extension in event_entrypoints(cls):
        key = extension.event_type
        if isinstance(extension, IntakeHandler):
            yield (amqp.INTAKE, key, amqp.intake_queue_name(key, cls.name, method_name))
        elif isinstance(extension, ChassisEventHandler):
            yield (amqp.event_exchange(extension.source_service).name, key,
                   amqp.consumer_queue_name(extension.source_service, key, cls.name,
                                            method_name))


def consumers_of_every_service():
    return [c for path in SERVICE_CLASSES.values() for c in consumers(path)]


# Policies (quorum mode: RabbitMQ 3.10 or later; one policy applies to a queue, the
# highest priority that matches). Queue arguments are fixed when a queue is made, policies
# can change under running queues: what may change later lives here.
#
# At-least-once dead-lettering: a message a queue dead-letters stays in it until the target
# queue has confirmed it. RabbitMQ's default (at-most-once) drops it if that fails — a retry
# lost because its consumer queue's leader was moving. It needs overflow reject-publish.
AT_LEAST_ONCE = {"dead-letter-strategy": "at-least-once", "overflow": "reject-publish"}
# Parked messages are never dropped for being delivered too often: RabbitMQ 4 drops a quorum
# queue's message after 20 deliveries by default, and every listing of the parked queue is
# one. Its "unlimited" (-1) is refused by RabbitMQ 3, so the limit is the largest both accept.
PARKED_KEPT = {"name": "xiaoneng-parked-kept", "pattern": r"^xiaoneng\.parked$",
               "apply-to": "queues", "priority": 10,
               "definition": {"delivery-limit": 2**31 - 1}}
# A retry queue dead-letters every message back to its consumer queue when its wait is over.
RETRIES = {"name": "xiaoneng-retries", "pattern": r"^xiaoneng\.retry\.[0-9]+s$",
           "apply-to": "queues", "priority": 5, "definition": AT_LEAST_ONCE}
# The chassis retries a failing event itself (acknowledged, republished to a retry queue),
# so a consumer queue redelivers only what a consumer died holding or handed back: a message
# redelivered this often kills its consumers, and is parked (dead-lettered to the parked
# queue, with x-first-death-queue and reason delivery_limit) instead of looping.
CONSUMER_DELIVERIES = 20
CONSUMERS = {"name": "xiaoneng-consumers", "pattern": r"^(evt|intake)-.+--.+$",
             "apply-to": "queues", "priority": 5,
             "definition": {"delivery-limit": CONSUMER_DELIVERIES,
                            "dead-letter-exchange": amqp.PARKED, **AT_LEAST_ONCE}}
# An RPC request is worth nothing after its caller's timeout: one that keeps killing its
# service is dropped.
RPC = {"name": "xiaoneng-rpc", "pattern": r"^rpc-[a-z_]+$", "apply-to": "queues",
       "priority": 5, "definition": {"delivery-limit": 5}}
POLICIES = [PARKED_KEPT, RETRIES, CONSUMERS, RPC]


def declarations(queue_type="classic"):
    """Every exchange, consumer queue and binding (RabbitMQ's definitions, for one vhost),
    and with quorum queues the policies above."""
    exchanges = [*(amqp.event_exchange(s) for s in (*PRODUCERS, "gateway")),
                 amqp.intake_exchange(), Exchange("nameko-rpc", type="topic", durable=True)]
    queues, bindings = {}, []
    for exchange, queue in [amqp.retry_topology(d, queue_type) for d in amqp.RETRY_DELAYS] \
            + [amqp.parked_topology(queue_type)]:
        exchanges.append(exchange)
        queues[queue.name] = queue.queue_arguments
        bindings.append((exchange.name, queue.name, ""))
    for exchange, routing_key, queue_name in consumers_of_every_service():
        queues[queue_name] = amqp.queue_arguments(queue_type)
        bindings.append((exchange, queue_name, routing_key))
    found = {
        "exchanges": [{"name": e.name, "type": e.type, "durable": True, "auto_delete": False,
                       "internal": False, "arguments": {}} for e in exchanges],
        "queues": [{"name": name, "durable": True, "auto_delete": False,
                    "arguments": dict(arguments or {})} for name, arguments in queues.items()],
        "bindings": [{"source": source, "destination": destination,
                      "destination_type": "queue", "routing_key": key, "arguments": {}}
                     for source, destination, key in bindings],
    }
    if queue_type == "quorum":
        found["policies"] = POLICIES
    return found


def main(argv=None):
    """``--graph``: who raises each event and who consumes it, from the code;
    ``--markdown``: the same as docs/events.md (``make events``)."""
    import argparse

    from xiaoneng import event_docs, event_graph  # they read this module's handlers

    parser = argparse.ArgumentParser(prog="python -m xiaoneng.topology",
                                     description=main.__doc__)
    shown = parser.add_mutually_exclusive_group(required=True)
    shown.add_argument("--graph", action="store_true", help="the event graph as text")
    shown.add_argument("--markdown", action="store_true", help="docs/events.md")
    args = parser.parse_args(argv)
    found = event_graph.graph()
    print(event_docs.markdown(found) if args.markdown else event_docs.text(found), end="")


if __name__ == "__main__":
    main()
