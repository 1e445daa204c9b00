"""What an operator reads from a running system: every process's metrics, JSON log lines."""

import json

import pytest
import requests

from tests.api import V1, Api
from tests.helpers import wait_until
from tests.system_fixtures import running, system_environ


@pytest.fixture(scope="module")
def system(vhost, e2e_databases, tmp_path_factory):
    environ = system_environ(vhost, e2e_databases, tmp_path_factory.mktemp("xiaoneng"),
                             XIAONENG_LOG_FORMAT="json")
    with running(environ) as system:
        yield system


def test_every_process_serves_its_own_metrics(system):
    Api(system.url).login("admin", "admin")  # the gateway asks posts
    texts = {name: requests.get(url, timeout=5).text
             for name, url in system.metrics_urls.items()}
    assert 'xiaoneng_http_requests_total{route="POST /api/v1/auth/token"' in texts["gateway"]
    assert 'xiaoneng_rpc_seconds_count{method="authenticate",service="posts"}' in texts["posts"]
    for service in system.settings.services:
        assert f'xiaoneng_outbox_unpublished{{service="{service}"}}' in texts[service]
        assert f'xiaoneng_db_pool_checked_out{{service="{service}"}}' in texts[service]


def test_log_lines_are_json_and_a_request_s_line_carries_its_correlation_id(system):
    Api(system.url).request("GET", f"{V1}/public/signage",
                            headers={"X-Correlation-Id": "trace-e2e-1"})

    def gateway_line():
        for text in (system.log_dir / "gateway.log").read_text().splitlines():
            if "trace-e2e-1" in text:
                return json.loads(text)
        return None
    line = wait_until(gateway_line, message="the request's log line")
    assert line["correlation_id"] == "trace-e2e-1"
    assert (line["service"], line["instance"]) == ("gateway", "gateway")
    # (Python's own warnings go to stderr as text, not through logging)
    posts = [json.loads(text) for text in (system.log_dir / "posts.log").read_text()
             .splitlines() if text.startswith("{")]
    assert any(line["message"].startswith("Connected to amqp") for line in posts)
    assert {(line["service"], line["instance"]) for line in posts} == {("posts", "posts")}
