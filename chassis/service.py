"""What every service exposes besides its own entrypoints, and what every process follows."""

from nameko.timer import timer

from chassis import retention
from chassis.clock import clock
from chassis.config import SettingsProvider
from chassis.entrypoints import periodic, rpc
from chassis.events import broadcast
from chassis.logs import LogContext
from chassis.metrics import Metrics
from chassis.operations import Operated
from chassis.readiness import HEARTBEAT, Readiness


class FollowsTestClock:
    """Every process of a system, gateways too: the newest test-clock setting a gateway
    broadcast (``XIAONENG_TEST_CLOCK=1`` only); and the correlation id and event on every
    log line a worker writes."""

    settings = SettingsProvider()
    log_context = LogContext()

    @broadcast("gateway", "clock_set")
    def on_clock_set(self, setting):
        if self.settings.test_clock:
            clock.adopt(setting)


class ServiceBase(Operated, FollowsTestClock):
    """Subclasses set ``name`` and ``uow = UnitOfWork(...)``.

    - ``ping``: whether an instance answers at all (tests, operators);
    - ``status``, ``replay_parked``: for operators (chassis.operations);
    - ``on_clock_set``: the test clock, broadcast to every instance;
    - ``relay_outbox``: publishes events a crash left in the outbox;
    - ``heartbeat``: tells ``python -m chassis.probe`` this process is ready;
    - ``forget_old_messages``: deletes old published outbox rows and inbox ids;
    - ``metrics``: times every worker and serves the process's metrics.
    """

    metrics = Metrics()
    readiness = Readiness()

    @rpc
    def ping(self):
        return {"service": self.name, "now": clock.now().isoformat()}

    @periodic("relay_interval")
    def relay_outbox(self):
        self.uow.provider.relay()

    @timer(interval=retention.INTERVAL)
    def forget_old_messages(self):
        provider = self.uow.provider
        retention.forget(provider.engine, provider.lock, self.settings.retention_days)

    @timer(interval=HEARTBEAT, eager=True)
    def heartbeat(self):
        self.readiness.beat(self.uow.provider.engine)
