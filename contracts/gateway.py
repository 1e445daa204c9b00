"""Events raised by the gateway: the audit trail of every successful write (审计)."""

from marshmallow import Schema, fields, validate


class WriteRecorded(Schema):
    """A write the gateway answered with success: who (``actor_id`` and ``role`` are None
    for a public write such as a complaint), what and when, with the correlation id."""

    at = fields.AwareDateTime(required=True)
    actor_id = fields.String(required=True, allow_none=True, validate=validate.Length(max=36))
    role = fields.String(required=True, allow_none=True, validate=validate.Length(max=20))
    method = fields.String(required=True, validate=validate.OneOf(
        ["POST", "PUT", "PATCH", "DELETE"]))
    path = fields.String(required=True, validate=validate.Length(max=500))
    status = fields.Integer(required=True, validate=validate.Range(min=200, max=399))
    correlation_id = fields.String(required=True, validate=validate.Length(max=64))


SCHEMAS = {"write_recorded": WriteRecorded}
