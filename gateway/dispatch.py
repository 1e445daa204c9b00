"""Routing a request: match, authenticate, check the role, parse the body, call, respond.

Routes are data (:mod:`gateway.routes`): the same table drives dispatch and the
OpenAPI document. A wrong role is refused before any lookup.
"""

import json
from dataclasses import dataclass

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Response

from contracts import storable
from contracts.posts import ROLES
from gateway.auth import actor_from_header
from gateway.errors import GatewayError, json_response

PUBLIC = None  # no token needed
ANY = ROLES


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # OpenAPI style, under /api/v1: "/posts/{id}"
    roles: tuple | None
    handler: object  # (Context) -> result
    summary: str = ""
    body: type | None = None  # marshmallow schemas, for OpenAPI
    response: type | None = None
    many: bool = False
    status: int = 200
    query: object = None  # the marshmallow schema of its query parameters, for OpenAPI
    sheet: object = None  # its list as an Excel workbook too (gateway.exports)

    @property
    def rule(self):
        return "/api/v1" + self.path.replace("{", "<").replace("}", ">")


@dataclass
class Context:
    """What a route's handler sees."""

    request: object
    params: dict
    actor: dict | None
    call: object  # call(service, method, *args)
    settings: object
    dispatch_event: object
    revocations: object
    _body: object = None
    _query: dict | None = None  # the query string as read, unless a handler rewrote it

    @property
    def body(self):
        if self._body is None:
            self._body = parse_json(self.request, self.settings.max_body_bytes)
        return self._body

    @property
    def query(self):
        return self.request.args.to_dict() if self._query is None else self._query

    def input(self, name):
        """``actor``, ``body``, ``query``, ``client`` (its address) or a path parameter."""
        if name in ("actor", "body", "query"):
            return getattr(self, name)
        if name == "client":
            return client_address(self.request, self.settings.trusted_proxies)
        return self.params[name]


def client_address(request, trusted_proxies):
    """Who is asking, for rate limits: the peer, unless the peer is a trusted proxy — then
    the nearest address in ``X-Forwarded-For`` that is not itself a trusted proxy. A
    client cannot name itself: what it writes there counts only behind our own proxies."""
    address = request.remote_addr or "unknown"
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
    while address in trusted_proxies and forwarded and forwarded[-1]:
        address = forwarded.pop()[:64]
    return address


MAX_DEPTH = 32  # JSON nested deeper than this is refused: no body of ours needs it


def parse_json(request, limit):
    """The body as a JSON object whose every string can be stored, or a 413 (over ``limit``
    bytes: by its Content-Length, before reading, or while reading), a 415 (not sent as
    JSON: a page elsewhere cannot post a "simple" form or text body for a visitor) or a
    400 — before anything parses or stores it."""
    if (request.content_length or 0) > limit:
        raise too_large(limit)
    data = body_stream(request).read(limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    if data.strip() and request.mimetype != "application/json":
        raise GatewayError("unsupported_media_type", "unsupported_media_type",
                           "send the body as JSON (Content-Type: application/json)",
                           {"content_type": request.mimetype})
    try:
        body = json.loads(data or b"{}")
    except (ValueError, RecursionError) as exc:
        raise GatewayError("bad_request", "malformed_json", f"the body is not JSON: {exc}") \
            from None
    if not isinstance(body, dict):
        raise GatewayError("bad_request", "invalid_body", "the body must be a JSON object")
    if depth(body) > MAX_DEPTH:
        raise GatewayError("bad_request", "invalid_body",
                           f"the body is nested deeper than {MAX_DEPTH} levels")
    refuse_unstorable(body, "body")
    return body


def body_stream(request):
    """werkzeug reads nothing of a body sent without a length unless the server says it
    ends the stream itself; eventlet's server does (it decodes chunks) without saying so."""
    if request.content_length is None and \
            "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        return request.environ["wsgi.input"]
    return request.stream


def too_large(limit):
    return GatewayError("payload_too_large", "body_too_large",
                        f"the body is larger than {limit} bytes", {"limit": limit})


def depth(value):
    """How deeply objects and arrays nest in ``value`` (a scalar: 0)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            pending.extend((v, level + 1)
                           for v in (value.values() if isinstance(value, dict) else value))
    return deepest


def check_address(request, params):
    """Path parameters and the query string, like a body: a text no database stores is a
    400 before any service is called (PostgreSQL refuses NUL; it would be a 500)."""
    refuse_unstorable(params, "path")
    refuse_unstorable({k: request.args.getlist(k) for k in request.args}, "query")


def refuse_unstorable(value, where):
    """A 400 naming where ``value`` holds a string no database stores (a lone surrogate
    such as ``"\\ud800"``, or NUL)."""
    pending = [(value, where)]
    while pending:
        value, where = pending.pop()
        if isinstance(value, dict):
            pending.extend((k, f"{where}.{k!r} (key)") for k in value)
            pending.extend((v, f"{where}.{k}") for k, v in value.items())
        elif isinstance(value, list):
            pending.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
        elif isinstance(value, str) and not storable(value):
            raise GatewayError("bad_request", "invalid_text",
                               "a text is not valid Unicode or holds a NUL character",
                               {"at": where})


class Router:
    def __init__(self, routes):
        self.routes = routes
        self.map = Map([Rule(r.rule, methods=[r.method], endpoint=r) for r in routes],
                       strict_slashes=False)

    def match(self, request):
        adapter = self.map.bind_to_environ(request.environ)
        try:
            return adapter.match()
        except (NotFound, MethodNotAllowed):
            raise GatewayError("not_found", "not_found",
                               f"no route {request.method} {request.path}") from None


def authorise(route, settings, revocations, request):
    if route.roles is PUBLIC:
        return None
    actor = actor_from_header(settings, revocations, request.headers.get("Authorization"))
    if not lets_through(route, actor["role"]):
        raise GatewayError("forbidden", "wrong_role",
                           f"this needs one of the roles {', '.join(route.roles)}",
                           {"role": actor["role"], "allowed": list(route.roles)})
    return actor


def lets_through(route, role):
    """Whether a signed-in caller of ``role`` passes the route's role check (GET /me lists
    what they may do by it)."""
    return route.roles is PUBLIC or role in route.roles


def respond(route, result):
    if isinstance(result, Response):  # a page, not JSON
        return result
    return json_response(route.status, result)
