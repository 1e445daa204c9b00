"""The gateway's request metrics, served with the process's registry at ``GET /metrics``
(Prometheus text format, to ``XIAONENG_METRICS_ALLOW``) and, where
``XIAONENG_METRICS_PORT`` is set (Kubernetes: Prometheus scrapes every pod on one port),
on that port as the services serve theirs."""

from nameko.extensions import DependencyProvider
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from werkzeug.wrappers import Response

from chassis.config import Settings
from chassis.metrics import BUCKETS, serve, stop_serving

REQUESTS = Counter("xiaoneng_http_requests", "Requests by route and status.",
                   ["route", "status"])
REQUEST_SECONDS = Histogram("xiaoneng_http_request_seconds", "Time to answer a request.",
                            ["route"], buckets=BUCKETS)


class RequestCounter:
    def observe(self, route, status, seconds):
        """One answered request; ``route`` None when no route matched."""
        path = f"{route.method} /api/v1{route.path}" if route else "unmatched"
        REQUESTS.labels(path, str(status)).inc()
        REQUEST_SECONDS.labels(path).observe(seconds)

    def render(self):
        return Response(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)


class Metrics(DependencyProvider):
    def setup(self):
        self.counter = RequestCounter()
        settings = Settings.from_mapping(self.container.config)
        self.address, self.port = settings.metrics_address, settings.metrics_port

    def start(self):
        if self.port:
            serve(self.address, self.port)

    def stop(self):
        if self.port:
            stop_serving(self.address, self.port)
            self.port = 0

    kill = stop

    def get_dependency(self, worker_ctx):
        return self.counter
