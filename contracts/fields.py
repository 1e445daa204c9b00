"""Fields and small schemas the RPC payloads share: office time, text, flags, list pages and
the acting user."""

from datetime import timedelta, timezone

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


class PageArgs(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**31 - 1))
