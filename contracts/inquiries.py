"""Events raised by inquiries (首问负责制, 一次性告知制, 服务承诺制)."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from contracts import vocabulary
from contracts.common import TodoAdded, WorkRouted, WorkUrged, WriteRecorded, answerable_fields

CATEGORIES = tuple(vocabulary.COMPLAINT_CATEGORIES)
COMPLAINT_STATUSES = tuple(vocabulary.COMPLAINT_STATUSES)
FINDINGS = tuple(vocabulary.FINDINGS)
CLOSINGS = tuple(s for s in vocabulary.INQUIRY_STATUSES if s != "open")  # how one closes


class FirstInquiryLapsed(Schema.from_dict(answerable_fields())):
    """An inquiry not closed by the end of the next working day (raised once per stage).

    ``first_response``: the first responder (or the B acting for them) did not close it;
    ``guided``: the division it was guided to did not answer — its head answers for it.
    """

    inquiry_id = fields.String(required=True)
    first_responder_id = fields.String(required=True)
    acting_id = fields.String(required=True, allow_none=True)
    recorded_at = fields.AwareDateTime(required=True)
    due_day = fields.Date(required=True)
    stage = fields.String(load_default="first_response", validate=validate.OneOf(
        ["first_response", "guided"]))
    division_id = fields.String(load_default=None, allow_none=True)
    head_id = fields.String(load_default=None, allow_none=True)

    @validates_schema
    def _a_head_for_a_guided_lapse(self, data, **kwargs):
        if data.get("stage") == "guided" and not data.get("head_id"):
            raise ValidationError("a guided inquiry's lapse names the division's head",
                                  "head_id")


class ApplicationOverdue(Schema.from_dict(answerable_fields())):
    """六.3: an accepted application still open after its due date (raised once per date);
    the reviewer who accepted it answers, or the B who held it longer (五.4)."""

    application_id = fields.String(required=True)
    matter_id = fields.String(required=True)
    reviewer_id = fields.String(required=True)
    acting_id = fields.String(required=True, allow_none=True)
    due_date = fields.Date(required=True)
    days_late = fields.Integer(required=True)
    source = fields.String(required=True, validate=validate.Equal("application"))
    title = fields.String(load_default=None, allow_none=True)  # the matter; absent before
    division_id = fields.String(load_default=None, allow_none=True)  # the matter's; likewise


class ApplicationDeadlineWarning(Schema):
    """Yellow: an accepted application's due date is near (raised once per due date)."""

    application_id = fields.String(required=True)
    title = fields.String(required=True)
    reviewer_id = fields.String(required=True)
    acting_id = fields.String(required=True, allow_none=True)
    due_date = fields.Date(required=True)
    working_days_left = fields.Integer(required=True)


class ApplicationCompleted(Schema):
    """六.3: 办结."""

    application_id = fields.String(required=True)
    division_id = fields.String(load_default=None, allow_none=True)  # absent before it existed
    reviewer_id = fields.String(required=True)
    completed_by = fields.String(required=True)
    due_date = fields.Date(required=True)
    completed_on = fields.Date(required=True)
    on_time = fields.Boolean(required=True)


class ApplicationAccepted(Schema):
    """受理: an application for a matter of ``division_id`` accepted on review by
    ``reviewer_id``, due on ``due_date`` (六.3: the matter's time limit in working days)."""

    application_id = fields.String(required=True)
    matter_id = fields.String(required=True)
    division_id = fields.String(required=True)
    reviewer_id = fields.String(required=True)
    accepted_at = fields.AwareDateTime(required=True)
    due_date = fields.Date(required=True)


class LapsedItem(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    why = fields.String(required=True, validate=validate.OneOf(
        ["accepted_before", "not_listed_before"]))


class NoticeViolated(Schema):
    """A return asks for something a one-time notice should already have said."""

    application_id = fields.String(required=True)
    matter_id = fields.String(required=True)
    review_id = fields.String(required=True)
    reviewer_id = fields.String(required=True)  # who returned it now
    earlier_reviewer_ids = fields.List(fields.String(), required=True)  # who missed it
    items = fields.List(fields.Nested(LapsedItem), required=True)


class ComplaintFiled(Schema):
    """A complaint from the public: a claim to investigate, not yet a violation."""

    complaint_id = fields.String(required=True)
    staff_id = fields.String(required=True, allow_none=True)
    inquiry_id = fields.String(required=True, allow_none=True)
    division_id = fields.String(required=True, allow_none=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    filed_at = fields.AwareDateTime(required=True)


class ComplaintConcluded(Schema):
    """An investigated complaint's finding; a substantiated one names who is held to it."""

    complaint_id = fields.String(required=True)
    finding = fields.String(required=True, validate=validate.OneOf(FINDINGS))
    staff_id = fields.String(required=True, allow_none=True)
    inquiry_id = fields.String(required=True, allow_none=True)
    division_id = fields.String(required=True, allow_none=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    filed_at = fields.AwareDateTime(required=True)
    concluded_by = fields.String(required=True)
    concluded_at = fields.AwareDateTime(required=True)

    @validates_schema
    def _someone_for_a_substantiated_finding(self, data, **kwargs):
        if data.get("finding") == "substantiated" and not data.get("staff_id"):
            raise ValidationError("a substantiated finding names a staff member", "staff_id")


class InquiryRecorded(Schema):
    """首问: a first responder recorded a visitor's inquiry; ``division_id`` is theirs (None
    for someone of no division)."""

    inquiry_id = fields.String(required=True)
    first_responder_id = fields.String(required=True)
    division_id = fields.String(required=True, allow_none=True)
    recorded_at = fields.AwareDateTime(required=True)


class InquiryClosed(Schema):
    """A first inquiry closed by ``closed_by``: handled, guided or redirected to a division,
    or answered by the division it was guided to."""

    inquiry_id = fields.String(required=True)
    first_responder_id = fields.String(required=True)
    closed_by = fields.String(required=True)
    how = fields.String(required=True, validate=validate.OneOf(CLOSINGS))
    closed_at = fields.AwareDateTime(required=True)


SCHEMAS = {
    "write_recorded": WriteRecorded,
    "first_inquiry_lapsed": FirstInquiryLapsed,
    "notice_violated": NoticeViolated,
    "complaint_filed": ComplaintFiled,
    "complaint_concluded": ComplaintConcluded,
    "overdue": ApplicationOverdue,
    "application_accepted": ApplicationAccepted,
    "application_completed": ApplicationCompleted,
    "inquiry_recorded": InquiryRecorded,
    "inquiry_closed": InquiryClosed,
    "work_routed": WorkRouted,
    "deadline_warning": ApplicationDeadlineWarning,
    "todo_added": TodoAdded,
    "work_urged": WorkUrged,
}
