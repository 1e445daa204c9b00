"""What every service exposes besides its own entrypoints."""

from chassis.clock import clock
from chassis.config import SettingsProvider
from chassis.entrypoints import periodic, rpc
from chassis.events import broadcast


class ServiceBase:
    """Subclasses set ``name`` and ``uow = UnitOfWork(...)``.

    - ``ping``: the gateway's readiness probe;
    - ``on_clock_set``: the test clock, broadcast to every instance;
    - ``relay_outbox``: publishes events a crash left in the outbox.
    """

    settings = SettingsProvider()

    @rpc
    def ping(self):
        return {"service": self.name, "now": clock.now().isoformat()}

    @broadcast("gateway", "clock_set")
    def on_clock_set(self, setting):
        if self.settings.test_clock:
            clock.adopt(setting)

    @periodic("relay_interval")
    def relay_outbox(self):
        self.uow.provider.relay()
