"""The gateway's request metrics, served with the process's registry at ``GET /metrics``
(Prometheus text format)."""

from nameko.extensions import DependencyProvider
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from werkzeug.wrappers import Response

from chassis.metrics import BUCKETS

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

    def get_dependency(self, worker_ctx):
        return self.counter
