"""The event consumer entrypoint: validate, apply once, retry or park.

``@handle_event("posts", "staff_changed")`` on a service method consumes that
contract's events from a durable queue (nameko's naming and exchanges). The
method receives a validated :class:`~chassis.envelope.Event`.

- A body that is not JSON, or fails its envelope or contract: parked at once.
- A redelivery of an event the handler has applied: acknowledged and skipped
  (the unit of work's inbox raises :class:`~chassis.uow.DuplicateEvent`).
- A transient failure (database or broker unreachable, a service not
  answering): redelivered after 1, 5, 30, then every 120 seconds, never dropped.
- Any other error: redelivered the same way up to ``XIAONENG_MAX_ATTEMPTS``
  times, then parked with the error as its reason.
- A domain error (the event names an unknown person, say): parked at once.
"""

import logging
import socket
from datetime import UTC, datetime
from functools import partial

import eventlet
import sqlalchemy.exc
from kombu import Exchange, Queue
from nameko.events import BROADCAST, EventDispatcher, EventHandler
from nameko.exceptions import ContainerBeingKilled, RpcTimeout, UnknownService
from nameko.messaging import QueueConsumer

from chassis import amqp, identity, metrics
from chassis.acks import AckRuns
from chassis.config import Settings
from chassis.envelope import MalformedEvent, load_event
from chassis.errors import DomainError, ServiceError, Unavailable
from chassis.uow import DuplicateEvent

log = logging.getLogger(__name__)

TRANSIENT = (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError,
             sqlalchemy.exc.DisconnectionError, sqlalchemy.exc.TimeoutError,
             ConnectionError, socket.error, eventlet.Timeout, RpcTimeout, UnknownService)
UNRECOVERABLE = (MalformedEvent, DomainError, ServiceError)


def is_transient(error):
    """Worth retrying until it works: an unreachable database, broker or service."""
    return isinstance(error, TRANSIENT) or getattr(error, "kind", None) == Unavailable.kind


