"""docs/architecture.md, "Boundaries": the gateway imports chassis and contracts, never a
service; a service imports no other service; the office's shared domain (office/) imports
neither; contracts import none of them; the chassis imports nothing of the domain at all."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir()
                  if (p / "service.py").exists())


def imported(path):
    """Every module a file imports, by absolute name."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def crossings(package, allowed):
    """``file: module`` for each import under ``package`` of a module ``allowed`` refuses."""
    return [f"{path.relative_to(ROOT)}: {module}"
            for path in sorted((ROOT / package).rglob("*.py"))
            for module in imported(path) if not allowed(module)]


def top(module):
    return module.split(".")[0]


def test_the_gateway_imports_no_service():
    assert crossings("gateway", lambda m: top(m) != "services") == []


def test_the_chassis_imports_nothing_of_the_domain():
    domain = ("services", "gateway", "contracts", "office")
    assert crossings("chassis", lambda m: top(m) not in domain) == []


def test_contracts_import_no_service_not_the_gateway_and_not_the_shared_domain():
    assert crossings("contracts", lambda m: top(m) not in ("services", "gateway", "office")) == []


def test_the_shared_domain_imports_no_service_and_not_the_gateway():
    assert crossings("office", lambda m: top(m) not in ("services", "gateway")) == []


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_no_other_service_and_not_the_gateway(service):
    def allowed(module):
        parts = module.split(".")
        return parts[0] != "gateway" and (
            parts[0] != "services" or len(parts) == 1 or parts[1] == service)
    assert crossings(f"services/{service}", allowed) == []


def test_the_check_sees_a_crossing(tmp_path, monkeypatch):
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "leaky.py").write_text("from services.posts import rules\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)  # the check reads the module's ROOT
    assert crossings("gateway", lambda m: top(m) != "services") == [
        "gateway/leaky.py: services.posts", "gateway/leaky.py: services.posts.rules"]


def rule_modules():
    return sorted([*(ROOT / "services").glob("*/rules.py"), *(ROOT / "services").glob(
        "*/rules/*.py")])


@pytest.mark.parametrize("path", rule_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_public_rule_says_what_it_takes_and_gives(path):
    """Rules are pure functions with typed inputs (frozen dataclasses, or Protocols a
    row satisfies) and a return annotation."""
    untyped = [node.name for node in ast.parse(path.read_text()).body
               if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
               and (node.returns is None or any(a.annotation is None for a in
                                                [*node.args.args, *node.args.kwonlyargs]))]
    assert untyped == []
