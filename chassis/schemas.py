"""What every service's reads share: a rule's typed facts of a record, and list pages."""

import dataclasses
from collections.abc import Mapping
from functools import cache

import sqlalchemy as sa


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


def matching(select, model, args, names):
    """``select`` narrowed to rows whose columns ``names`` equal what ``args`` gives."""
    for name in names:
        if args.get(name) is not None:
            select = select.where(getattr(model, name) == args[name])
    return select


def paginate(session, query, args):
    """The total count of a select, and the slice ``args`` (``limit``, ``offset``: a list
    page as the contracts' ``PageArgs`` loads it) asks for."""
    # Counted without the page's ORDER BY, which the database would otherwise keep inside
    # the count: 213 ms instead of 28 for 150,000 completed documents (BENCHMARKS.md).
    counted = query.order_by(None).subquery()
    total = session.scalar(sa.select(sa.func.count()).select_from(counted))
    return total, query.limit(args["limit"]).offset(args["offset"])


def page(session, query, schema, args):
    """``{"items", "total"}`` for a select of one entity."""
    total, sliced = paginate(session, query, args)
    return {"items": once(schema, many=True).dump(session.scalars(sliced).all()),
            "total": total}


def once(schema_cls, **options):
    """The one ``schema_cls(**options)`` of this process. A schema keeps no state between
    loads and dumps, and building one costs more than most calls that use it, so each kind
    is built on first use and shared after; list and set options are frozen to key it."""
    return _built(schema_cls, **{name: _frozen(value) for name, value in options.items()})


def _frozen(value):
    if isinstance(value, list):
        return tuple(value)
    return frozenset(value) if isinstance(value, set) else value


@cache
def _built(schema_cls, **options):
    return schema_cls(**options)
