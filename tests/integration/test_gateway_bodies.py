"""Every write route refuses a body that cannot be stored, and every route a path or query
that cannot, before any service is called.

The gateway runs alone here: a body that got past it would wait for a service that
is not there and come back 503, not 400.
"""

import re

import pytest

from chassis.config import Settings
from contracts.posts import ROLES
from gateway.auth import issue_token
from gateway.service import GatewayService, router
from tests.api import Api
from tests.helpers import free_port

WRITES = [r for r in router(test_clock=True).routes if r.method in ("POST", "PUT")]
BAD_BODIES = {
    "invalid_text": '{"title": "\\ud800", "reason": "x"}',  # a lone surrogate
    "malformed_json": '{"title": ',
}


@pytest.fixture
def gateway(runner_factory, service_config):
    port = free_port()
    config = service_config(WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
                            XIAONENG_GATEWAY_PORT=str(port), XIAONENG_RPC_TIMEOUT="2",
                            XIAONENG_TEST_CLOCK="1", XIAONENG_SERVICES="posts")
    runner_factory(config, GatewayService).start()
    settings = Settings.from_mapping(config)
    tokens = {role: issue_token(settings, {"id": f"id-{role}", "role": role})["access_token"]
              for role in ROLES}
    return Api(f"http://127.0.0.1:{port}"), tokens


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
