"""The event envelope: ``{id, type, source, occurred_at, version, correlation_id, data}``.

An event raised by a timer takes its id from the fact it reports (uuid5 of
entity, kind and deadline), so two instances seeing the same fact raise the same
event and the consumers' inboxes keep one.

The envelope knows no event: the contracts register each source's schemas at start
(:func:`register`, called when ``contracts`` is imported), and an event is validated
against what its source registered.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from marshmallow import Schema, ValidationError, fields

ENVELOPE_VERSION = 1
FACT_NAMESPACE = uuid.UUID("6c1f6f5e-3a8e-4d6b-9b0e-7c3c2b1e0a01")


class MalformedEvent(Exception):
    """A message that can never be handled as it is: parked, not retried."""


class EnvelopeSchema(Schema):
    id = fields.UUID(required=True)
    type = fields.String(required=True)
    source = fields.String(required=True)
    occurred_at = fields.AwareDateTime(required=True)
    version = fields.Integer(required=True)
    correlation_id = fields.String(required=True, allow_none=True)
    data = fields.Dict(required=True)


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    source: str
    occurred_at: datetime
    version: int
    correlation_id: str | None
    data: dict


ENVELOPE = EnvelopeSchema()
_SCHEMAS: dict = {}  # source: {event type: schema class}, as registered


def register(source, schemas):
    """The contracts of the events ``source`` raises (``{type: schema class}``)."""
    _SCHEMAS[source] = dict(schemas)
    contract.cache_clear()


@cache
def contract(source, type_):
    """One instance of a contract's schema per process (building one costs more than
    using it; instances hold no state between loads and dumps)."""
    if source not in _SCHEMAS:
        raise LookupError(f"no contracts registered for {source!r} (import contracts first)")
    try:
        return _SCHEMAS[source][type_]()
    except KeyError:
        raise LookupError(f"no contract for {source}.{type_}") from None


def fact_id(*parts) -> str:
    """A stable event id for a fact, the same in every instance that sees it."""
    return str(uuid.uuid5(FACT_NAMESPACE, "|".join(str(p) for p in parts)))


def make_event(source, type_, data, *, now, correlation_id=None, fact=None) -> dict:
    """A validated envelope, ready to store in the outbox."""
    try:
        body = contract(source, type_).dump(contract(source, type_).load(data))
    except ValidationError as exc:
        raise ValueError(f"{source}.{type_} does not match its contract: {exc.messages}") from exc
    return {
        "id": fact_id(*fact) if fact else str(uuid.uuid4()),
        "type": type_,
        "source": source,
        "occurred_at": now.isoformat(),
        "version": ENVELOPE_VERSION,
        "correlation_id": correlation_id,
        "data": body,
    }


def load_event(body, source, type_) -> Event:
    """Validate a received envelope and its data against the contract."""
    if not isinstance(body, dict):
        raise MalformedEvent(f"the body is a {type(body).__name__}, not an envelope")
    try:
        envelope = ENVELOPE.load(body)
        if (envelope["source"], envelope["type"]) != (source, type_):
            raise MalformedEvent(
                f"envelope says {envelope['source']}.{envelope['type']}, "
                f"expected {source}.{type_}")
        data = contract(source, type_).load(envelope["data"])
    except ValidationError as exc:
        raise MalformedEvent(f"schema: {exc.messages}") from exc
    return Event(**{**envelope, "id": str(envelope["id"]), "data": data})
