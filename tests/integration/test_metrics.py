"""A service's own /metrics: what it handled, answered and holds, as Prometheus reads it."""

import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.helpers import free_port, publish_event, rpc, staff_changed, wait_until
from tests.integration.toy import service as toy


def scrape(port):
    text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


def outcomes(port):
    samples = scrape(port)
    return {outcome: value(samples, "xiaoneng_events_handled_total", service="toy",
                           type="staff_changed", outcome=outcome)
            for outcome in ("handled", "duplicate", "parked")}


def test_a_service_serves_what_it_handled_answered_and_holds(runner_factory, service_config):
    toy.behaviour.update(transient_failures=0, reject={"坏人"}, attempts=0, crash=False)
    port = free_port()
    config = service_config("toy", XIAONENG_METRICS_PORT=str(port))
    runner_factory(config, toy.ToyConsumer).start()
    before = outcomes(port)  # counters live as long as the process: this test's share
    event = staff_changed("李四")
    for body in (event, event, staff_changed("坏人")):
        publish_event(config["AMQP_URI"], body)

    moved = wait_until(lambda: (now := outcomes(port)) and all(
        now[k] - before[k] == 1 for k in now) and now)
    assert moved == {k: before[k] + 1 for k in before}
    with rpc(config, "toy") as proxy:
        proxy.applied()
    samples = scrape(port)
    assert value(samples, "xiaoneng_rpc_seconds_count", service="toy", method="applied") >= 1
    assert value(samples, "xiaoneng_event_handle_seconds_count", service="toy",
                 type="staff_changed") >= 3
    assert value(samples, "xiaoneng_parked_total", service="toy") >= 1
    assert ("xiaoneng_outbox_unpublished", (("service", "toy"),)) in samples
    assert ("xiaoneng_outbox_oldest_seconds", (("service", "toy"),)) in samples
    assert ("xiaoneng_db_pool_checked_out", (("service", "toy"),)) in samples
    wait_until(lambda: value(scrape(port), "xiaoneng_scan_seconds_count", service="toy",
                             scan="relay_outbox") >= 1, message="the relay's run timed")


def test_a_gateway_given_a_metrics_port_serves_its_requests_there_to_any_scraper(
        runner_factory, service_config):
    """Kubernetes scrapes every pod on XIAONENG_METRICS_PORT; the gateway's own /metrics
    answers only XIAONENG_METRICS_ALLOW."""
    from gateway.service import GatewayService
    from services.posts.service import PostsService

    port, metrics_port = free_port(), free_port()
    config = service_config("posts", WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
                            XIAONENG_GATEWAY_PORT=str(port), XIAONENG_SERVICES="posts")
    runner_factory(config, PostsService).start()  # serving no metrics of its own
    runner_factory({**config, "XIAONENG_METRICS_PORT": str(metrics_port)},
                   GatewayService).start()
    wait_until(lambda: requests.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
               .status_code == 200)
    requests.get(f"http://127.0.0.1:{port}/api/v1/public/signage", timeout=10)
    samples = scrape(metrics_port)
    assert value(samples, "xiaoneng_http_requests_total",
                 route="GET /api/v1/public/signage", status="200") >= 1
