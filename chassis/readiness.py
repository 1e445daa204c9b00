"""A process's own readiness, which no other process's can spoil.

A service is ready while its consumers hold a live broker connection and its database
answers; a timer (``ServiceBase.heartbeat``) then touches a file that
``python -m chassis.probe <service>`` finds fresh (Kubernetes' exec probes). A gateway is
ready while its consumers (RPC replies, broadcasts) hold a live broker connection and it
has loaded the revocations (``/readyz``). Neither asks another service: one slow service
never takes the others, or every gateway, out of rotation.
"""

import logging

import sqlalchemy as sa
from nameko.extensions import DependencyProvider

from chassis import probe
from chassis.events import SafeQueueConsumer

log = logging.getLogger(__name__)
HEARTBEAT = 5  # seconds between beats; the probe allows several missed


class Readiness(DependencyProvider):
    """Gives workers itself: ``broker_connected()`` and ``beat(engine)``."""

    def setup(self):
        self.data_dir = self.container.config.get("XIAONENG_DATA_DIR", "var")

    def get_dependency(self, worker_ctx):
        return self

    def broker_connected(self) -> bool:
        consumers = [e for e in self.container.extensions if isinstance(e, SafeQueueConsumer)]
        return bool(consumers) and all(c.connected for c in consumers)

    def beat(self, engine) -> bool:
        """Touch this service's heartbeat file if it is ready; whether it was."""
        if not self.broker_connected():
            return False
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means: not ready
            log.warning("not ready: the database does not answer: %s", exc)
            return False
        probe.touch(self.data_dir, self.container.service_name)
        return True
