"""deploy/ and docker-compose.yml stay in step with the code (no Docker engine needed)."""

import json
from pathlib import Path

import yaml

from xiaoneng import SERVICE_CLASSES
from xiaoneng.topology import consumers, definitions

ROOT = Path(__file__).resolve().parents[2]


def test_the_broker_definitions_are_those_the_code_generates():
    for name, queue_type in (("rabbitmq/definitions.json", "classic"),
                             ("k8s/definitions-quorum.json", "quorum")):
        committed = json.loads((ROOT / "deploy" / name).read_text())
        assert committed == definitions(queue_type), \
            f"regenerate deploy/{name}: python -m xiaoneng.topology"


def test_consumer_queues_are_named_as_nameko_names_them():
    [(exchange, key, queue)] = consumers("tests.integration.toy.service:ToyConsumer")
    assert (exchange, key, queue) == (
        "posts.events", "staff_changed", "evt-posts-staff_changed--toy.on_staff_changed")


def test_intake_queues_are_bound_to_the_intake_exchange_by_message_type():
    found = set(consumers("services.documents.service:DocumentsService"))
    assert ("xiaoneng.intake", "document.received",
            "intake-document.received--documents.on_document_received") in found


def test_compose_runs_every_service_on_its_own_postgres_database():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    init_sql = (ROOT / "deploy/postgres-init.sql").read_text()
    for service in SERVICE_CLASSES:
        environment = compose["services"][service]["environment"]
        assert environment["SERVICE"] == service
        assert f"/xiaoneng_{service}" in environment[f"XIAONENG_{service.upper()}_DATABASE_URL"]
        assert f"CREATE DATABASE xiaoneng_{service};" in init_sql
    assert "rabbitmq" in compose["services"]["gateway"]["depends_on"]
    assert compose["services"]["rabbitmq"]["image"].endswith("-management")


def test_the_kubernetes_manifests_parse_and_deploy_every_service():
    kustomization = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    documents = [doc for resource in kustomization["resources"]
                 for doc in yaml.safe_load_all((ROOT / "deploy/k8s" / resource).read_text())]
    deployments = {d["metadata"]["name"] for d in documents if d["kind"] == "Deployment"}
    assert deployments == {*SERVICE_CLASSES, "gateway"}
