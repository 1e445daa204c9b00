"""RPC inputs and outputs of accountability (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from contracts.fields import OfficeTime, PageArgs
from contracts.vocabulary import (
    CASE_KINDS,
    CASE_STATUSES,
    DUTY_REPORT_STATUSES,
    GRADES,
    NATURES,
    SEVERITIES,
    VIOLATION_KINDS,
    VIOLATION_STATUSES,
)

REASON = validate.Length(max=5000)


class ViolationOut(Schema):
    id = fields.String()
    staff_id = fields.String()
    kind = fields.String(metadata={"enum": list(VIOLATION_KINDS)})
    nature = fields.String(metadata={"enum": list(NATURES)})
    status = fields.String(metadata={"enum": list(VIOLATION_STATUSES)})
    occurred_at = OfficeTime()
    source = fields.String()
    source_event_id = fields.String()
    details = fields.Dict()
    case_id = fields.String(allow_none=True)
    recorded_by = fields.String(allow_none=True)
    explanation = fields.String(allow_none=True)
    contested_at = OfficeTime(allow_none=True)
    judgement = fields.String(allow_none=True)
    judged_by = fields.String(allow_none=True)
    judged_at = OfficeTime(allow_none=True)
    recorded_for = fields.String(allow_none=True, metadata={
        "description": "the head the recorder acted for (五.3), if any"})
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: contest, uphold, waive"})
    recused = fields.Boolean(metadata={
        "description": "the caller is a leader who may not judge it (回避)"})


class DutyFailureIn(Schema):
    """一.5: a failure to perform a post's duties, seen and recorded by a person."""

    staff_id = fields.String(required=True)
    nature = fields.String(required=True, validate=validate.OneOf(list(NATURES)))
    occurred_at = fields.AwareDateTime(required=True)
    description = fields.String(required=True, validate=[
        REASON, validate.Regexp(r"\S", error="the description is empty")])


class ContestIn(Schema):
    explanation = fields.String(required=True, validate=REASON)


class UpholdIn(Schema):
    note = fields.String(required=True, validate=REASON)


class WaiveIn(Schema):
    reason = fields.String(required=True, validate=REASON)


class CaseOut(Schema):
    id = fields.String()
    staff_id = fields.String()
    kind = fields.String(metadata={"enum": list(CASE_KINDS)})
    violations = fields.List(fields.Nested(ViolationOut))
    severity = fields.String(metadata={"enum": list(SEVERITIES)})
    suggested_severity = fields.String(metadata={"enum": list(SEVERITIES)})
    suggested_outcome = fields.String()
    suggested_measures = fields.List(fields.String())
    status = fields.String(metadata={"enum": list(CASE_STATUSES)})
    leader_case_id = fields.String(allow_none=True)
    linked_case_id = fields.String(allow_none=True)
    responsible_id = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    measures = fields.List(fields.String())
    note = fields.String(allow_none=True)
    decided_by = fields.String(allow_none=True)
    decided_at = OfficeTime(allow_none=True)
    opened_at = OfficeTime()
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: decide, dismiss"})
    recused = fields.Boolean(metadata={
        "description": "the caller is a leader who may not judge it (回避): its subject, "
                       "or who holds or would hold its linked leader case"})


class DecisionIn(Schema):
    severity = fields.String(load_default=None, metadata={
        "enum": list(SEVERITIES), "description": "情节: defaults to the suggested severity"})
    outcome = fields.String(required=True)
    measures = fields.List(fields.String(), load_default=list)
    note = fields.String(load_default="", validate=REASON)


class DismissalIn(Schema):
    reason = fields.String(required=True, validate=REASON)


class ViolationQuery(PageArgs):
    """``from`` (inclusive) and ``to`` (exclusive): when it occurred, ISO with offset;
    ``division_id``: of the people now in that division."""

    staff_id = fields.String()
    division_id = fields.String(validate=validate.Length(max=36))
    kind = fields.String()
    status = fields.String(validate=validate.OneOf(list(VIOLATION_STATUSES)))
    since = fields.AwareDateTime(data_key="from")
    until = fields.AwareDateTime(data_key="to")


class CaseQuery(PageArgs):
    staff_id = fields.String()
    status = fields.String(validate=validate.OneOf(list(CASE_STATUSES)))


