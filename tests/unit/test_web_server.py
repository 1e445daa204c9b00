"""The gateway's HTTP server sends answers without Nagle's delay: with it, the body of an
answer longer than one segment waited 40 ms for the client's delayed ACK of its head."""

import socket

import eventlet

from gateway.web import ApiWebServer


def test_the_listening_socket_and_so_every_connection_has_tcp_nodelay():
    sock = eventlet.listen(("127.0.0.1", 0))
    try:
        assert not sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        ApiWebServer().get_wsgi_server(sock, lambda environ, start_response: [])
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        client = socket.create_connection(sock.getsockname())
        accepted, _ = sock.accept()
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)  # inherited
        client.close()
        accepted.close()
    finally:
        sock.close()
