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
            f"amqp://xiaoneng-{name}:$(BROKER_PASSWORD)@rabbitmq:5672/"
        assert {"secretRef": {"name": "xiaoneng-broker-users"}} not in container["envFrom"]
    [job] = [d for d in documents if d["kind"] == "Job"]
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert {e["name"] for e in container["env"]} >= {
        f"XIAONENG_{p.upper()}_BROKER_PASSWORD" for p in PARTIES}
    config = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    literals = dict(item.split("=", 1) for item in
                    config["configMapGenerator"][0]["literals"])
    assert literals["XIAONENG_BROKER_USERS"] == broker.users_setting("/")
    assert literals["XIAONENG_ENV"] == "production"


def test_a_cluster_keeps_parked_messages_however_often_they_are_listed():
    [policy] = declarations("quorum")["policies"]
    assert re.fullmatch(policy["pattern"], "xiaoneng.parked")
    assert policy["definition"]["delivery-limit"] >= 2**31 - 1
    assert "policies" not in declarations("classic")


def test_consumer_queues_are_named_as_nameko_names_them():
    [(exchange, key, queue)] = consumers("tests.integration.toy.service:ToyConsumer")
    assert (exchange, key, queue) == (
        "posts.events", "staff_changed", "evt-posts-staff_changed--toy.on_staff_changed")


def test_intake_queues_are_bound_to_the_intake_exchange_by_message_type():
    found = set(consumers("services.documents.service:DocumentsService"))
    assert ("xiaoneng.intake", "document.received",
            "intake-document.received--documents.on_document_received") in found
