"""deploy/ and docker-compose.yml stay in step with the code and ship no usable secret (no
Docker engine here, and no compose client: the compose file is read as compose reads it,
with its ``${VAR}`` interpolation, by :func:`interpolate`)."""

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from xiaoneng import SERVICE_CLASSES, broker
from xiaoneng.topology import consumers, declarations

ROOT = Path(__file__).resolve().parents[2]
PARTIES = broker.PARTIES
VARIABLE = re.compile(r"\$(?:\$|\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\})")


class Refused(Exception):
    """What ``docker compose config`` says when a required variable is not set."""


def interpolate(value, environ):
    """Compose's interpolation of one value: ``${VAR}``, ``${VAR:-default}``,
    ``${VAR-default}``, ``${VAR:?error}``, ``${VAR?error}`` and ``$$``; recursive."""
    if isinstance(value, dict):
        return {key: interpolate(item, environ) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, environ) for item in value]
    if not isinstance(value, str):
        return value

    def one(match):
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name", "op", "arg")
        unset = name not in environ or (op and op.startswith(":") and not environ[name])
        if unset and op in (":?", "?"):
            raise Refused(f"required variable {name} is missing a value: {arg}")
        if unset and op in (":-", "-"):
            return arg
        return environ.get(name, "")
    return VARIABLE.sub(one, value)


def compose_config(environ):
    return interpolate(yaml.safe_load((ROOT / "docker-compose.yml").read_text()), environ)


@pytest.fixture(scope="module")
def secrets():
    """What scripts/make-secrets.sh writes for an operator's .env file."""
    made = subprocess.run([str(ROOT / "scripts/make-secrets.sh")], capture_output=True,
                          text=True, check=True).stdout
    return dict(line.split("=", 1) for line in made.splitlines())


def required():
    text = (ROOT / "docker-compose.yml").read_text()
    return {m.group("name") for m in VARIABLE.finditer(text) if m.group("op") in (":?", "?")}


def test_compose_refuses_to_start_without_each_of_its_secrets(secrets):
    assert required() == set(secrets), "scripts/make-secrets.sh makes every required secret"
    compose_config(secrets)
    for name in secrets:
        with pytest.raises(Refused, match=name):
            compose_config({k: v for k, v in secrets.items() if k != name})
        with pytest.raises(Refused, match=name):
            compose_config({**secrets, name: ""})


