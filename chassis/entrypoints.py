"""RPC and timer entrypoints that know the chassis' errors and configuration."""

import inspect
import logging
import weakref

from marshmallow import ValidationError
from nameko.amqp.publish import Publisher
from nameko.constants import (
    AMQP_SSL_CONFIG_KEY,
    AMQP_URI_CONFIG_KEY,
    DEFAULT_SERIALIZER,
    LOGIN_METHOD_CONFIG_KEY,
    SERIALIZER_CONFIG_KEY,
)
from nameko.rpc import Responder, Rpc, RpcConsumer, get_rpc_exchange
from nameko.timer import Timer

from chassis import identity
from chassis.amqp import CONNECTION_ERRORS, TRANSIENT
from chassis.config import Settings
from chassis.errors import DomainError, ServiceError, Unavailable, validation_error
from chassis.events import SafeQueueConsumer, is_transient, park

log = logging.getLogger(__name__)


class ReplyPublisher(Publisher):
    """An RPC reply is transient and not confirmed. It is worth nothing after its caller's
    timeout, and a lost one ends the same way a confirmed one that failed would: the caller
    answers 503 and may try again. A confirm would hold the worker until the broker wrote
    the reply to disk or the caller acknowledged it. (Requests keep their confirms: with
    ``mandatory`` they tell at once that no service of that name exists.)"""

    use_confirms = False
    delivery_mode = TRANSIENT


class ReplyResponder(Responder):
    publisher_cls = ReplyPublisher


class ChassisRpcConsumer(RpcConsumer):
    queue_consumer = SafeQueueConsumer()

    def handle_result(self, message, result, exc_info):
        config = self.container.config
        responder = ReplyResponder(
            config[AMQP_URI_CONFIG_KEY], get_rpc_exchange(config),
            config.get(SERIALIZER_CONFIG_KEY, DEFAULT_SERIALIZER), message,
            ssl=config.get(AMQP_SSL_CONFIG_KEY), login_method=config.get(LOGIN_METHOD_CONFIG_KEY))
        result, exc_info = responder.send_response(result, exc_info)
        self.queue_consumer.ack_message(message)
        return result, exc_info


class ChassisRpc(Rpc):
    """An RPC method whose domain errors reach the caller as :class:`ServiceError`; a
    database or broker that is away reaches it as ``service_unavailable`` (worth trying
    again), not as an internal error.

    Only our own parties call it (chassis.identity): a method taking a person's ``actor``
    only from the gateway's broker user — only the gateway vouches for who someone is —,
    any other from the gateway or a service. A request from anyone else is parked with
    reason ``unverified_sender`` and never runs."""

    rpc_consumer = ChassisRpcConsumer()

    def __init__(self, **kwargs):
        kwargs.setdefault("expected_exceptions", (DomainError, ValidationError, ServiceError))
        super().__init__(**kwargs)

    def setup(self):
        super().setup()
        self.settings = Settings.from_mapping(self.container.config)
        method = getattr(self.container.service_cls, self.method_name)
        names = list(inspect.signature(method).parameters)[1:2]
        callers = ("gateway",) if names == ["actor"] else ("gateway", *identity.services())
        self.callers = {self.settings.user_of(party) for party in callers}

    def handle_message(self, body, message):
        sender = identity.sender(message, self.settings.own_user)
        if sender in self.callers:
            return super().handle_message(body, message)
        park(self.settings, message, self.rpc_consumer.queue.name,
             f"{self.container.service_name}.{self.method_name}",
             f"{identity.UNVERIFIED}: an RPC published by {sender!r}")
        self.rpc_consumer.queue_consumer.ack_message(message)

    def handle_result(self, message, worker_ctx, result, exc_info):
        if exc_info is not None:
            error = exc_info[1]
            if isinstance(error, ValidationError):
                error = validation_error(error.messages)
            elif is_transient(error) and not isinstance(error, DomainError):
                error = Unavailable(f"{worker_ctx.service_name} could not reach what it "
                                    f"needs ({type(error).__name__}); try again",
                                    {"service": worker_ctx.service_name})
            if isinstance(error, DomainError):
                wire = ServiceError.from_domain(error)
                exc_info = (ServiceError, wire, exc_info[2])
        try:
            return super().handle_result(message, worker_ctx, result, exc_info)
        except CONNECTION_ERRORS as exc:
            # nameko would let this kill the whole service. The broker is away: the caller
            # times out, and the request (unacknowledged) is delivered again once it is back.
            log.warning("%s: could not send the reply (%s); the request will be delivered "
                        "again", worker_ctx.entrypoint.method_name, exc)
            return result, exc_info


class Periodic(Timer):
    """A timer whose interval is a :class:`Settings` field, read when the service starts.

    It counts the runs it finished without an error (``completed``), and the timers
    running in this process are in ``Periodic.running``: that a scan found nothing to
    report is only worth knowing once a run that started after the fact has finished.
    """

    running = weakref.WeakSet()

    def __init__(self, setting, **kwargs):
        self.setting = setting
        self.completed = 0
        super().__init__(interval=0, **kwargs)

    def setup(self):
        self.interval = getattr(Settings.from_mapping(self.container.config), self.setting)
        super().setup()

    def start(self):
        Periodic.running.add(self)
        super().start()

    def stop(self):
        Periodic.running.discard(self)
        super().stop()

    def kill(self):
        Periodic.running.discard(self)
        super().kill()

    def handle_result(self, worker_ctx, result, exc_info):
        if exc_info is None:
            self.completed += 1
        return super().handle_result(worker_ctx, result, exc_info)


rpc = ChassisRpc.decorator
periodic = Periodic.decorator
