"""The HTTP gateway: REST + JSON under /api/v1, calling services over RPC."""

import logging
import time
import uuid

from marshmallow import ValidationError
from nameko.extensions import DependencyProvider
from nameko.timer import timer
from nameko.web.handlers import HttpRequestHandler

from chassis.calls import ServiceCalls
from chassis.clock import clock
from chassis.envelope import MalformedEvent, load_event
from chassis.events import Dispatcher, broadcast
from chassis.readiness import Readiness
from chassis.service import FollowsTestClock
from chassis.uow import AUDIT
from gateway import console, openapi
from gateway.dispatch import (
    Context,
    Router,
    authorise,
    check_address,
    client_address,
    parse_json,
    respond,
)
from gateway.errors import GatewayError, error_response, json_response, nosniff
from gateway.metrics import Metrics
from gateway.revocations import Revocations
from gateway.routes import ROUTES, clock_routes
from gateway.web import http

log = logging.getLogger("gateway")
CORRELATION_HEADER = "X-Correlation-Id"


class RequestContext:
    """What travels with a request's RPC calls (nameko sends ``worker_ctx.data`` on as
    context headers): its correlation id, and for a write its audit entry, which the
    service that commits the write records with it (chassis.uow)."""

    def __init__(self, worker_ctx):
        self.data = worker_ctx.data

    @property
    def correlation_id(self):
        return self.data["correlation_id"]

    def audit(self, request, actor, status, client):
        self.data[AUDIT] = {"actor_id": actor and actor["id"], "role": actor and actor["role"],
                            "method": request.method, "path": request.path[:500],
                            "status": status, "client": client[:64]}


class RequestLog(DependencyProvider):
    """Gives each request a correlation id that travels into RPC calls and events."""

    def get_dependency(self, worker_ctx):
        # Runs before any other worker hook, so RPC proxies see the id.
        if not isinstance(worker_ctx.entrypoint, HttpRequestHandler):
            return None
        request = worker_ctx.args[0]
        given = request.headers.get(CORRELATION_HEADER, "")
        valid = 0 < len(given) <= 64 and given.replace("-", "").isalnum()
        worker_ctx.data["correlation_id"] = given if valid else uuid.uuid4().hex
        request.environ["xiaoneng.started"] = time.monotonic()
        return RequestContext(worker_ctx)

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        if not isinstance(worker_ctx.entrypoint, HttpRequestHandler):
            return
        request = worker_ctx.args[0]
        status = getattr(result, "status_code", 500)
        elapsed = (time.monotonic() - request.environ["xiaoneng.started"]) * 1000
        # the correlation id is on the line already (chassis.logs)
        log.info("%s %s %s %.1fms", request.method, request.path, status, elapsed)


class GatewayService(FollowsTestClock):
    name = "gateway"
    call = ServiceCalls()
    context = RequestLog()
    dispatch_event = Dispatcher()
    metrics = Metrics()
    revocations = Revocations()
    readiness = Readiness()

    @http("GET", "/healthz")
    def healthz(self, request):
        return nosniff(json_response(200, {"status": "ok"}))

    @http("GET", "/readyz")
    def readyz(self, request):
        """This gateway's own readiness: its consumers (RPC replies, broadcasts) on a live
        broker connection, and the revocations loaded (until then it refuses signed-in
        routes). It asks no service: one slow service never takes every gateway out of
        rotation (the services' own readiness: ``python -m chassis.probe``)."""
        found = {"broker": "connected" if self.readiness.broker_connected()
                 else "not connected",
                 "revocations": "loaded" if self.revocations.loaded else "not loaded"}
        ready = found == {"broker": "connected", "revocations": "loaded"}
        return nosniff(json_response(200 if ready else 503, {
            "status": "ready" if ready else "not ready", **found}))

    @http("GET", "/metrics")
    def prometheus(self, request):
        """Only for the addresses in ``XIAONENG_METRICS_ALLOW``; to others it does not exist."""
        if client_address(request, self.settings.trusted_proxies) not in \
                self.settings.metrics_allow:
            return nosniff(error_response(GatewayError("not_found", "not_found",
                                                       f"no route GET {request.path}")))
        return nosniff(self.metrics.render())

    @http("GET", "/api/v1/openapi.json")
    def openapi_document(self, request):
        return nosniff(json_response(200, openapi.document(self._router().routes)))

    @http("GET", "/")
    def console_index(self, request):
        return nosniff(console.page(self.settings.console_dir, "", request))

    @http("GET,POST,PUT,PATCH,DELETE", "/<path:path>")
    def api(self, request, path):
        served = console.console_path(path) if request.method in ("GET", "HEAD") else None
        if served is not None:
            return nosniff(console.page(self.settings.console_dir, served, request))
        route = actor = None
        try:
            route, params = self._router().match(request)
            actor = authorise(route, self.settings, self.revocations, request)
            if route.method != "GET":  # what the service that commits the write records
                self.context.audit(request, actor, route.status,
                                   client_address(request, self.settings.trusted_proxies))
            # A bad body, path or query is refused before any service is called, whatever
            # the route reads.
            check_address(request, params)
            body = parse_json(request, self.settings.max_body_bytes) \
                if request.method in ("POST", "PUT", "PATCH") else None
            context = Context(request, params, actor, self.call, self.settings,
                              self.dispatch_event, self.revocations, body)
            response = respond(route, route.handler(context))
        except Exception as exc:
            if getattr(exc, "kind", None) is None and not isinstance(exc, ValidationError):
                log.exception("unexpected error on %s %s", request.method, request.path)
            response = error_response(exc)
        response.headers[CORRELATION_HEADER] = self.context.correlation_id
        self.metrics.observe(route, response.status_code,
                             time.monotonic() - request.environ["xiaoneng.started"])
        return nosniff(response)

    @broadcast("posts", "staff_changed")
    def on_staff_changed(self, body):
        """Someone left or changed their password: their older tokens stop at once."""
        try:
            self.revocations.learn(**load_event(body, "posts", "staff_changed").data)
        except MalformedEvent as exc:
            log.error("ignoring a malformed staff_changed: %s", exc)

    @timer(interval=0.25)
    def refresh_revocations(self):
        """The whole list from posts: as soon as it answers until it first loads, then
        every ``REFRESH`` seconds. (Not at once when the gateway starts: its reply queue may not
        be consuming yet, and a lost answer would hold the first load for a whole timeout.)"""
        if not self.revocations.due():
            return
        try:
            self.revocations.learn_all(self.call("posts", "revocations", timeout=3))
        except Exception as exc:  # posts away: keep what we know, try again
            log.warning("could not refresh revocations: %s", getattr(exc, "message", exc))

    @timer(interval=2)
    def rebroadcast_clock(self):
        """A service instance started after the clock was set catches up within 2 s."""
        if self.settings.test_clock and clock.set_at:
            self.dispatch_event("clock_set", clock.setting())

    def _router(self):
        return router(self.settings.test_clock)


_routers = {}


def router(test_clock):
    if test_clock not in _routers:
        _routers[test_clock] = Router(ROUTES + (clock_routes() if test_clock else []))
    return _routers[test_clock]
