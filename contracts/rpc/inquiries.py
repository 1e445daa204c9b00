"""RPC inputs and outputs of inquiries (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.fields import OfficeTime, PageArgs, flag, text
from contracts.inquiries import CATEGORIES, COMPLAINT_STATUSES, FINDINGS
from contracts.rpc.referrals import ReferralOut


class MaterialIn(Schema):
    code = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_.-]{1,30}$"))
    name = text(200, required=True)
    required = flag(load_default=True)


class MatterIn(Schema):
    name = text(200, required=True)
    basis = text(5000, required=True)
    time_limit_days = fields.Integer(required=True, validate=validate.Range(min=0, max=365),
                                     metadata={"description": "working days; 0: 即办, due "
                                                              "the day it is accepted"})
    procedure = text(5000, required=True)
    division_id = fields.String(required=True)
    materials = fields.List(fields.Nested(MaterialIn), required=True,
                            validate=validate.Length(min=1, max=100))


class MatterOut(Schema):
    id = fields.String()
    name = fields.String()
    basis = fields.String()
    time_limit_days = fields.Integer()
    procedure = fields.String()
    division_id = fields.String()
    materials = fields.List(fields.Nested(MaterialIn))
    version = fields.Integer(metadata={"description": "rises with every revision"})


class MatterRecord(MatterOut):
    """A matter as staff manage it: withdrawn ones too, and what the caller may do."""

    withdrawn_at = OfficeTime(allow_none=True)
    withdraw_reason = fields.String(allow_none=True)
    withdrawn_by = fields.String(allow_none=True)
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: revise (PUT), withdraw"})


class WithdrawIn(Schema):
    reason = fields.String(required=True, validate=[
        validate.Length(max=2000), validate.Regexp(r"\S", error="give the reason")])


class InquiryIn(Schema):
    visitor_name = text(100, required=True)
    contact = text(100, required=True)
    question = text(5000, required=True)
    matter_id = fields.String(load_default=None, allow_none=True)


class HandleIn(Schema):
    answer = text(5000, required=True)


class GuideIn(Schema):
    """二.4: one of our divisions receives it, and must answer it."""

    division_id = fields.String(required=True)
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class AnswerIn(Schema):
    answer = text(5000, required=True)


class RedirectIn(Schema):
    external_unit = text(200, required=True)
    explanation = text(5000, required=True)


def withheld():
    """A visitor's or party's name or contact: null to readers outside the divisions
    handling the matter (个人信息保护)."""
    return fields.String(allow_none=True, metadata={
        "description": "null to readers outside the divisions handling it"})


class InquiryOut(Schema):
    id = fields.String()
    visitor_name = withheld()
    contact = withheld()
    question = fields.String()
    matter_id = fields.String(allow_none=True)
    first_responder_id = fields.String()
    acting_id = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(vocabulary.INQUIRY_STATUSES)})
    answer = fields.String(allow_none=True)
    guided_division_id = fields.String(allow_none=True)
    guide_note = fields.String(allow_none=True)
    answer_due_day = fields.Date(allow_none=True)
    answered_by = fields.String(allow_none=True)
    answered_at = OfficeTime(allow_none=True)
    external_unit = fields.String(allow_none=True)
    explanation = fields.String(allow_none=True)
    closed_by = fields.String(allow_none=True)
    closed_at = OfficeTime(allow_none=True)
    recorded_at = OfficeTime()
    lapse_day = fields.Date()
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: handle, guide, redirect, answer, urge"})


class SubmittedMaterial(Schema):
    code = fields.String(required=True)
    ok = flag(required=True)
    defect = fields.String(load_default=None, allow_none=True,
                           validate=validate.Length(max=500))


class ApplicationIn(Schema):
    matter_id = fields.String(required=True)
    applicant = text(200, required=True)
    contact = text(100, required=True)
    materials = fields.List(fields.Nested(SubmittedMaterial), required=True,
                            validate=validate.Length(max=100))
    refusal_reason = fields.String(load_default=None, allow_none=True, metadata={
        "description": "不予受理: the reason the application is refused"},
        validate=validate.Length(max=2000))


class ResubmissionIn(ApplicationIn):
    """The shape of a submission; the matter, when given, must be the application's."""

    matter_id = fields.String(load_default=None, allow_none=True)
    applicant = text(200)
    contact = text(100)


class CompleteIn(Schema):
    result = text(5000, required=True)


class NoticeItem(Schema):
    code = fields.String()
    name = fields.String()
    problem = fields.String(metadata={"enum": list(vocabulary.MATERIAL_PROBLEMS)})
    defect = fields.String()


