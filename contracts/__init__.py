"""Event contracts: one marshmallow schema per event's ``data``, by producing service.

Producers validate before emitting and consumers on receipt, both through
:func:`schema_for`.
"""

from importlib import import_module

SERVICES = ("posts", "attendance", "documents", "inquiries", "accountability", "notifications")
PRODUCERS = SERVICES  # whose events have contracts here (every service's writes: write_recorded)
INTAKE = "intake"  # the source named by what outside systems hand in (contracts/intake.py)


def storable(text: str) -> bool:
    """Text every database keeps: PostgreSQL refuses NUL, and a lone surrogate (JSON may
    carry ``"\\ud800"``) is not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def schema_for(source: str, type_: str):
    if source not in (*PRODUCERS, INTAKE):
        raise LookupError(f"no contracts for service {source!r}")
    schemas = import_module(f"contracts.{source}").SCHEMAS
    try:
        return schemas[type_]
    except KeyError:
        raise LookupError(f"no contract for {source}.{type_}") from None
