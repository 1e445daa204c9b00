"""Events raised by accountability (责任追究制)."""

from marshmallow import Schema, fields, validate


class CaseOpened(Schema):
    case_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(
        ["personal", "leader_responsibility"]))
    severity = fields.String(required=True)
    suggested_outcome = fields.String(required=True)
    linked_case_id = fields.String(required=True, allow_none=True)


class CaseDecided(Schema):
    case_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["decided", "dismissed"]))
    outcome = fields.String(required=True, allow_none=True)
    measures = fields.List(fields.String(), required=True)
    decided_by = fields.String(required=True)


SCHEMAS = {"case_opened": CaseOpened, "case_decided": CaseDecided}
