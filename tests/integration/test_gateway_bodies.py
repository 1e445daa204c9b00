"""Every write route refuses a body that cannot be stored, is too large, is not sent as JSON
or nests too deeply, and every route a path or query that cannot be stored, before any
service is called.

The gateway runs with posts alone (which it needs to know revoked tokens): a body that got
past it to any other service would wait for a service that is not there and come back 503,
not 400.
"""

import re
import socket

import pytest

from chassis.config import Settings
from contracts.posts import ROLES
from gateway.auth import issue_token
from gateway.service import GatewayService, router
from services.posts.service import PostsService
from tests.api import Api, error
from tests.helpers import free_port, wait_until

WRITES = [r for r in router(test_clock=True).routes if r.method in ("POST", "PUT")]
BAD_BODIES = {
    "invalid_text": '{"title": "\\ud800", "reason": "x"}',  # a lone surrogate
    "malformed_json": '{"title": ',
}


@pytest.fixture
def gateway(runner_factory, service_config):
    port = free_port()
    config = service_config("posts", WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
                            XIAONENG_GATEWAY_PORT=str(port), XIAONENG_RPC_TIMEOUT="2",
                            XIAONENG_TEST_CLOCK="1", XIAONENG_SERVICES="posts")
    runner_factory(config, PostsService).start()
    runner_factory(config, GatewayService).start()
    api = Api(f"http://127.0.0.1:{port}")
    wait_until(lambda: api.request("GET", "/readyz").status_code == 200)
    settings = Settings.from_mapping(config)
    tokens = {role: issue_token(settings, {"id": f"id-{role}", "role": role})["access_token"]
              for role in ROLES}
    return api, tokens


def test_every_write_route_refuses_text_that_cannot_be_stored(gateway):
    api, tokens = gateway
    answers = {}
    for route in WRITES:
        token = tokens[route.roles[0]] if route.roles else None
        path = "/api/v1" + re.sub(r"\{\w+\}", "x", route.path)
        for code, body in BAD_BODIES.items():
            response = api.request(route.method, path, token, data=body.encode(),
                                   headers={"Content-Type": "application/json"})
            answers[(route.method, route.path, code)] = (
                response.status_code, response.json()["error"]["code"])
    wrong = {k: v for k, v in answers.items() if v != (400, k[2])}
    assert wrong == {}
    assert len(answers) == 2 * len(WRITES) >= 80


def test_a_nul_character_is_refused_too(gateway):
    api, tokens = gateway
    response = api.request("POST", "/api/v1/leave-notices", tokens["staff"],
                           json={"reason": "a\u0000b"})
    assert (response.status_code, response.json()["error"]["code"],
            response.json()["error"]["details"]) == (400, "invalid_text", {"at": "body.reason"})


@pytest.mark.parametrize("path, where", [
    ("/api/v1/leave-notices?approver_id=a%00b", "query.approver_id[0]"),
    ("/api/v1/leave-notices?status=filed&staff_id=x&staff_id=%00", "query.staff_id[1]"),
    ("/api/v1/leave-notices/a%00b", "path.id"),
])
def test_a_nul_in_the_path_or_query_is_refused_before_any_service_is_called(
        gateway, path, where):
    api, tokens = gateway
    response = api.request("GET", path, tokens["staff"])
    assert (response.status_code, response.json()["error"]["code"],
            response.json()["error"]["details"]) == (400, "invalid_text", {"at": where})


def test_a_body_over_the_limit_is_413_before_it_is_read_whole(gateway):
    api, _ = gateway
    huge = b"[" + b"{}," * (3 * 1024 * 1024 // 3) + b"{}]"  # 3 MiB of empty objects
    response = api.request("POST", "/api/v1/auth/token", data=huge,
                           headers={"Content-Type": "application/json"})
    assert error(response) == (413, "body_too_large")

    # announced, not sent: the answer comes from the Content-Length alone (no timing: the
    # rest of the body never arrives, so an answer at all means nothing waited for it)
    host, port = api.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(b"POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\n"
                           b"Content-Type: application/json\r\n"
                           b"Content-Length: 3145728\r\n\r\n[{},")
        assert connection.recv(64).startswith(b"HTTP/1.1 413")

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(3 * 1024):
            yield b" " * 1024
    response = api.request("POST", "/api/v1/auth/token", data=chunks(),
                           headers={"Content-Type": "application/json"})
    assert error(response) == (413, "body_too_large")


def test_a_body_not_sent_as_json_is_415_so_no_other_site_can_post_a_simple_form(gateway):
    api, _ = gateway
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        response = api.request("POST", "/api/v1/public/complaints",
                               data=b'{"category": "other", "description": "x"}',
                               headers={"Content-Type": content_type} if content_type else {})
        assert error(response) == (415, "unsupported_media_type"), content_type


def nested(levels):
    return "{" + '"a": {' * (levels - 1) + "}" * levels


def test_json_nested_deeper_than_32_levels_is_400(gateway):
    api, tokens = gateway
    for levels, expected in ((33, (400, "invalid_body")), (5000, (400, "malformed_json"))):
        response = api.request("POST", "/api/v1/auth/token", data=nested(levels).encode(),
                               headers={"Content-Type": "application/json"})
        assert error(response) == expected, levels
    # 32 levels pass the gateway: posts refuses the shape, not the gateway the nesting
    response = api.request("POST", "/api/v1/auth/token", data=nested(32).encode(),
                           headers={"Content-Type": "application/json"})
    assert error(response) == (422, "validation_error")
