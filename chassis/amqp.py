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
import time
from dataclasses import dataclass
from functools import cache

from amqp import Message
from eventlet.queue import Empty, LightQueue
from kombu import Connection, Exchange, Queue
from kombu.exceptions import OperationalError
from kombu.pools import producers

from chassis import identity

PERSISTENT = 2
TRANSIENT = 1
# What a broker that went away raises: a reset or refused socket, or kombu's wrapper of it.
CONNECTION_ERRORS = (OSError, OperationalError)
RETRY_DELAYS = (1, 5, 30, 120)  # seconds; the last repeats
PARKED = "xiaoneng.parked"


@cache
def event_exchange(source: str) -> Exchange:
    return Exchange(f"{source}.events", type="topic", durable=True, delivery_mode=PERSISTENT)


INTAKE = "xiaoneng.intake"  # where outside systems hand work in (contracts/intake.py)


def intake_exchange() -> Exchange:
    return Exchange(INTAKE, type="topic", durable=True, delivery_mode=PERSISTENT)


def intake_queue_name(message_type, service, method):
    return f"intake-{message_type}--{service}.{method}"


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


def publish(amqp_uri, body, *, exchange, routing_key, headers=None, declare=(),
            message_id=None, content_type="application/json", content_encoding="utf-8",
            mandatory=False):
    """Publish one persistent message as the URI's user (``user_id``, which the broker
    checks) and wait for the broker's confirm, on a producer from the pool (for a batch,
    see :class:`ConfirmedBatches`). ``mandatory``: a message no queue takes raises instead
    of vanishing."""
    with producers[connection(amqp_uri)].acquire(block=True, timeout=10) as producer:
        producer.publish(
            json.dumps(body) if isinstance(body, dict) else body, exchange=exchange,
            routing_key=routing_key, headers=headers or {}, declare=list(declare),
            delivery_mode=PERSISTENT, message_id=message_id, content_type=content_type,
            content_encoding=content_encoding, mandatory=mandatory,
            user_id=identity.user_of_uri(amqp_uri), retry=True,
            retry_policy={"max_retries": 3, "interval_start": 0.2})


@dataclass(frozen=True)
class Outgoing:
    """An event on its way to its source's exchange; ``seq`` is its outbox row, if any."""

    event_id: str
    source: str
    routing_key: str
    body: str
    correlation_id: str = ""
    seq: int | None = None

    @property
    def exchange(self):
        return event_exchange(self.source).name

    @property
    def headers(self):
        return {"nameko.correlation_id": self.correlation_id}

    @classmethod
    def envelope(cls, body, text, seq=None) -> "Outgoing":
        """An event envelope (``text``: as JSON) on its way, from its outbox row ``seq``."""
        return cls(body["id"], body["source"], body["type"], text,
                   body.get("correlation_id") or "", seq)

    @classmethod
    def of(cls, record) -> "Outgoing":
        """From an outbox row (:class:`chassis.db.OutboxRecord`)."""
        return cls(record.event_id, record.exchange, record.routing_key, record.body,
                   json.loads(record.body).get("correlation_id") or "", record.seq)


