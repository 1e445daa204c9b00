"""The audit trail's entries (审计留痕): every successful write through the gateway, raised as
``gateway.write_recorded`` and kept by accountability.

Published in the background, so a request does not wait for the broker. The gateway keeps
no database, hence no outbox: an entry the broker did not confirm (after one more try on a
new connection) is logged as missing at ERROR, with what it said.
"""

import json
import logging

from nameko.extensions import DependencyProvider

from chassis import amqp
from chassis.clock import clock
from chassis.config import Settings
from chassis.envelope import make_event

log = logging.getLogger(__name__)


class AuditTrail(DependencyProvider):
    """``record(entry, correlation_id)`` with the fields of the ``write_recorded`` contract."""

    def setup(self):
        self.queue = amqp.PublishingQueue(
            Settings.from_mapping(self.container.config).amqp_uri, self._settled)

    def start(self):
        self.container.spawn_managed_thread(self.queue.run)

    def stop(self):
        self.queue.flush()

    def get_dependency(self, worker_ctx):
        return self.record

    def record(self, entry, correlation_id):
        event = make_event("gateway", "write_recorded", entry, now=clock.now(),
                           correlation_id=correlation_id)
        self.queue.put(amqp.Outgoing.envelope(event, json.dumps(event, ensure_ascii=False)))

    @staticmethod
    def _settled(_recorded, missing, error):
        for message in missing:
            log.error("audit: an entry is missing, the broker did not take it (%s): %s",
                      error, message.body)