def test_compose_ships_no_password_and_runs_in_production_on_loopback(secrets):
    raw = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for service in raw["services"].values():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"PASS|SECRET", key):
                assert re.fullmatch(r"\$\{\w+:\?[^}]*\}", value), f"{key}: {value}"
            for credentials in re.findall(r"://([^/@]*)@", str(value)):
                assert re.search(r":\$[{(]\w+", credentials), f"{key}: {value}"
    config = compose_config(secrets)
    for name, service in config["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"
    gateway = config["services"]["gateway"]["environment"]
    assert gateway["XIAONENG_ENV"] == "production"
    assert secrets["XIAONENG_JWT_SECRET"] == gateway["XIAONENG_JWT_SECRET"]
    widened = compose_config({**secrets, "XIAONENG_BIND_ADDRESS": "0.0.0.0"})
    assert widened["services"]["rabbitmq"]["ports"][1] == "127.0.0.1:15672:15672"


def test_each_compose_service_connects_as_its_own_broker_user(secrets):
    config = compose_config(secrets)
    for party in (*SERVICE_CLASSES, "gateway"):
        environment = config["services"][party]["environment"]
        password = secrets[f"XIAONENG_{party.upper()}_BROKER_PASSWORD"]
        assert environment["AMQP_URI"] == f"amqp://xiaoneng-{party}:{password}@rabbitmq:5672/"
        assert environment["XIAONENG_BROKER_USERS"] == broker.users_setting("/")
        assert config["services"][party]["depends_on"]["broker-users"] == {
            "condition": "service_completed_successfully"}
    provisioning = config["services"]["broker-users"]
    assert "--passwords-from-env" in provisioning["command"]
    assert {f"XIAONENG_{p.upper()}_BROKER_PASSWORD" for p in PARTIES} <= set(
        provisioning["environment"])


def test_compose_runs_every_service_on_its_own_postgres_database(secrets):
    config = compose_config(secrets)
    init_sql = (ROOT / "deploy/postgres-init.sql").read_text()
    for service in SERVICE_CLASSES:
        environment = config["services"][service]["environment"]
        assert environment["SERVICE"] == service
        assert environment[f"XIAONENG_{service.upper()}_DATABASE_URL"] == (
            f"postgresql://postgres:{secrets['POSTGRES_PASSWORD']}@postgres:5432/"
            f"xiaoneng_{service}")
        assert f"CREATE DATABASE xiaoneng_{service};" in init_sql
    assert "rabbitmq" in config["services"]["gateway"]["depends_on"]
    assert config["services"]["rabbitmq"]["image"].endswith("-management")


def test_the_broker_loads_no_definitions_at_boot():
    """They would stop RabbitMQ creating its administrator; provisioning declares them."""
    assert "load_definitions" not in re.sub(
        r"#.*", "", (ROOT / "deploy/rabbitmq/rabbitmq.conf").read_text())


def manifests():
    kustomization = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    return [doc for resource in kustomization["resources"]
            for doc in yaml.safe_load_all((ROOT / "deploy/k8s" / resource).read_text())]


def test_the_kubernetes_manifests_give_each_deployment_its_own_broker_user_alone():
    documents = manifests()
    assert not [d for d in documents if d["kind"] == "Secret"], "secrets are not shipped"
    deployments = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Deployment"}
    assert set(deployments) == {*SERVICE_CLASSES, "gateway"}
    for name, deployment in deployments.items():
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e for e in container["env"]}
        assert env["BROKER_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
            "name": "xiaoneng-broker-users", "key": name}
        assert env["AMQP_URI"]["value"] == \
            f"amqp://xiaoneng-{name}:$(BROKER_PASSWORD)@rabbitmq:5672/xiaoneng"
        assert {"secretRef": {"name": "xiaoneng-broker-users"}} not in container["envFrom"]
    [job] = [d for d in documents if d["kind"] == "Job" and d["metadata"]["name"] ==
             "broker-users"]
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert {e["name"] for e in container["env"]} >= {
        f"XIAONENG_{p.upper()}_BROKER_PASSWORD" for p in PARTIES}
    config = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    literals = dict(item.split("=", 1) for item in
                    config["configMapGenerator"][0]["literals"])
    assert literals["XIAONENG_BROKER_USERS"] == broker.users_setting("xiaoneng")
    assert literals["XIAONENG_ENV"] == "production"


def test_a_cluster_keeps_parked_messages_however_often_they_are_listed():
    policies = {p["name"]: p for p in declarations("quorum")["policies"]}
    [parked] = [p for p in policies.values() if re.fullmatch(p["pattern"], "xiaoneng.parked")]
    assert parked["definition"]["delivery-limit"] >= 2**31 - 1
    assert parked["priority"] > max(p["priority"] for p in policies.values() if p is not parked)
    assert "policies" not in declarations("classic")


def matching(policies, queue):
    found = [p for p in policies if re.fullmatch(p["pattern"], queue)]
    return max(found, key=lambda p: p["priority"])["definition"] if found else None


