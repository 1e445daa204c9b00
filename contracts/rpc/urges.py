"""催办 over RPC and HTTP: one shape for every kind of work (documents, applications,
inquiries, leave notices and requests), kept by the service that owns the work."""

from marshmallow import Schema, fields, validate

from contracts.common import URGE_KINDS
from contracts.fields import OfficeTime, text

# which service keeps which kind of work
OWNERS = {"document": "documents", "application": "inquiries", "inquiry": "inquiries",
          "leave_notice": "attendance", "leave_request": "attendance"}


class UrgeIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(URGE_KINDS))
    id = text(36, required=True)
    note = text(500, required=True)


class NoteIn(Schema):
    note = text(500, required=True)


class UrgeQuery(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(URGE_KINDS))
    id = text(36, required=True)


class UrgeOut(Schema):
    id = fields.String()
    kind = fields.String(metadata={"enum": list(URGE_KINDS)})
    work_id = fields.String()
    target_staff_id = fields.String(metadata={"description": "the holder, or the B acting "
                                                             "for them, when urged"})
    urged_by = fields.String(allow_none=True, metadata={"description": "null: the system, "
                                                                       "when it turned yellow"})
    note = fields.String()
    urged_at = OfficeTime()
