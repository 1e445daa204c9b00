"""Request counters for ``GET /metrics`` (Prometheus text format)."""

from collections import Counter

from nameko.extensions import DependencyProvider
from werkzeug.wrappers import Response


class RequestCounter:
    def __init__(self):
        self.requests = Counter()

    def observe(self, route, status):
        path = f"{route.method} /api/v1{route.path}" if route else "unmatched"
        self.requests[(path, status)] += 1

    def render(self):
        lines = ["# HELP xiaoneng_gateway_requests_total Requests by route and status.",
                 "# TYPE xiaoneng_gateway_requests_total counter"]
        for (path, status), count in sorted(self.requests.items()):
            lines.append(f'xiaoneng_gateway_requests_total{{route="{path}",status="{status}"}} '
                         f"{count}")
        return Response("\n".join(lines) + "\n", mimetype="text/plain; version=0.0.4")


class Metrics(DependencyProvider):
    def setup(self):
        self.counter = RequestCounter()

    def get_dependency(self, worker_ctx):
        return self.counter
