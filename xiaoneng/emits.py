"""What each party's code raises, read from its source (ast), not from a list kept by hand.

A party raises an event where its package calls ``<work>.emit("type", …)`` (the unit of
work) or a dispatcher of its class (``self.dispatch_event("clock_set", …)``, the gateway),
and where it calls code outside its package that does so — ``work_items.announce``
(``todo_added``), ``projections.route`` (``work_routed``), or the unit of work, whose own
methods raise ``write_recorded`` for a request's write: constructing or subclassing a class
counts as calling every method it has. Data migrations are left out: they announce once
again what the code raises (``chassis.db.announce``).

An event type written as an f-string (``f"violation_{status}"``) stands for each type the
party's contracts declare that fits it; any other expression is *unreadable* and reported,
so an emit the graph cannot see is never silently missed.
"""

import ast
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_RUN = ("tests", "bench")  # packages whose code no deployed process runs
EMIT = "emit"  # chassis.uow.Work.emit: how a service raises an event


@dataclass(frozen=True)
class Site:
    """One emit in the source: its event type (``literal``), or the regular expression an
    f-string's types fit (``pattern``), or neither (unreadable)."""

    where: str  # path:line
    literal: str | None = None
    pattern: str | None = None


@dataclass
class Module:
    name: str
    where: str  # its path, from the root of the code
    aliases: dict = field(default_factory=dict)  # local name -> absolute dotted name
    sites: dict = field(default_factory=lambda: defaultdict(list))  # owner -> [Site]
    calls: dict = field(default_factory=lambda: defaultdict(set))  # owner -> {dotted name}


def module_name(relative: Path) -> str:
    parts = relative.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def site(node, where) -> Site:
    """The event type(s) of one emit's first argument."""
    arg = node.args[0] if node.args else None
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return Site(where, literal=arg.value)
    if isinstance(arg, ast.JoinedStr):
        pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                          for part in arg.values)
        return Site(where, pattern=pattern)
    return Site(where)


class Scanner(ast.NodeVisitor):
    """Every emit and every resolvable call of one module, by owner: the qualified name of
    the innermost function or class around it (the module's own name at top level)."""

    def __init__(self, module: Module, emitting: set):
        self.module, self.emitting, self.scope, self.classes = module, emitting, [], []

    def owner(self):
        return ".".join([self.module.name, *self.scope])

    def visit_Import(self, node):
        for alias in node.names:
            local = alias.asname or alias.name.split(".")[0]
            self.module.aliases[local] = alias.name if alias.asname else local

    def visit_ImportFrom(self, node):
        base = node.module or ""
        if node.level:
            package = self.module.name.split(".")[:-node.level]
            base = ".".join([*package, *([base] if base else [])])
        for alias in node.names:
            self.module.aliases[alias.asname or alias.name] = f"{base}.{alias.name}"

    def _scoped(self, node, is_class):
        self.scope.append(node.name)
        self.classes.append(self.owner() if is_class else None)
        self.generic_visit(node)
        self.scope.pop()
        self.classes.pop()

    def visit_ClassDef(self, node):
        # a subclass runs its bases' methods as its own
        bases = {self.resolve(base) for base in node.bases} - {None}
        self.module.calls[f"{self.owner()}.{node.name}"] |= bases
        self._scoped(node, True)

    def visit_FunctionDef(self, node):
        self._scoped(node, False)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in self.emitting:
            where = f"{self.module.where}:{node.lineno}"
            self.module.sites[self.owner()].append(site(node, where))
        else:
            target = self.resolve(func)
            if target:
                self.module.calls[self.owner()].add(target)
        self.generic_visit(node)

    def resolve(self, func):
        """The dotted name a call goes to, where the source says: an imported or module-level
        name, an attribute of one, or a method of the class around it (``self.audit``)."""
        chain = []
        while isinstance(func, ast.Attribute):
            chain.insert(0, func.attr)
            func = func.value
        if not isinstance(func, ast.Name):
            return None
        if func.id == "self":
            cls = next((c for c in reversed(self.classes) if c), None)
            return ".".join([cls, *chain]) if cls and chain else None
        base = self.module.aliases.get(func.id)
        return ".".join([base, *chain]) if base else None


def scan(path: Path, root: Path, emitting: set) -> Module:
    relative = path.relative_to(root)
    module = Module(module_name(relative), str(relative))
    tree = ast.parse(path.read_text(), filename=str(path))
    # the module's own functions and classes, which its code may call before their def
    module.aliases.update({node.name: f"{module.name}.{node.name}" for node in tree.body
                           if isinstance(node, ast.FunctionDef | ast.ClassDef)})
    Scanner(module, emitting).visit(tree)
    return module


def run_code(root: Path):
    """Every module a deployed process may run, but data migrations."""
    for package in sorted(p for p in root.iterdir()
                          if (p / "__init__.py").exists() and p.name not in NOT_RUN):
        for path in sorted(package.rglob("*.py")):
            if "migrations" not in path.relative_to(root).parts:
                yield path


class Index:
    """Every emit site reachable from each function and class of the code, across modules."""

    def __init__(self, emitting: set, root: Path = ROOT):
        self.modules = [scan(path, root, emitting) for path in run_code(root)]
        self.sites, self.calls = defaultdict(list), defaultdict(set)
        for module in self.modules:
            for owner, found in module.sites.items():
                self.sites[owner].extend(found)
            for owner, targets in module.calls.items():
                self.calls[owner] |= targets

    def reached(self, targets) -> list[Site]:
        """The emit sites ``targets`` reach, calls followed to the end; a name reaches what
        everything inside it (a class's methods, a function's nested ones) does."""
        owners = sorted({*self.sites, *self.calls})
        seen, todo, found = set(), list(targets), []
        while todo:
            name = todo.pop()
            for owner in owners:
                if owner in seen or not (owner == name or owner.startswith(f"{name}.")):
                    continue
                seen.add(owner)
                found.extend(self.sites.get(owner, ()))
                todo.extend(self.calls.get(owner, ()))
        return found

    def raised_in(self, package: str) -> list[Site]:
        """What the code of ``package`` (``services.documents``, ``gateway``) raises."""
        inside = [m for m in self.modules
                  if m.name == package or m.name.startswith(f"{package}.")]
        own = [s for m in inside for found in m.sites.values() for s in found]
        outside = {t for m in inside for targets in m.calls.values() for t in targets
                   if not (t == package or t.startswith(f"{package}."))}
        return own + self.reached(outside)
