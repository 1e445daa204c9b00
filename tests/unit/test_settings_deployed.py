"""Every setting the code reads is in the README's settings table and set by both
deployments (docker-compose.yml and deploy/k8s), so an operator sees every knob where
they configure the system; and the PostgreSQL connections the Kubernetes pods may open
fit under PostgreSQL's default ``max_connections``."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("chassis", "gateway", "services", "xiaoneng", "contracts")
NAME = re.compile(r"XIAONENG_[A-Z0-9_]*[A-Z0-9]\b")
# Read by the code but deliberately not set by a deployment:
NOT_DEPLOYED = {
    "XIAONENG_TEST_CLOCK",  # tests only: refused in production
    "XIAONENG_BROKER_IDENTITIES",  # make run's launcher; a deployment provisions its users
    "XIAONENG_INSTANCE",  # make run names its processes; in a pod host:pid is the name
    "XIAONENG_PROFILE",  # a developer's profile of a process (bench.gateway --profile)
    # optional: without a monitoring account the admin status says the broker's view is
    # unavailable; deploy/ makes no such broker user yet
    "XIAONENG_BROKER_MONITOR_USERNAME", "XIAONENG_BROKER_MONITOR_PASSWORD",
}
# Given by the Secret xiaoneng-secrets (deploy/k8s/services.yaml says which keys it holds)
FROM_SECRETS = {"XIAONENG_JWT_SECRET", "XIAONENG_ADMIN_USERNAME", "XIAONENG_ADMIN_PASSWORD",
                "XIAONENG_SMTP_URL"}
POSTGRES_MAX_CONNECTIONS = 100 - 3  # the default, less superuser_reserved_connections


def read_by_the_code() -> set:
    return {name for folder in SOURCES for path in (ROOT / folder).rglob("*.py")
            for name in NAME.findall(path.read_text())}


def in_the_readme() -> set:
    """The settings table's names; ``XIAONENG_A_B`` / ``_C`` is ``XIAONENG_A_B`` and
    ``XIAONENG_A_C`` (a short form replaces as many words as it has)."""
    text = (ROOT / "README.md").read_text()
    table = text[text.index("## Configuration"):text.index("## Security")]
    found = set()
    for row in re.findall(r"^\| `(XIAONENG_\w+)`((?: / `_\w+`)*) \|", table, re.M):
        full, short = row[0], re.findall(r"`(_\w+)`", row[1])
        found.add(full)
        for tail in short:
            words = full.split("_")
            found.add("_".join(words[:len(words) - tail.count("_")]) + tail)
    return found


def k8s_documents():
    kustomization = yaml.safe_load((ROOT / "deploy/k8s/kustomization.yaml").read_text())
    return kustomization, [
        doc for resource in kustomization["resources"]
        for doc in yaml.safe_load_all((ROOT / "deploy/k8s" / resource).read_text()) if doc]


def config_map() -> dict:
    kustomization, _ = k8s_documents()
    [generator] = [g for g in kustomization["configMapGenerator"]
                   if g["name"] == "xiaoneng-config"]
    return dict(item.split("=", 1) for item in generator["literals"])


def set_in_kubernetes() -> set:
    _, documents = k8s_documents()
    env = {e["name"] for d in documents if d["kind"] in ("Deployment", "Job")
           for c in d["spec"]["template"]["spec"]["containers"] for e in c.get("env", [])}
    secrets = (ROOT / "deploy/k8s/services.yaml").read_text().split("apiVersion")[0]
    return set(config_map()) | env | {n for n in FROM_SECRETS if n in secrets}


def set_in_compose() -> set:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return {name for service in compose["services"].values()
            for name in (service.get("environment") or {})}


def set_in_the_image() -> set:
    return set(re.findall(r"^ENV (XIAONENG_\w+)=", (ROOT / "deploy/Dockerfile").read_text(),
                          re.M))


def test_every_setting_the_code_reads_is_in_the_readme():
    assert read_by_the_code() - in_the_readme() == set()


def test_every_setting_the_code_reads_is_set_by_both_deployments():
    deployed = read_by_the_code() - NOT_DEPLOYED
    image = set_in_the_image()
    assert deployed - set_in_compose() - image == set(), "docker-compose.yml"
    assert deployed - set_in_kubernetes() - image == set(), "deploy/k8s"


def test_the_allow_list_names_only_settings_the_code_reads():
    assert NOT_DEPLOYED <= read_by_the_code()


def test_the_pods_database_connections_fit_under_postgres_max_connections():
    """Each service pod opens at most pool + overflow connections; the migrations Job one;
    a rolling update adds no pod (maxSurge 0), so the replicas are the most there are."""
    settings = config_map()
    per_pod = int(settings["XIAONENG_DB_POOL_SIZE"]) + int(settings["XIAONENG_DB_MAX_OVERFLOW"])
    _, documents = k8s_documents()
    pods = 0
    for deployment in (d for d in documents if d["kind"] == "Deployment"):
        if deployment["metadata"]["name"] == "gateway":  # no database
            continue
        assert deployment["spec"]["strategy"]["rollingUpdate"]["maxSurge"] == 0
        pods += deployment["spec"]["replicas"]
    assert pods * per_pod + 1 <= POSTGRES_MAX_CONNECTIONS
