"""Publishing with publisher confirms, and the retry and parking topology.

Topology, declared by whoever publishes first (and by ``deploy/``):

- ``<service>.events`` (topic): a service's events, routing key = event type;
  nameko's naming, so consumer queues read ``evt-<source>-<type>--<service>.<method>``.
- ``xiaoneng.retry.<n>s`` (fanout) → a queue of the same name whose messages
  expire after n seconds into the default exchange, keeping the routing key
  they were sent with: the consumer queue's name. That is a delayed redelivery.
- ``xiaoneng.parked`` (fanout) → the queue of the same name: messages that
  cannot be handled, with ``x-parked-reason`` and ``x-original-queue`` headers.
"""

import json
from contextlib import contextmanager

from kombu import Connection, Exchange, Queue
from kombu.exceptions import OperationalError
from kombu.pools import producers

PERSISTENT = 2
# What a broker that went away raises: a reset or refused socket, or kombu's wrapper of it.
CONNECTION_ERRORS = (OSError, OperationalError)
RETRY_DELAYS = (1, 5, 30, 120)  # seconds; the last repeats
PARKED = "xiaoneng.parked"


def event_exchange(source: str) -> Exchange:
    return Exchange(f"{source}.events", type="topic", durable=True, delivery_mode=PERSISTENT)


def consumer_queue_name(source, event_type, service, method):
    """nameko's name for a service-pool event handler's queue."""
    return f"evt-{source}-{event_type}--{service}.{method}"


def queue_arguments(queue_type="classic"):
    """Quorum queues replicate across a RabbitMQ cluster (``XIAONENG_QUEUE_TYPE``)."""
    return {"x-queue-type": "quorum"} if queue_type == "quorum" else {}


def retry_topology(delay: int, queue_type="classic"):
    name = f"xiaoneng.retry.{delay}s"
    exchange = Exchange(name, type="fanout", durable=True)
    queue = Queue(name, exchange=exchange, durable=True, queue_arguments={
        "x-message-ttl": delay * 1000, "x-dead-letter-exchange": "",
        **queue_arguments(queue_type)})
    return exchange, queue


def parked_topology(queue_type="classic"):
    exchange = Exchange(PARKED, type="fanout", durable=True)
    return exchange, Queue(PARKED, exchange=exchange, durable=True,
                           queue_arguments=queue_arguments(queue_type))


def retry_delay(attempt: int) -> int:
    """The wait before redelivery number ``attempt`` (1-based)."""
    return RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]


def connection(amqp_uri: str) -> Connection:
    return Connection(amqp_uri, transport_options={"confirm_publish": True})


@contextmanager
def pooled_producer(amqp_uri):
    """A pooled producer with publisher confirms, for several messages in a row."""
    with producers[connection(amqp_uri)].acquire(block=True, timeout=10) as producer:
        yield producer


def publish(amqp_uri, body, *, exchange, routing_key, headers=None, declare=(),
            message_id=None, content_type="application/json", content_encoding="utf-8",
            producer=None):
    """Publish one persistent message and wait for the broker's confirm, on ``producer``
    when given (see :func:`pooled_producer`), else on one taken from the pool for it."""
    if producer is None:
        with pooled_producer(amqp_uri) as producer:
            return publish(amqp_uri, body, exchange=exchange, routing_key=routing_key,
                           headers=headers, declare=declare, message_id=message_id,
                           content_type=content_type, content_encoding=content_encoding,
                           producer=producer)
    producer.publish(
        json.dumps(body) if isinstance(body, dict) else body, exchange=exchange,
        routing_key=routing_key, headers=headers or {}, declare=list(declare),
        delivery_mode=PERSISTENT, message_id=message_id, content_type=content_type,
        content_encoding=content_encoding, retry=True,
        retry_policy={"max_retries": 3, "interval_start": 0.2})
