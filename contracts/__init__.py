"""Event contracts: one marshmallow schema per event's ``data``, by producing service.

Producers validate before emitting and consumers on receipt, both through the envelope
(``chassis.envelope``), with which this package registers every source's schemas when it
is imported, as it names the system's services to the chassis (``chassis.identity``).
"""

from importlib import import_module

from chassis import envelope, identity

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


def _register():
    identity.name_services(SERVICES)
    for source in (*PRODUCERS, INTAKE):
        envelope.register(source, import_module(f"contracts.{source}").SCHEMAS)


_register()  # last: a source's module may import from this package (contracts.intake)
