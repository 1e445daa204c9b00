"""nameko's HTTP entrypoint, but the server's own refusals — a URL no rule matches (one
holding a newline, say) or a method no rule takes — answer in the API's JSON error shape
with ``nosniff``, like every other response, instead of werkzeug's HTML page; and an
answer is sent without Nagle's delay (``TCP_NODELAY``)."""

import socket

from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Request

from gateway.errors import GatewayError, error_response, nosniff


def refusal(request, exc):
    kind = "method_not_allowed" if isinstance(exc, MethodNotAllowed) else "not_found"
    return nosniff(error_response(GatewayError(kind, kind, f"no route {request.method} "
                                                           f"{request.path!r}")))


class ApiWsgiApp(WsgiApp):
    def __call__(self, environ, start_response):
        request = Request(environ, shallow=True)
        try:
            provider, request.path_values = self.url_map.bind_to_environ(environ).match()
            response = provider.handle_request(request)
        except HTTPException as exc:
            response = refusal(request, exc)
        return response(environ, start_response)


class ApiWebServer(WebServer):
    def get_wsgi_app(self):
        return ApiWsgiApp(self)

    def get_wsgi_server(self, sock, wsgi_app, **kwargs):
        # eventlet writes an answer's head and body apart; with Nagle's algorithm the body
        # waited for the client's delayed ACK of the head: 40 ms on every answer over one
        # segment (a page of a list). Accepted connections inherit the option on Linux.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return super().get_wsgi_server(sock, wsgi_app, **kwargs)


class ApiHttpHandler(HttpRequestHandler):
    server = ApiWebServer()


http = ApiHttpHandler.decorator
