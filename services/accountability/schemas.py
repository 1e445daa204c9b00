"""RPC inputs and outputs of accountability (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from chassis.schemas import OfficeTime, PageArgs


class ViolationOut(Schema):
    id = fields.String()
    staff_id = fields.String()
    kind = fields.String()
    occurred_at = OfficeTime()
    source = fields.String()
    source_event_id = fields.String()
    details = fields.Dict()
    case_id = fields.String(allow_none=True)


class CaseOut(Schema):
    id = fields.String()
    staff_id = fields.String()
    kind = fields.String(metadata={"enum": ["personal", "leader_responsibility"]})
    violations = fields.List(fields.Nested(ViolationOut))
    severity = fields.String()
    suggested_outcome = fields.String()
    suggested_measures = fields.List(fields.String())
    status = fields.String(metadata={"enum": ["open", "decided", "dismissed"]})
    leader_case_id = fields.String(allow_none=True)
    linked_case_id = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    measures = fields.List(fields.String())
    note = fields.String(allow_none=True)
    decided_by = fields.String(allow_none=True)
    decided_at = OfficeTime(allow_none=True)
    opened_at = OfficeTime()


class DecisionIn(Schema):
    outcome = fields.String(required=True)
    measures = fields.List(fields.String(), load_default=list)
    note = fields.String(load_default="", validate=validate.Length(max=5000))


class DismissalIn(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=5000))


class ViolationQuery(PageArgs):
    staff_id = fields.String()
    kind = fields.String()


class CaseQuery(PageArgs):
    staff_id = fields.String()
    status = fields.String(validate=validate.OneOf(["open", "decided", "dismissed"]))


class YearQuery(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))


class AppraisalOut(Schema):
    staff_id = fields.String()
    year = fields.Integer()
    violations_by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    cases = fields.List(fields.Dict())
    documents = fields.Dict(keys=fields.String(), values=fields.Integer())
    inquiries_closed = fields.Integer()
    covers_served = fields.Integer()
