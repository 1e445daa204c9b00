"""Calling another service over RPC, with a timeout instead of waiting forever."""

import time

import eventlet
from nameko.exceptions import UnknownService
from nameko.extensions import DependencyProvider
from nameko.rpc import ReplyListener, ServiceProxy

from chassis.amqp import CONNECTION_ERRORS, TRANSIENT
from chassis.config import Settings
from chassis.errors import Unavailable
from chassis.events import SafeQueueConsumer


class SafeReplyListener(ReplyListener):
    queue_consumer = SafeQueueConsumer()


class ServiceCalls(DependencyProvider):
    """``call(service, method, *args, timeout=None)``; a silent service, or a broker that
    cannot be reached, raises Unavailable within the timeout (publishing included: kombu
    would otherwise retry the connection on its own schedule).

    The worker's context (the correlation id) travels with the call.
    """

    reply_listener = SafeReplyListener()
    # A short retry of the publish for a blip; a broker that is away is noticed once, and
    # for a second every call fails at once instead of queueing behind the first.
    PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.3,
                     "interval_max": 0.5}
    BROKER_AWAY = 1.0

    def setup(self):
        settings = Settings.from_mapping(self.container.config)
        self.timeout, self.user = settings.rpc_timeout, settings.own_user
        self.broker_away_until = 0.0

    def get_dependency(self, worker_ctx):
        def call(service, method, *args, timeout=None):
            if time.monotonic() < self.broker_away_until:
                raise Unavailable("the message broker is unreachable", {"service": service})
            # A request is worth nothing after its caller's timeout, so it is TRANSIENT: the
            # broker confirms it without writing it to disk first; one lost to a broker
            # restart is answered 503 by that timeout.
            # ``user_id``: the broker checks it, the service believes it (chassis.identity)
            proxy = ServiceProxy(worker_ctx, service, self.reply_listener,
                                 retry_policy=self.PUBLISH_RETRY, delivery_mode=TRANSIENT,
                                 user_id=self.user)
            try:
                with eventlet.Timeout(timeout or self.timeout):
                    return getattr(proxy, method).call_async(*args).result()
            except eventlet.Timeout:
                raise Unavailable(f"the {service} service did not answer in time",
                                  {"service": service}) from None
            except UnknownService:  # no instance has its queue: it is away
                raise Unavailable(f"the {service} service is not running",
                                  {"service": service}) from None
            except CONNECTION_ERRORS as exc:
                self.broker_away_until = time.monotonic() + self.BROKER_AWAY
                raise Unavailable(f"the message broker is unreachable: {exc}",
                                  {"service": service}) from None
        return call
