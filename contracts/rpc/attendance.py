"""RPC inputs and outputs of attendance (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.fields import OfficeTime, PageArgs, text

STATUSES = tuple(vocabulary.ABSENCE_STATUSES)


def contact_field():
    """七.3 联系方式: required, refused as ``contact_required`` by the rules (a blank one
    too), not by the schema."""
    return fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100),
                         metadata={"description": "required (422 contact_required)"})


class NoticeIn(Schema):
    start_at = fields.AwareDateTime(required=True)
    expected_return_at = fields.AwareDateTime(required=True)
    reason = text(500, required=True)
    kind = fields.String(required=True, validate=validate.OneOf(list(vocabulary.NOTICE_KINDS)))
    contact = contact_field()


class LeaveIn(Schema):
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    reason = text(500, required=True)
    kind = fields.String(load_default="other",
                         validate=validate.OneOf(list(vocabulary.LEAVE_KINDS)),
                         metadata={"description": ", ".join(vocabulary.LEAVE_KINDS.values())})
    contact = contact_field()
    handover_note = fields.String(load_default=None, allow_none=True, metadata={
        "description": "交接说明: matters in hand and pending (required)"},
        validate=validate.Length(max=5000))


class DecisionIn(Schema):
    note = fields.String(load_default=None, allow_none=True,
                         validate=validate.Length(max=500))


class ReturnIn(Schema):
    returned_at = fields.AwareDateTime(load_default=None, allow_none=True, metadata={
        "description": "refused (422 returned_at_not_allowed): the report is the return"})


class AcknowledgeIn(Schema):
    """七.5: the approver takes note of the return report, and may correct its time."""

    returned_at = fields.AwareDateTime(load_default=None, allow_none=True, metadata={
        "description": "the corrected return time (a note says why)"})
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))


class ReportIn(Schema):
    staff_id = fields.String(required=True)
    observed_at = fields.AwareDateTime(required=True)
    note = text(1000, required=True)


class AbsenceQuery(PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES))
    staff_id = fields.String()
    approver_id = fields.String()
    acknowledged = fields.Boolean(metadata={"description": "false: return reports waiting"})
    away = fields.Boolean(metadata={
        "description": "true: started and not yet reported back (what the board shows); "
                       "false: the others"})


class BoardQuery(PageArgs):
    division_id = fields.String()


class AbsenceOut(Schema):
    id = fields.String()
    type = fields.String(attribute="kind", metadata={"enum": list(vocabulary.ABSENCE_KINDS)})
    staff_id = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    approver_id = fields.String(allow_none=True)
    start_at = OfficeTime()
    expected_return_at = OfficeTime()
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    reason = fields.String(metadata={
        "description": "「因私」 or 「请假」 to whoever may not read the reason itself"})
    kind = fields.String(attribute="reason_kind", metadata={
        "description": "a notice's business | personal; a leave request's kind (LEAVE_KINDS)"})
    contact = fields.String(allow_none=True, metadata={
        "description": "null to whoever may not read it (个人信息保护)"})
    decided_at = OfficeTime(allow_none=True)
    decision_note = fields.String(allow_none=True)
    started_at = OfficeTime(allow_none=True)
    returned_at = OfficeTime(allow_none=True)
    late = fields.Boolean()
    late_minutes = fields.Integer()
    handover_note = fields.String(allow_none=True)
    return_acknowledged_at = OfficeTime(allow_none=True)
    chained_with = fields.List(fields.String(), metadata={
        "description": "the same day's notices this one continues (七.1)"})
    hands_over = fields.Boolean(metadata={
        "description": "false for a short notice: the post stays with its holder"})
    decided_by = fields.String(allow_none=True)
    decided_for = fields.String(allow_none=True, metadata={
        "description": "the head the decider acted for (五.3), if any"})
    acknowledged_by = fields.String(allow_none=True)
    acknowledged_for = fields.String(allow_none=True)
    return_reported_at = OfficeTime(allow_none=True)
    return_correction_note = fields.String(allow_none=True)
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: approve, reject, return, acknowledge"})


class ReportOut(Schema):
    id = fields.String()
    staff_id = fields.String()
    observed_at = OfficeTime()
    note = fields.String()
    reported_by = fields.String()
    approver_id = fields.String(allow_none=True)


class BoardRow(Schema):
    """离岗告示牌: one row per post of someone away now."""

    absence_id = fields.String()
    staff_id = fields.String()
    name = fields.String()
    post_title = fields.String(allow_none=True)
    reason = fields.String()
    start_at = OfficeTime()
    expected_return_at = OfficeTime()
    contact = fields.String()
    covered_by = fields.String(allow_none=True)
    covered_by_id = fields.String(allow_none=True)


class DutyCheckIn(Schema):
    """在岗检查 (七.6): who was found away from their post at ``checked_at``."""

    division_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    checked_at = fields.AwareDateTime(required=True)
    absent_ids = fields.List(fields.String(validate=validate.Length(min=1, max=36)),
                             required=True, validate=validate.Length(max=500),
                             metadata={"description": "[] when everyone was in"})
    note = fields.String(load_default=None, allow_none=True,
                         validate=validate.Length(max=1000))


class DutyCheckQuery(PageArgs):
    division_id = fields.String(validate=validate.Length(max=36))


class AbsenteeOut(Schema):
    staff_id = fields.String()
    excused = fields.Boolean(metadata={
        "description": "away on an absence that had started and not ended at the check"})
    absence_id = fields.String(allow_none=True, metadata={"description": "what excused them"})
    report_id = fields.String(allow_none=True, metadata={
        "description": "the unauthorised absence recorded (擅自离岗), when not excused"})


class DutyCheckOut(Schema):
    id = fields.String()
    division_id = fields.String()
    checked_at = OfficeTime()
    checked_by = fields.String()
    checked_for = fields.String(allow_none=True, metadata={
        "description": "the head the checker acted for (五.3), if any"})
    note = fields.String(allow_none=True)
    absent = fields.List(fields.Nested(AbsenteeOut))
    created_at = OfficeTime()
    actions = fields.List(fields.String(), metadata={"description": "none yet: a check stands"})
