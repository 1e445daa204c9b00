"""What every service exposes besides its own entrypoints, and what every process follows."""

from chassis.clock import clock
from chassis.config import SettingsProvider
from chassis.entrypoints import periodic, rpc
from chassis.events import broadcast


class FollowsTestClock:
    """Every process of a system, gateways too: the newest test-clock setting a gateway
    broadcast (``XIAONENG_TEST_CLOCK=1`` only)."""

    settings = SettingsProvider()

    @broadcast("gateway", "clock_set")
    def on_clock_set(self, setting):
        if self.settings.test_clock:
            clock.adopt(setting)


class ServiceBase(FollowsTestClock):
    """Subclasses set ``name`` and ``uow = UnitOfWork(...)``.

    - ``ping``: the gateway's readiness probe;
    - ``on_clock_set``: the test clock, broadcast to every instance;
    - ``relay_outbox``: publishes events a crash left in the outbox.
    """

    @rpc
    def ping(self):
        return {"service": self.name, "now": clock.now().isoformat()}

    @periodic("relay_interval")
    def relay_outbox(self):
        self.uow.provider.relay()
