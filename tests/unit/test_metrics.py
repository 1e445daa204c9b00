"""The metrics every process keeps: what is counted where, without a broker."""

import uuid
from contextlib import nullcontext
from types import SimpleNamespace

from nameko.events import EventHandler
from nameko.rpc import Rpc
from nameko.timer import Timer
from prometheus_client import REGISTRY

from chassis import metrics
from chassis.errors import ServiceError
from xiaoneng.launcher import System


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def bound(entrypoint, method_name):
    entrypoint.method_name = method_name
    return entrypoint


class Worker:
    def __init__(self, entrypoint, service_name):
        self.entrypoint, self.service_name = entrypoint, service_name


def run_worker(entrypoint, service, exc_info=None):
    provider = metrics.Metrics()
    provider.started = {}
    worker_ctx = Worker(entrypoint, service)
    provider.worker_setup(worker_ctx)
    provider.worker_result(worker_ctx, None, exc_info)
    provider.worker_teardown(worker_ctx)


def test_each_kind_of_worker_is_timed_under_its_own_name():
    service = f"s{uuid.uuid4().hex[:8]}"
    run_worker(bound(EventHandler("posts", "staff_changed"), "on_staff_changed"), service)
    run_worker(bound(Rpc(), "get_post"), service)
    run_worker(bound(Timer(interval=1), "scan_overdue"), service)
    assert sample("xiaoneng_event_handle_seconds_count", service=service,
                  type="staff_changed") == 1
    assert sample("xiaoneng_rpc_seconds_count", service=service, method="get_post") == 1
    assert sample("xiaoneng_scan_seconds_count", service=service, scan="scan_overdue") == 1


def test_an_rpc_answered_with_an_error_is_counted_by_its_kind():
    service = f"s{uuid.uuid4().hex[:8]}"
    refused = ServiceError("conflict", "already_decided", "decided", None)
    run_worker(bound(Rpc(), "decide"), service, (ServiceError, refused, None))
    run_worker(bound(Rpc(), "decide"), service, (KeyError, KeyError("x"), None))
    assert sample("xiaoneng_rpc_errors_total", service=service, method="decide",
                  kind="conflict") == 1
    assert sample("xiaoneng_rpc_errors_total", service=service, method="decide",
                  kind="internal") == 1


def test_events_are_counted_by_outcome_and_parked_messages_by_service():
    service = f"s{uuid.uuid4().hex[:8]}"
    for outcome in ("handled", "handled", "duplicate", "retried"):
        metrics.event_handled(service, "overdue", outcome)
    metrics.parked(f"{service}.on_overdue")
    assert {outcome: sample("xiaoneng_events_handled_total", service=service, type="overdue",
                            outcome=outcome) for outcome in metrics.OUTCOMES} == {
        "handled": 2, "duplicate": 1, "retried": 1, "parked": 0}
    assert sample("xiaoneng_parked_total", service=service) == 1


def test_a_database_that_cannot_be_read_leaves_the_other_services_samples():
    class Away:
        pool = SimpleNamespace()  # a pool that keeps no count

        def __getattr__(self, name):
            raise OSError("database away")

    databases = metrics.Databases()
    databases.add("posts", SimpleNamespace(engine=Away(), lock=nullcontext()))
    unpublished, oldest, checked_out, size = databases.collect()
    assert unpublished.samples == oldest.samples == checked_out.samples == []


def test_the_launcher_gives_every_service_process_a_metrics_port_of_its_own():
    system = System(environ={"XIAONENG_SERVICES": "posts,documents"}, instances=2,
                    gateway_ports=[8101])
    urls = system.metrics_urls
    assert set(urls) == {"posts.1", "posts.2", "documents.1", "documents.2", "gateway"}
    assert urls["gateway"] == "http://127.0.0.1:8101/metrics"
    assert len(set(urls.values())) == 5
    assert system.targets["posts.2"][1]["XIAONENG_INSTANCE"] == "posts.2"