class SafeQueueConsumer(QueueConsumer):
    """nameko's queue consumer, made to survive the broker going away, for every consumer
    of a service (events, RPC requests, RPC replies, broadcasts).

    - Acknowledging on a connection the broker just dropped raises an OSError that nameko
      lets kill the whole service; the broker gives the message again anyway.
    - A body that cannot be decoded is parked where the entrypoint can park, not fatal.
    - A committed event is acknowledged with others in one frame (``defer_ack``,
      chassis.acks); every other message alone, at once.
    - ``connected``: consuming on a live connection, for readiness (chassis.readiness).
    """

    connected = False
    _runs = None  # (channel, AckRuns): the current channel's open and deferred tags

    def on_consume_ready(self, connection, channel, consumers, **kwargs):
        """After every (re)connection, once the consumers are set up."""
        self.connected = True
        super().on_consume_ready(connection, channel, consumers, **kwargs)

    def on_connection_error(self, exc, interval):
        """Each failed attempt to (re)connect."""
        self.connected = False
        super().on_connection_error(exc, interval)

    def handle_message(self, provider, body, message):
        self._delivered(message)
        super().handle_message(provider, body, message)

    def _delivered(self, message):
        """Each delivery, in the channel's order, before anything settles it."""
        if self._runs_of(message) is None:  # a new connection, a new channel
            self._runs = (message.channel, AckRuns(self.prefetch_count // 2))
        self._runs_of(message).delivered(message.delivery_tag)

    def _runs_of(self, message):
        """The runs of the message's channel while it is the current one, else None."""
        return self._runs[1] if self._runs and self._runs[0] is message.channel else None

    def ack_message(self, message):
        self._settle(super().ack_message, message)
        self._send(message, lambda runs: runs.settled(message.delivery_tag))

    def requeue_message(self, message):
        self._settle(super().requeue_message, message)
        self._send(message, lambda runs: runs.settled(message.delivery_tag))

    def defer_ack(self, message):
        """Acknowledge an event whose transaction has committed, with the next run of its
        channel (chassis.acks); at once if its channel is gone or never was counted."""
        if not self._send(message, lambda runs: runs.defer(message.delivery_tag)):
            self.ack_message(message)

    def _send(self, message, step):
        """Apply ``step`` to the runs of the message's channel and send what falls due;
        False when that channel is not the current one."""
        runs, channel = self._runs_of(message), message.channel
        if runs is None:
            return False
        for tag, multiple in step(runs):
            if channel.connection:  # a dropped connection: the broker delivers them again
                self._settle(lambda _, t=tag, m=multiple: channel.basic_ack(t, multiple=m),
                             message)
        return True

    @staticmethod
    def _settle(settle, message):
        try:
            settle(message)
        except OSError as exc:
            log.warning("could not settle message %s (%s): the broker delivers it again",
                        message.properties.get("message_id"), exc)

    def get_consumers(self, consumer_cls, channel):
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            if hasattr(provider, "park"):
                consumer.on_decode_error = partial(self._undecodable, provider)
        return consumers

    def _undecodable(self, provider, message, exc):
        self._delivered(message)  # kombu does not hand it to handle_message
        provider.park(message, f"undecodable body: {exc}")
        self.ack_message(message)


def park(settings, message, queue_name, consumer, reason):
    """Set a message aside in ``xiaoneng.parked`` with why, for an operator to read and
    replay (``make parked``)."""
    log.error("%s: parking message %s: %s", consumer, message.properties.get("message_id"),
              reason)
    metrics.parked(consumer)
    exchange, queue = amqp.parked_topology(settings.queue_type)
    republish(settings, message, exchange, queue, queue_name, {
        "x-parked-reason": reason[:2000], "x-original-queue": queue_name,
        "x-parked-at": datetime.now(UTC).isoformat()})


def republish(settings, message, exchange, queue, routing_key, extra_headers):
    """The message again, as this process's user, keeping its first sender."""
    origin = identity.sender(message, settings.own_user)
    amqp.publish(
        settings.amqp_uri, message.body, exchange=exchange, routing_key=routing_key,
        headers={**(message.headers or {}), **extra_headers, identity.ORIGIN: origin or ""},
        declare=[exchange, queue], message_id=message.properties.get("message_id"),
        content_type=message.content_type, content_encoding=message.content_encoding)


class Verified:
    """Mixed into a consumer entrypoint: a message is believed only from the broker user of
    the party it claims to come from (chassis.identity); anything else is parked with
    reason ``unverified_sender``, acknowledged, and changes nothing. Also parking and
    retrying, which republish as this process's own user and keep the first sender in the
    ``x-origin-user`` header."""

    def verified(self, message, party):
        sender = identity.sender(message, self.settings.own_user)
        if sender == self.settings.user_of(party):
            return True
        self.park(message, f"{identity.UNVERIFIED}: published by {sender!r}, not by "
                           f"{party}'s broker user")
        self.queue_consumer.ack_message(message)
        return False

    def park(self, message, reason):
        park(self.settings, message, self.queue.name, self.consumer_name, reason)

    def _republish(self, message, exchange, queue, extra_headers):
        republish(self.settings, message, exchange, queue, self.queue.name, extra_headers)

    @property
    def consumer_name(self):
        return f"{self.container.service_name}.{self.method_name}"

    def declare_passively(self):
        """Another party's exchange, when it is another broker user's: declared by its owner
        (and by the broker's definitions), only looked up here — this user may not
        configure it, and needs not."""
        if self.settings.user_of(self.source_service) != self.settings.own_user:
            exchange = self.queue.exchange
            self.queue.exchange = Exchange(exchange.name, type=exchange.type,
                                           durable=exchange.durable, passive=True)


class BroadcastHandler(Verified, EventHandler):
    """nameko's broadcast handler (one queue per instance, nothing kept) on the chassis'
    queue consumer, believing only the source's user: ``@broadcast("gateway",
    "clock_set")``."""

    queue_consumer = SafeQueueConsumer()

    def setup(self):
        super().setup()
        self.settings = Settings.from_mapping(self.container.config)
        self.declare_passively()

    def handle_message(self, body, message):
        if self.verified(message, self.source_service):
            super().handle_message(body, message)


class Dispatcher(EventDispatcher):
    """nameko's event dispatcher, saying who sent what it publishes (``user_id``)."""

    def setup(self):
        self.options["user_id"] = Settings.from_mapping(self.container.config).own_user
        super().setup()


def broadcast(source, event_type):
    return BroadcastHandler.decorator(source, event_type, handler_type=BROADCAST,
                                      reliable_delivery=False)


class ChassisEventHandler(Verified, EventHandler):
    queue_consumer = SafeQueueConsumer()

    def setup(self):
        super().setup()
        self.settings = Settings.from_mapping(self.container.config)
        self.queue.queue_arguments = amqp.queue_arguments(self.settings.queue_type)
        self.declare_passively()

    def handle_message(self, body, message):
        if not self.verified(message, self.source_service):
            return
        try:
            event = load_event(body, self.source_service, self.event_type)
        except MalformedEvent as exc:
            self.park(message, str(exc))
            self.queue_consumer.ack_message(message)
            metrics.event_handled(self.container.service_name, self.event_type, "parked")
            return
        context_data = self.unpack_message_headers(message)
        context_data["correlation_id"] = event.correlation_id or ""
        try:
            self.container.spawn_worker(self, (event,), {}, context_data=context_data,
                                        handle_result=partial(self.handle_result, message))
        except ContainerBeingKilled:
            self.queue_consumer.requeue_message(message)

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        error = exc_info[1] if exc_info else None
        try:
            if error is None or isinstance(error, DuplicateEvent):
                outcome = "duplicate" if error else "handled"
            elif isinstance(error, UNRECOVERABLE) and not is_transient(error):
                self.park(message, f"{type(error).__name__}: {error}")
                outcome = "parked"
            else:
                outcome = self.retry_or_park(message, error)
        except Exception:  # cannot reach the broker to retry or park: let it redeliver
            log.exception("%s: could not retry or park; requeueing", self.consumer_name)
            self.queue_consumer.requeue_message(message)
            return result, exc_info
        if outcome in ("handled", "duplicate"):  # committed: a redelivery would be skipped
            self.queue_consumer.defer_ack(message)
        else:
            self.queue_consumer.ack_message(message)
        metrics.event_handled(self.container.service_name, self.event_type, outcome)
        return result, exc_info

    def retry_or_park(self, message, error):
        """``retried`` or ``parked``: what became of the message."""
        attempt = int(message.headers.get("x-attempts", 0)) + 1
        reason = f"{type(error).__name__}: {error}"
        if not is_transient(error) and attempt >= self.settings.max_attempts:
            self.park(message, f"failed {attempt} times; last: {reason}")
            return "parked"
        delay = amqp.retry_delay(attempt)
        log.warning("%s: attempt %d failed (%s); retrying in %ss",
                    self.consumer_name, attempt, reason, delay)
        exchange, queue = amqp.retry_topology(delay, self.settings.queue_type)
        self._republish(message, exchange, queue, {"x-attempts": attempt,
                                                   "x-last-error": reason[:500]})
        return "retried"


handle_event = ChassisEventHandler.decorator


class IntakeHandler(ChassisEventHandler):
    """Work handed in by outside systems: ``@handle_intake("document.received")`` consumes
    what is routed by that key on the ``xiaoneng.intake`` exchange, checked against
    contracts/intake.py, with the inbox, retries and parking of any event."""

    def __init__(self, message_type, **kwargs):
        super().__init__("intake", message_type, **kwargs)

    def setup(self):
        super().setup()  # an event handler's queue, replaced by the intake's
        self.queue = Queue(
            amqp.intake_queue_name(self.event_type, self.container.service_name,
                                   self.method_name),
            exchange=amqp.intake_exchange(), routing_key=self.event_type, durable=True,
            queue_arguments=amqp.queue_arguments(self.settings.queue_type))
        self.declare_passively()


handle_intake = IntakeHandler.decorator
