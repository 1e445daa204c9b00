"""RPC inputs and outputs of documents (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.fields import OfficeTime, PageArgs, flag, text

INCOMING = tuple(vocabulary.DOCUMENT_STATUSES)
OUTGOING = tuple(vocabulary.OUTGOING_STATUSES)



class DocumentIn(Schema):
    title = text(300, required=True)
    from_unit = text(200, required=True)
    received_at = fields.AwareDateTime(required=True)
    urgent = flag(load_default=False)
    kind = text(100, required=True)


class AssignIn(Schema):
    assignee_id = fields.String(required=True)
    due_date = fields.Date(load_default=None, allow_none=True)


class ReasonIn(Schema):
    reason = text(1000, required=True)


class ConsultationIn(Schema):
    with_unit = text(200, required=True)
    topic = text(1000, required=True)


class ReplyIn(Schema):
    reply = text(5000, required=True)


class ExtensionIn(Schema):
    """四.3: the basis of the extension and the handling opinion, both told to the sender."""

    new_due_date = fields.Date(required=True)
    basis = text(1000, required=True)
    opinion = text(2000, required=True)


class NoteIn(Schema):
    """A head's decision: a note, required to reject."""

    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class CompleteIn(Schema):
    result = text(5000, required=True)


class OutgoingIn(Schema):
    title = text(300, required=True)
    series = fields.String(required=True, validate=validate.Regexp(
        r"^\S{1,30}$", error="a short code without spaces, such as 编发"))


class DocumentQuery(PageArgs):
    status = fields.String(validate=validate.OneOf(INCOMING))
    assignee_id = fields.String()
    overdue = fields.Boolean()


class WorkingDayQuery(Schema):
    start = fields.Date(required=True, data_key="from")
    n = fields.Integer(required=True, validate=validate.Range(min=1, max=366))


class ConsultationOut(Schema):
    id = fields.String()
    document_id = fields.String()
    with_unit = fields.String()
    topic = fields.String()
    opened_at = OfficeTime()
    reply = fields.String(allow_none=True)
    replied_at = OfficeTime(allow_none=True)


class ExtensionOut(Schema):
    """申请延期: ``requested``, then ``approved`` (the due date moved, the sender told) or
    ``rejected`` by the head (or acting head, ``decided_for`` the head)."""

    id = fields.String()
    status = fields.String(metadata={"enum": list(vocabulary.EXTENSION_STATUSES)})
    old_due_date = fields.Date()
    new_due_date = fields.Date()
    basis = fields.String()
    opinion = fields.String(allow_none=True)
    requested_by = fields.String()
    requested_at = OfficeTime()
    decided_by = fields.String(allow_none=True)
    decided_for = fields.String(allow_none=True)
    decided_at = OfficeTime(allow_none=True)
    decision_note = fields.String(allow_none=True)
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: approve, reject"})


class DocumentOut(Schema):
    id = fields.String()
    title = fields.String()
    from_unit = fields.String()
    kind = fields.String()
    urgent = fields.Boolean()
    received_at = OfficeTime()
    division_id = fields.String()
    status = fields.String(metadata={"enum": list(INCOMING)})
    assignee_id = fields.String(allow_none=True)
    acting_id = fields.String(allow_none=True)
    assigned_at = OfficeTime(allow_none=True)
    due_date = fields.Date(allow_none=True)
    signal = fields.String(metadata={"enum": list(vocabulary.SIGNALS)})
    return_reason = fields.String(allow_none=True)
    result = fields.String(allow_none=True)
    completed_by = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    assigned_by = fields.String(allow_none=True)
    assigned_for = fields.String(allow_none=True, metadata={
        "description": "the head the assigner acted for (五.3), if any"})
    return_decided_by = fields.String(allow_none=True)
    return_decided_for = fields.String(allow_none=True)
    return_note = fields.String(allow_none=True, metadata={
        "description": "why the head refused the 退文"})
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: assign, return, consult, extend, "
                       "complete, approve_return, reject_return"})


class OutgoingOut(Schema):
    id = fields.String()
    title = fields.String()
    series = fields.String()
    drafter_id = fields.String()
    status = fields.String(metadata={"enum": list(OUTGOING)})
    signed_by = fields.String(allow_none=True)
    signed_at = OfficeTime(allow_none=True)
    number = fields.String(allow_none=True)
    seq = fields.Integer(allow_none=True)
    year = fields.Integer(allow_none=True)
    printed_at = OfficeTime(allow_none=True)
    actions = fields.List(fields.String(), metadata={
        "description": "what the caller may do now: sign, number, print"})


class DocumentAnyOut(DocumentOut, OutgoingOut):
    """``GET /documents/{id}``: an incoming document with its consultations and extensions,
    or an outgoing one (its fields instead); ``direction`` says which."""

    direction = fields.String(metadata={"enum": ["incoming", "outgoing"]})
    status = fields.String(metadata={"enum": sorted({*INCOMING, *OUTGOING})})
    consultations = fields.Nested(ConsultationOut, many=True)
    extensions = fields.Nested(ExtensionOut, many=True)


class DateOut(Schema):
    date = fields.Date()
