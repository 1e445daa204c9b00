"""Prometheus metrics of a service process, served on its own port.

Every metric lives in prometheus-client's default registry, labelled by ``service``
(tests run several services in one process). A process serves them at
``http://XIAONENG_METRICS_ADDRESS:XIAONENG_METRICS_PORT/metrics`` once its first
service starts (port 0, the default: not served); the launcher gives each process a
port of its own.

What is counted costs no database query: workers are timed in memory, events counted
where their outcome is decided (chassis.events). The outbox backlog and the pool's
connections are read when Prometheus scrapes, once per scrape.
"""

import logging
import time
from datetime import UTC, datetime

import eventlet
import eventlet.wsgi
from nameko.events import EventHandler
from nameko.extensions import DependencyProvider
from nameko.rpc import Rpc
from nameko.timer import Timer
from prometheus_client import REGISTRY, Counter, Histogram, make_wsgi_app
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy.orm import Session

from chassis.config import Settings
from chassis.uow import UnitOfWork

log = logging.getLogger(__name__)
BUCKETS = (.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60)
OUTCOMES = ("handled", "retried", "parked", "duplicate")

EVENTS_HANDLED = Counter("xiaoneng_events_handled", "Events by what became of them.",
                         ["service", "type", "outcome"])
EVENT_SECONDS = Histogram("xiaoneng_event_handle_seconds", "Time to handle an event.",
                          ["service", "type"], buckets=BUCKETS)
RPC_SECONDS = Histogram("xiaoneng_rpc_seconds", "Time to answer an RPC.",
                        ["service", "method"], buckets=BUCKETS)
RPC_ERRORS = Counter("xiaoneng_rpc_errors", "RPCs answered with an error, by its kind "
                     "(internal: not a domain error).", ["service", "method", "kind"])
SCAN_SECONDS = Histogram("xiaoneng_scan_seconds", "Time a periodic entrypoint ran.",
                         ["service", "scan"], buckets=BUCKETS)
PARKED = Counter("xiaoneng_parked", "Messages set aside in xiaoneng.parked.", ["service"])


def event_handled(service, event_type, outcome):
    """Count an event by its outcome: one of :data:`OUTCOMES`."""
    EVENTS_HANDLED.labels(service, event_type, outcome).inc()


def parked(consumer):
    """Count a message parked by ``consumer`` (``service.method``)."""
    PARKED.labels(consumer.split(".")[0]).inc()


def timing(entrypoint):
    """The histogram an entrypoint's workers are timed in, and its second label."""
    if isinstance(entrypoint, EventHandler):
        return EVENT_SECONDS, entrypoint.event_type
    if isinstance(entrypoint, Rpc):
        return RPC_SECONDS, entrypoint.method_name
    if isinstance(entrypoint, Timer):
        return SCAN_SECONDS, entrypoint.method_name
    return None, None


class Databases:
    """Collects, at each scrape, the outbox backlog and pool use of every unit of work
    running in this process (:meth:`add` when a service starts)."""

    def __init__(self):
        self.units = {}  # service → its UnitOfWork

    def add(self, service, uow):
        self.units[service] = uow

    def discard(self, service, uow):
        if self.units.get(service) is uow:
            del self.units[service]

    def collect(self):
        unpublished = GaugeMetricFamily("xiaoneng_outbox_unpublished",
                                        "Outbox rows not yet published.", labels=["service"])
        oldest = GaugeMetricFamily("xiaoneng_outbox_oldest_seconds",
                                   "Age of the oldest unpublished outbox row.",
                                   labels=["service"])
        checked_out = GaugeMetricFamily("xiaoneng_db_pool_checked_out",
                                        "Database connections in use.", labels=["service"])
        pool_size = GaugeMetricFamily("xiaoneng_db_pool_size",
                                      "Connections the pool keeps.", labels=["service"])
        for service, uow in list(self.units.items()):
            pool = uow.engine.pool
            if hasattr(pool, "checkedout"):
                checked_out.add_metric([service], pool.checkedout())
                pool_size.add_metric([service], pool.size())
            try:
                count, age = backlog(uow)
            except Exception as exc:  # a database away: the other samples still count
                log.warning("metrics: could not read %s's outbox: %s", service, exc)
                continue
            unpublished.add_metric([service], count)
            oldest.add_metric([service], age)
        return [unpublished, oldest, checked_out, pool_size]


def backlog(uow):
    """How many outbox rows wait to be published, and the oldest one's age in seconds."""
    # chassis.operations is a service's RPC, whose entrypoints count here: import at use
    from chassis.operations import outbox_backlog

    with uow.lock, Session(uow.engine) as session:
        found = outbox_backlog(session, datetime.now(UTC))
    return found["outbox_unpublished"], found["outbox_oldest_seconds"]


databases = Databases()
REGISTRY.register(databases)
_servers = {}  # (address, port) → [green thread, services using it]


def serve(address, port):
    """Serve the registry at ``/metrics`` on ``address:port``, once per process."""
    key = (address, port)
    if key not in _servers:
        sock = eventlet.listen((address, port))
        thread = eventlet.spawn(eventlet.wsgi.server, sock, make_wsgi_app(),
                                log_output=False)
        _servers[key] = [thread, 0]
        log.info("metrics on http://%s:%d/metrics", address, port)
    _servers[key][1] += 1


def stop_serving(address, port):
    """The last service of the process using this port has stopped."""
    entry = _servers.get((address, port))
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] <= 0:
        del _servers[(address, port)]
        entry[0].kill()


class Metrics(DependencyProvider):
    """Times every worker of the service (events, RPCs, scans) and, when the service
    starts, serves this process's metrics and adds its unit of work to what a scrape
    reads. Not injected into the service: it only watches."""

    def setup(self):
        settings = Settings.from_mapping(self.container.config)
        self.address, self.port = settings.metrics_address, settings.metrics_port
        self.started = {}

    def start(self):
        for dependency in self.container.dependencies:
            if isinstance(dependency, UnitOfWork):
                databases.add(self.container.service_name, dependency)
        if self.port:
            try:
                serve(self.address, self.port)
            except OSError as exc:  # the service works on, unwatched
                log.error("metrics: cannot serve on %s:%s: %s", self.address, self.port, exc)
                self.port = 0

    def stop(self):
        for dependency in self.container.dependencies:
            databases.discard(self.container.service_name, dependency)
        if self.port:
            stop_serving(self.address, self.port)
            self.port = 0

    kill = stop  # a container killed stops serving too

    def worker_setup(self, worker_ctx):
        self.started[worker_ctx] = time.perf_counter()

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = self.started.pop(worker_ctx, None)
        histogram, name = timing(worker_ctx.entrypoint)
        if histogram is None or started is None:
            return
        service = worker_ctx.service_name
        histogram.labels(service, name).observe(time.perf_counter() - started)
        if histogram is RPC_SECONDS and exc_info is not None:
            RPC_ERRORS.labels(service, name, getattr(exc_info[1], "kind", "internal")).inc()

    def worker_teardown(self, worker_ctx):
        self.started.pop(worker_ctx, None)