class ConfirmedBatches:
    """A connection of its own in confirm mode, on which a batch of persistent messages is
    published back to back and then confirmed together: one round trip a batch, not one a
    message. For one green thread. After an error it reconnects on its next batch.

    ``publish(messages)`` takes :class:`Outgoing` events and returns those the broker
    confirmed; a nack leaves a message out, a confirm not in by ``timeout`` raises.
    """

    def __init__(self, amqp_uri, timeout=10.0):
        self.amqp_uri = amqp_uri
        self.user = identity.user_of_uri(amqp_uri)  # every message says who sent it
        self.timeout = timeout
        self._connection = self._channel = None

    def publish(self, messages):
        if not messages:
            return []
        channel = self._open()
        tags = range(self._next_tag, self._next_tag + len(messages))
        self._next_tag += len(messages)
        self._pending.update(tags)
        try:
            for message in messages:
                self._declare(message.exchange)
                channel.basic_publish(self._message(message), exchange=message.exchange,
                                      routing_key=message.routing_key)
            self._await_confirms()
        except Exception:
            self.close()
            raise
        confirmed = [m for tag, m in zip(tags, messages, strict=True) if tag not in self._nacked]
        self._nacked.clear()
        return confirmed

    def close(self):
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - it is going away anyway
                pass
        self._connection = self._channel = None

    def _open(self):
        if self._channel is None:
            self._connection = Connection(self.amqp_uri)  # confirms here, not per publish
            self._channel = self._connection.channel()
            self._channel.confirm_select()
            self._channel.events["basic_ack"].add(self._on_ack)
            self._channel.events["basic_nack"].add(self._on_nack)
            self._declared, self._next_tag, self._pending, self._nacked = set(), 1, set(), set()
            self._lowest = 1
        return self._channel

    def _declare(self, exchange):
        if exchange not in self._declared:
            self._channel.exchange_declare(exchange, "topic", durable=True, auto_delete=False)
            self._declared.add(exchange)

    def _message(self, message):
        return Message(message.body.encode(), delivery_mode=PERSISTENT,
                       content_type="application/json", content_encoding="utf-8",
                       message_id=message.event_id, application_headers=message.headers,
                       user_id=self.user)

    def _on_ack(self, tag, multiple):
        self._settled(tag, multiple)

    def _on_nack(self, tag, multiple):
        self._nacked.update(self._settled(tag, multiple))

    def _settled(self, tag, multiple):
        # Tags are handed out in order, so a multiple confirm settles the run up to ``tag``
        # from the lowest still pending: each tag is looked at once, not once per confirm.
        if multiple:
            settled = {t for t in range(self._lowest, tag + 1) if t in self._pending}
            self._lowest = tag + 1
        else:
            settled = {tag} & self._pending
        self._pending -= settled
        return settled

    def _await_confirms(self):
        until = time.monotonic() + self.timeout
        while self._pending:
            remaining = until - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(self._pending)} messages unconfirmed")
            self._connection.drain_events(timeout=remaining)


class PublishingQueue:
    """Messages handed over by workers and published by one green thread, in order, a batch
    at a time on :class:`ConfirmedBatches`; workers do not wait for the broker.

    ``settled(confirmed, failed, error)`` is called after each batch (in that thread) with
    the messages the broker confirmed and those it did not, and the error if there was one.
    """

    BATCH = 200

    def __init__(self, amqp_uri, settled):
        self.amqp_uri = amqp_uri
        self.settled = settled
        self.waiting = LightQueue()
        self.batches = ConfirmedBatches(amqp_uri)

    def put(self, message):
        self.waiting.put(message)

    def run(self):
        """The publishing thread's body: runs until killed."""
        while True:
            first = self.waiting.get()
            self._publish([first, *self._take(self.BATCH - 1)])

    def flush(self):
        """Publish what is waiting, on a channel of its own (the thread may be half-way
        through a batch on the other), then close both."""
        self.batches.close()
        self.batches = ConfirmedBatches(self.amqp_uri)
        self._publish(self._take(self.waiting.qsize()))
        self.batches.close()

    def _take(self, limit):
        taken = []
        try:
            while len(taken) < limit:
                taken.append(self.waiting.get_nowait())
        except Empty:
            pass
        return taken

    def _publish(self, messages):
        """Publish; what a dropped connection kept from being confirmed is tried once more
        on a new one (a message published twice is one event to an inbox)."""
        if not messages:
            return
        confirmed, error = [], None
        for _ in range(2):
            try:
                confirmed, error = self.batches.publish(messages), None
                break
            except Exception as exc:  # noqa: BLE001 - handed to ``settled``
                error = exc
        kept = {id(m) for m in confirmed}
        self.settled(confirmed, [m for m in messages if id(m) not in kept], error)