def test_on_a_cluster_no_retry_is_lost_and_a_message_that_kills_its_consumers_is_parked():
    """RabbitMQ's at-least-once dead-lettering (it needs overflow reject-publish)."""
    found = declarations("quorum")
    policies = found["policies"]
    at_least_once = {"dead-letter-strategy": "at-least-once", "overflow": "reject-publish"}
    for queue in found["queues"]:
        definition = matching(policies, queue["name"])
        assert definition is not None, f"{queue['name']} has no policy"
        if queue["name"].startswith("xiaoneng.retry."):
            assert definition == at_least_once
        elif queue["name"] != "xiaoneng.parked":
            assert definition == {**at_least_once, "delivery-limit": 20,
                                  "dead-letter-exchange": "xiaoneng.parked"}
    assert matching(policies, "rpc-posts") == {"delivery-limit": 5}
    assert matching(policies, "rpc.reply-gateway-5d1c0e3a-0000-4000-8000-000000000000") is None


def test_the_rabbitmq_version_is_pinned_to_the_one_the_suites_run_on():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    [cluster] = [d for d in manifests() if d["kind"] == "RabbitmqCluster"]
    for image in (compose["services"]["rabbitmq"]["image"], cluster["spec"]["image"]):
        assert re.fullmatch(r"rabbitmq:3\.10\.\d+-management", image), image


def test_consumer_queues_are_named_as_nameko_names_them():
    [(exchange, key, queue)] = consumers("tests.integration.toy.service:ToyConsumer")
    assert (exchange, key, queue) == (
        "posts.events", "staff_changed", "evt-posts-staff_changed--toy.on_staff_changed")


def test_intake_queues_are_bound_to_the_intake_exchange_by_message_type():
    found = set(consumers("services.documents.service:DocumentsService"))
    assert ("xiaoneng.intake", "document.received",
            "intake-document.received--documents.on_document_received") in found


def test_every_pod_runs_a_released_image_unprivileged_within_limits_and_disruption_budgets():
    kustomization = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    [image] = kustomization["images"]
    assert image["name"] == "xiaoneng" and image["newTag"] not in ("", "latest")
    documents = manifests()
    budgets = {d["spec"]["selector"]["matchLabels"]["part"]: d["spec"] for d in documents
               if d["kind"] == "PodDisruptionBudget"}
    for workload in (d for d in documents if d["kind"] in ("Deployment", "Job")):
        pod = workload["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        for container in pod["containers"]:
            assert container["image"] == "xiaoneng"  # the release in kustomization.yaml
            assert container["securityContext"] == {
                "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                "capabilities": {"drop": ["ALL"]}}
            assert {"cpu", "memory"} <= set(container["resources"]["requests"])
            assert "memory" in container["resources"]["limits"]
        if workload["kind"] == "Deployment":
            assert budgets[workload["metadata"]["name"]]["minAvailable"] == 1
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        assert not service["image"].endswith(":latest"), name


def test_prometheus_scrapes_every_pod_on_the_metrics_port_the_processes_serve():
    kustomization = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    config = dict(line.split("=", 1) for generator in kustomization["configMapGenerator"]
                  for line in generator.get("literals", []))
    for deployment in (d for d in manifests() if d["kind"] == "Deployment"):
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/port"] == config["XIAONENG_METRICS_PORT"]
        assert config["XIAONENG_METRICS_ADDRESS"] == "0.0.0.0"


def test_each_service_is_probed_by_its_own_heartbeat_and_the_gateway_by_its_readyz():
    for deployment in (d for d in manifests() if d["kind"] == "Deployment"):
        name = deployment["metadata"]["name"]
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        if name == "gateway":
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        else:
            assert container["readinessProbe"]["exec"]["command"] == [
                "python", "-m", "chassis.probe", name]
            assert container["livenessProbe"]["exec"]["command"][:4] == [
                "python", "-m", "chassis.probe", name]


def test_migrations_run_once_before_the_services_in_both_deployments(secrets):
    [job] = [d for d in manifests() if d["kind"] == "Job"
             and d["metadata"]["name"] == "migrations"]
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["python", "-m", "xiaoneng.migrate"]
    config = compose_config(secrets)
    assert config["services"]["migrate"]["command"] == ["python", "-m", "xiaoneng.migrate"]
    for party in (*SERVICE_CLASSES, "gateway"):
        assert config["services"][party]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"}