class YearQuery(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))


class DutyReportIn(Schema):
    """一.4 个人总结/述职: the person's report on their year."""

    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    summary = fields.String(required=True, validate=validate.Length(min=1, max=20000))


class DutyReviewIn(Schema):
    """评议: the grade (优秀, 称职, 基本称职, 不称职) and the reviewer's comment."""

    grade = fields.String(required=True, validate=validate.OneOf(list(GRADES)))
    comment = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class DutyReportQuery(PageArgs):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))
    division_id = fields.String(validate=validate.Length(max=36))
    staff_id = fields.String(validate=validate.Length(max=36))


class DutyReportOut(Schema):
    id = fields.String()
    staff_id = fields.String()
    name = fields.String(allow_none=True)
    division_id = fields.String(allow_none=True)
    year = fields.Integer()
    summary = fields.String()
    status = fields.String(metadata={"enum": list(DUTY_REPORT_STATUSES)})
    submitted_at = OfficeTime()
    grade = fields.String(allow_none=True, metadata={"enum": list(GRADES)})
    comment = fields.String(allow_none=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_at = OfficeTime(allow_none=True)
    reviewer_id = fields.String(allow_none=True, metadata={
        "description": "who reviews it: the head (or acting head), a head's the leader"})
    actions = fields.List(fields.String(), metadata={"description": "review, when the caller may"})


class HalfYearCheck(Schema):
    """三.6: one half's semi-annual check of the person's service commitments."""

    half = fields.String()
    inquiries_handled = fields.Integer()
    lapses = fields.Integer()
    complaints = fields.Integer()
    notices_issued = fields.Integer()
    overdue_applications = fields.Integer()


class AppraisalOut(Schema):
    staff_id = fields.String()
    year = fields.Integer()
    violations_by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    cases = fields.List(fields.Dict())
    documents = fields.Dict(keys=fields.String(), values=fields.Integer())
    applications = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "applications completed on time and late"})
    duty_report = fields.Dict(allow_none=True, metadata={
        "description": "the year's report (述职) and its review: grade, comment, reviewed_by"})
    half_year_checks = fields.List(fields.Nested(HalfYearCheck), allow_none=True, metadata={
        "description": "the year's semi-annual checks (每半年检查), H1 then H2; null while "
                       "inquiries does not answer"})
    missing = fields.List(fields.String(), metadata={
        "description": "services that did not answer: their part is left out"})
    inquiries_closed = fields.Integer()
    covers_served = fields.Integer()
    contested = fields.List(fields.Nested(ViolationOut), metadata={
        "description": "violations the person has contested, awaiting a leader"})


class DivisionAppraisalQuery(PageArgs):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    division_id = fields.String(validate=validate.Length(max=36), metadata={
        "description": "default: every division for a leader or an admin, the caller's "
                       "own for a head"})


class AppraisalRowOut(Schema):
    """One person's year in a division's appraisals: the counts of their appraisal."""

    staff_id = fields.String()
    name = fields.String()
    division_id = fields.String(allow_none=True)
    year = fields.Integer()
    violations_by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    violations = fields.Integer(metadata={"description": "the year's violations that count"})
    cases_opened = fields.Integer()
    documents = fields.Dict(keys=fields.String(), values=fields.Integer())
    applications = fields.Dict(keys=fields.String(), values=fields.Integer())
    inquiries_closed = fields.Integer()
    covers_served = fields.Integer()
    duty_report = fields.Dict(allow_none=True, metadata={
        "description": "the year's report (述职): status and grade; null if none was written"})


class AuditQuery(PageArgs):
    """``from`` (inclusive) and ``to`` (exclusive): ISO datetimes with their offset."""

    actor_id = fields.String(validate=validate.Length(max=36))
    correlation_id = fields.String(validate=validate.Length(max=64))
    since = fields.AwareDateTime(data_key="from")
    until = fields.AwareDateTime(data_key="to")


class AuditEntryOut(Schema):
    id = fields.String()
    at = OfficeTime()
    actor_id = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    method = fields.String()
    path = fields.String()
    status = fields.Integer()
    correlation_id = fields.String()
    username = fields.String(allow_none=True, metadata={"description": "a sign-in's"})
    client = fields.String(allow_none=True, metadata={"description": "the client address"})
