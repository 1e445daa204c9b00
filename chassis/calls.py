"""Calling another service over RPC, with a timeout instead of waiting forever."""

import eventlet
from nameko.extensions import DependencyProvider
from nameko.rpc import ReplyListener, ServiceProxy

from chassis.config import Settings
from chassis.errors import Unavailable


class ServiceCalls(DependencyProvider):
    """``call(service, method, *args, timeout=None)``; a silent service raises Unavailable.

    The worker's context (the correlation id) travels with the call.
    """

    reply_listener = ReplyListener()

    def setup(self):
        self.timeout = Settings.from_mapping(self.container.config).rpc_timeout

    def get_dependency(self, worker_ctx):
        def call(service, method, *args, timeout=None):
            proxy = ServiceProxy(worker_ctx, service, self.reply_listener)
            reply = getattr(proxy, method).call_async(*args)
            try:
                with eventlet.Timeout(timeout or self.timeout):
                    return reply.result()
            except eventlet.Timeout:
                raise Unavailable(f"the {service} service did not answer in time",
                                  {"service": service}) from None
        return call