class NoticeOut(Schema):
    number = fields.String()
    items = fields.List(fields.Nested(NoticeItem))
    basis = fields.String()
    time_limit_days = fields.Integer()
    procedure = fields.String()
    issued_at = OfficeTime()


class ApplicationOut(Schema):
    id = fields.String()
    matter_id = fields.String()
    matter_version = fields.Integer(metadata={
        "description": "the version of the matter it was last reviewed against"})
    applicant = withheld()
    contact = withheld()
    status = fields.String(metadata={"enum": list(vocabulary.APPLICATION_STATUSES)})
    due_date = fields.Date(allow_none=True)
    reviewer_id = fields.String(allow_none=True)
    acting_id = fields.String(allow_none=True)
    refusal_reason = fields.String(allow_none=True)
    decided_at = OfficeTime(allow_none=True)
    result = fields.String(allow_none=True)
    completed_by = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    completed_on_time = fields.Boolean(allow_none=True)
    notice = fields.Nested(NoticeOut, allow_none=True)
    referrals = fields.Nested(ReferralOut, many=True, metadata={"description": "六.4"})
    token = fields.String(metadata={"description": "only when filed: opens the public notice"})
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: resubmit, complete, refer (POST "
                       "referrals), urge"})


class ComplaintIn(Schema):
    """All three targets are optional: "the person at the second window" is a complaint."""

    staff_id = fields.String(load_default=None, allow_none=True)
    inquiry_id = fields.String(load_default=None, allow_none=True)
    division_id = fields.String(load_default=None, allow_none=True)
    category = fields.String(required=True, validate=validate.OneOf(list(CATEGORIES)))
    description = fields.String(required=True, validate=[
        validate.Length(max=5000), validate.Regexp(r"\S", error="the complaint is empty")])
    contact = fields.String(load_default=None, allow_none=True,
                            validate=validate.Length(max=100))


class ComplaintOut(Schema):
    """What the complainant sees, with the token."""

    id = fields.String()
    status = fields.String(metadata={"enum": list(COMPLAINT_STATUSES)})
    category = fields.String()
    filed_at = OfficeTime()
    reply = fields.String(allow_none=True, metadata={"description": "once concluded"})
    token = fields.String(metadata={"description": "only when filed: for looking it up"})


class ComplaintRecord(Schema):
    """A complaint as those who investigate it see it."""

    id = fields.String()
    category = fields.String()
    description = fields.String()
    contact = fields.String(allow_none=True, metadata={
        "description": "null to whoever the complaint names (回避)"})
    staff_id = fields.String(allow_none=True)
    inquiry_id = fields.String(allow_none=True)
    division_id = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(COMPLAINT_STATUSES)})
    filed_at = OfficeTime()
    investigator_id = fields.String(allow_none=True)
    investigator_for = fields.String(allow_none=True, metadata={
        "description": "the head the investigator acted for (五.3), if any"})
    investigation_started_at = OfficeTime(allow_none=True)
    finding = fields.Function(lambda c: c.status if c.status in FINDINGS else None,
                              allow_none=True, metadata={"enum": [*FINDINGS, None]})
    reply = fields.String(allow_none=True)
    held_against_id = fields.String(allow_none=True)
    concluded_by = fields.String(allow_none=True)
    concluded_at = OfficeTime(allow_none=True)
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: investigate, conclude"})
    recused = fields.Boolean(metadata={
        "description": "the complaint names the caller: they may not judge it (回避)"})


class ConclusionIn(Schema):
    finding = fields.String(required=True, validate=validate.OneOf(FINDINGS))
    reply = fields.String(required=True, validate=[
        validate.Length(max=5000), validate.Regexp(r"\S", error="the reply is empty")])
    staff_id = fields.String(load_default=None, allow_none=True, metadata={
        "description": "who is held responsible; default: the person complained about"})


class ComplaintQuery(PageArgs):
    status = fields.String(validate=validate.OneOf(COMPLAINT_STATUSES))
    division_id = fields.String()


class HalfQuery(Schema):
    half = fields.String(required=True, metadata={
        "description": "the half year: 2026H1 or 2026H2", "pattern": r"^\d{4}H[12]$"})


class CommitmentReportRow(Schema):
    staff_id = fields.String()
    name = fields.String(allow_none=True)
    inquiries_handled = fields.Integer()
    lapses = fields.Integer()
    complaints = fields.Integer()
    notices_issued = fields.Integer()
    overdue_applications = fields.Integer()


class InquiryQuery(PageArgs):
    status = fields.String()
    first_responder_id = fields.String()
    guided_division_id = fields.String()
