"""The event graph written out: as text lines (``--graph``) and as ``docs/events.md``
(``--markdown``, ``make events``)."""

import re

from xiaoneng.event_graph import Graph

COMMAND = "python -m xiaoneng.topology --markdown"


def described(schema) -> str:
    """The first sentence of a contract's docstring, on one line ("" without one)."""
    doc = (schema.__dict__.get("__doc__") or "").strip() if schema else ""
    paragraph = " ".join(doc.split("\n\n")[0].split())
    sentence = re.match(r"(.+?[.!?])(\s|$)", paragraph)
    return (sentence.group(1) if sentence else paragraph).replace("``", "`")


def sections(found: Graph):
    """(heading, items) for every part of the graph; the items are text lines."""
    return [
        ("producer -> event -> consumer", [f"{p} -> {e} -> {c}" for p, e, c in found.edges]),
        ("events nobody consumes", [f"{p} -> {e}" for p, e in found.unconsumed]),
        ("consumers of events nobody produces",
         [f"{c.source} -> {c.event} -> {c}" for c in found.orphans]),
        ("declared in contracts/ but never raised",
         [f"{p} -> {e}" for p, e in found.never_raised]),
        ("raised without a contract", [f"{p} -> {e}" for p, e in found.undeclared]),
        ("emits whose event type the source does not say", list(found.unreadable)),
    ]


def text(found: Graph) -> str:
    """One ``producer -> event -> consumer`` line per edge, then where the code disagrees
    with itself, each part under its heading."""
    return "\n\n".join("\n".join([f"# {heading} ({len(items)})", *(items or ["(none)"])])
                       for heading, items in sections(found)) + "\n"


INTRODUCTION = f"""\
# The events

Generated from the code by `make events` (`{COMMAND}`):
do not edit it by hand; `tests/unit/test_event_graph.py` fails when it is stale.
`python -m xiaoneng.topology --graph` prints the same graph, one
`producer -> event -> consumer` line per edge.

- **Producer**: a service, raising what its code raises (`work.emit(…)`, and the chassis on
  its behalf: to-do items, urges, routed work, the audit trail's `write_recorded`); the
  gateway (the test clock's broadcast); `intake`, outside systems handing work in on the
  `xiaoneng.intake` exchange.
- **Event**: its routing key on the `<producer>.events` exchange (`xiaoneng.intake` for the
  intake); what it says is the first sentence of its contract in `contracts/<producer>.py`.
- **Consumers**: `service.handler`, the entrypoints the broker's queues are declared from;
  *(broadcast)*: heard by every running instance, kept in no queue.
"""


def cell(value: str) -> str:
    return value.replace("|", "\\|") or "—"


def markdown(found: Graph) -> str:
    rows = [f"| {p} | `{e}` | "
            f"{cell('<br>'.join(str(c) for c in found.consumers_of(p, e)))} | "
            f"{cell(described(found.declared.get((p, e))))} |" for p, e in found.events]
    parts = [INTRODUCTION, "## Who raises what, and who takes it\n",
             "| Producer | Event | Consumers | What it says |", "|---|---|---|---|", *rows]
    for heading, items in sections(found)[1:]:
        listed = [f"- `{item}`" for item in items] or ["None."]
        parts += ["", f"## {heading[0].upper()}{heading[1:]}\n", *listed]
    return "\n".join(parts) + "\n"
