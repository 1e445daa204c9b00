"""Schemas every service's RPC interface shares: the acting user and list pages."""

import sqlalchemy as sa
from marshmallow import Schema, fields, validate

ROLES = ("staff", "division_head", "leader", "admin")


class Actor(Schema):
    """Who is acting, as the gateway authenticated them."""

    id = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class PageArgs(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


def page(session, query, schema, args):
    """``{"items", "total"}`` for a select, ``limit``/``offset`` taken from ``args``."""
    args = PageArgs().load(args or {})
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = session.scalars(query.limit(args["limit"]).offset(args["offset"])).all()
    return {"items": schema(many=True).dump(rows), "total": total}
