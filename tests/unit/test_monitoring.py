"""deploy/monitoring: the alert rules are valid Prometheus rules (``promtool check rules``,
from Debian's ``prometheus`` package), cover what an operator must be woken for, and ask —
like the Grafana dashboard — only for metrics the processes and RabbitMQ export."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ROOT / "deploy/monitoring"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (apt-get install prometheus)")
# A metric name in an expression: an identifier before a selector, a range or a space
METRIC = re.compile(r"\b((?:xiaoneng|rabbitmq)_[a-z_]+)\b")


def exported() -> set:
    """The xiaoneng_* names the processes register (a counter's with ``_total``, a
    histogram's with its series)."""
    names = set()
    for source in ("chassis/metrics.py", "gateway/metrics.py"):
        for kind, name in re.findall(
                r"\b(Counter|Gauge|GaugeMetricFamily|Histogram)\(\s*\"(xiaoneng_\w+)\"",
                (ROOT / source).read_text()):
            names |= {"Counter": {f"{name}_total"}, "Gauge": {name}, "GaugeMetricFamily": {name},
                      "Histogram": {f"{name}_bucket", f"{name}_sum", f"{name}_count"}}[kind]
    return names


RABBITMQ = {"rabbitmq_queue_messages", "rabbitmq_queue_consumers"}  # per-object metrics


def rules():
    return [rule for group in yaml.safe_load((MONITORING / "alerts.yml").read_text())["groups"]
            for rule in group["rules"]]


def dashboard():
    return json.loads((MONITORING / "dashboard.json").read_text())


@needs_promtool
def test_the_alert_rules_pass_promtool():
    checked = subprocess.run([PROMTOOL, "check", "rules", str(MONITORING / "alerts.yml")],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@needs_promtool
def test_every_dashboard_query_is_valid_promql(tmp_path):
    recorded = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:panel{panel['id']}:{target['refId']}", "expr": target["expr"]}
        for panel in dashboard()["panels"] for target in panel["targets"]]}]}
    path = tmp_path / "dashboard-rules.yml"
    path.write_text(yaml.safe_dump(recorded, allow_unicode=True))
    checked = subprocess.run([PROMTOOL, "check", "rules", str(path)], capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_an_operator_is_alerted_to_parking_a_stuck_outbox_a_lost_consumer_and_errors():
    by_metric = {name: rule["alert"] for rule in rules()
                 for name in METRIC.findall(rule["expr"])}
    assert {"xiaoneng_parked_total", "rabbitmq_queue_messages",
            "xiaoneng_outbox_oldest_seconds", "rabbitmq_queue_consumers",
            "xiaoneng_events_handled_total", "xiaoneng_http_requests_total"} <= set(by_metric)
    outbox = next(r for r in rules() if "xiaoneng_outbox_oldest_seconds" in r["expr"])
    assert outbox["expr"].endswith("> 60")
    for rule in rules():
        assert rule["labels"]["severity"] in ("warning", "critical")
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]


def test_alerts_and_dashboard_ask_only_for_metrics_that_are_exported():
    known = exported() | RABBITMQ
    asked = {name for rule in rules() for name in METRIC.findall(rule["expr"])} | {
        name for panel in dashboard()["panels"] for target in panel["targets"]
        for name in METRIC.findall(target["expr"])}
    assert asked - known == set()


def test_the_dashboard_is_a_grafana_dashboard_of_prometheus_panels():
    found = dashboard()
    assert found["uid"] and found["title"] and isinstance(found["schemaVersion"], int)
    panels = found["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    for panel in panels:
        assert panel["type"] in ("timeseries", "stat")
        assert set(panel["gridPos"]) == {"x", "y", "w", "h"}
        assert panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24
        assert panel["targets"] and all(t["expr"] and t["refId"] for t in panel["targets"])
        assert panel["datasource"]["type"] == "prometheus"
    [variable] = found["templating"]["list"]
    assert variable == {**variable, "name": "datasource", "type": "datasource",
                        "query": "prometheus"}


def test_rabbitmq_exports_per_queue_metrics_in_both_deployments():
    enabled = (ROOT / "deploy/rabbitmq/enabled_plugins").read_text()
    assert "rabbitmq_prometheus" in enabled
    conf = (ROOT / "deploy/rabbitmq/rabbitmq.conf").read_text()
    assert re.search(r"^prometheus\.return_per_object_metrics = true$", conf, re.M)
    [cluster] = [d for resource in ("rabbitmq.yaml",)
                 for d in yaml.safe_load_all((ROOT / "deploy/k8s" / resource).read_text())]
    assert "rabbitmq_prometheus" in cluster["spec"]["rabbitmq"]["additionalPlugins"]
    assert "prometheus.return_per_object_metrics = true" in \
        cluster["spec"]["rabbitmq"]["additionalConfig"]
