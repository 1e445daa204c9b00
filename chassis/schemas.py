"""Schemas every service's RPC interface shares: the acting user and list pages."""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta, timezone

import sqlalchemy as sa
from marshmallow import Schema, fields, validate

from chassis.clock import OFFICE_TZ
from contracts.posts import ROLES

CHINA_STANDARD_TIME = timezone(timedelta(hours=8))


class OfficeTime(fields.AwareDateTime):
    """An aware datetime, written in the office's zone (Asia/Shanghai, +08:00). Before 1901
    the zone's offset is local mean time in seconds (+08:05:43), which RFC 3339 cannot
    write: such a (mistyped) moment is written at +08:00."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None:
            value = value.astimezone(OFFICE_TZ)
            if value.utcoffset().seconds % 60:
                value = value.astimezone(CHINA_STANDARD_TIME)
        return super()._serialize(value, attr, obj, **kwargs)


def text(max_len, **kwargs):
    """A non-empty string of at most ``max_len`` characters."""
    return fields.String(validate=validate.Length(min=1, max=max_len), **kwargs)


def flag(**kwargs):
    """A JSON boolean: true or false, not "yes" or 1."""
    return fields.Boolean(truthy={True}, falsy={False}, **kwargs)


class Actor(Schema):
    """Who is acting, as the gateway authenticated them."""

    id = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class Facts:
    """Base of a rule's typed input: a frozen dataclass of what the rule reads of a record.
    The service builds one with ``XFacts.of(row)`` from a row or an RPC answer (a mapping);
    ``None`` stays ``None``."""

    @classmethod
    def of(cls, record):
        if record is None:
            return None
        if isinstance(record, Mapping):
            return cls(**{f.name: record[f.name] for f in dataclasses.fields(cls)
                          if f.name in record})
        return cls(**{f.name: getattr(record, f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Acting:
    """Who acts, as rules see them; ``division_id`` where a rule needs it (a head's)."""

    id: str
    role: str
    division_id: str | None = None


def acting(actor, division_id=None) -> Acting:
    """An :class:`Actor` from an RPC call as the rules' value."""
    data = Actor().load(actor)
    return Acting(data["id"], data["role"], division_id)


class PageArgs(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**31 - 1))


def matching(select, model, args, names):
    """``select`` narrowed to rows whose columns ``names`` equal what ``args`` gives."""
    for name in names:
        if args.get(name) is not None:
            select = select.where(getattr(model, name) == args[name])
    return select


def paginate(session, query, args):
    """The total count of a select, and the slice ``args`` (loaded by a PageArgs) asks for."""
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    return total, query.limit(args["limit"]).offset(args["offset"])


def page(session, query, schema, args):
    """``{"items", "total"}`` for a select of one entity."""
    total, sliced = paginate(session, query, args)
    return {"items": schema(many=True).dump(session.scalars(sliced).all()), "total": total}


class TodoItem(Schema):
    """One thing waiting for someone (我的待办); every service answers ``todo(actor)`` with
    a list of these, and the gateway gathers them (``GET /api/v1/me/todo``)."""

    kind = fields.String(required=True, metadata={"enum": [
        "approve_absence", "return_report", "document", "assign_document", "sign", "inquiry",
        "application", "complaint", "violation", "case", "urge", "number_print", "referral",
        "duty_report"]})
    id = fields.String(required=True)
    title = fields.String(required=True)
    due = fields.Date(allow_none=True)
    signal = fields.String(allow_none=True, metadata={"enum": ["green", "yellow", "red"]})
    since = OfficeTime(required=True)
    link = fields.String(required=True, metadata={"description": "the console page"})


_TODO_ITEM = TodoItem()  # built once: a Schema's construction cost more than its dump


def todo_item(kind, record_id, title, since, link, due=None, signal=None):
    return _TODO_ITEM.dump({"kind": kind, "id": record_id, "title": title, "since": since,
                            "link": link, "due": due, "signal": signal})
