"""Events raised by accountability (责任追究制)."""

from marshmallow import Schema, fields, validate

from contracts.common import TodoAdded, WriteRecorded
from contracts.vocabulary import (
    CASE_KINDS,
    NATURES,
    SEVERITIES,
    VIOLATION_KINDS,
)

KINDS = list(VIOLATION_KINDS)
CLOSED = ("decided", "dismissed")  # a case's statuses once judged


class CaseOpened(Schema):
    """A case about ``staff_id``. ``responsible_id``: who answers for them if it turns
    serious (the linked leader case's subject); with the subject, nobody who may judge it
    (回避). None in a leader case, and in events raised before it existed."""

    case_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(list(CASE_KINDS)))
    severity = fields.String(required=True, validate=validate.OneOf(list(SEVERITIES)))
    suggested_outcome = fields.String(required=True)
    linked_case_id = fields.String(required=True, allow_none=True)
    responsible_id = fields.String(load_default=None, allow_none=True)


class CaseDecided(Schema):
    """Decided by a leader at the severity they judged, or dismissed (by a leader, or along
    with the case it was linked to); ``decided_by`` is None when the system closed it."""

    case_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(CLOSED))
    severity = fields.String(required=True, validate=validate.OneOf(list(SEVERITIES)))
    outcome = fields.String(required=True, allow_none=True)
    measures = fields.List(fields.String(), required=True)
    note = fields.String(required=True, allow_none=True)
    decided_by = fields.String(required=True, allow_none=True)


class ViolationRecorded(Schema):
    """A violation of ``kind`` by ``staff_id``, recorded into their open case ``case_id``;
    ``recorded_by`` names the person who recorded a duty failure, None when an event did."""

    violation_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    nature = fields.String(required=True, validate=validate.OneOf(list(NATURES)))
    occurred_at = fields.AwareDateTime(required=True)
    case_id = fields.String(required=True)
    recorded_by = fields.String(required=True, allow_none=True)  # a person, for duty failures


class ViolationContested(Schema):
    """申辩: the person named gave their explanation (情况说明)."""

    violation_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True)
    case_id = fields.String(required=True, allow_none=True)
    explanation = fields.String(required=True)
    contested_at = fields.AwareDateTime(required=True)


class ViolationJudged(Schema):
    """A leader upheld (维持) or waived (撤销) a violation, with the note or reason."""

    violation_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True)
    case_id = fields.String(required=True, allow_none=True)
    judgement = fields.String(required=True)
    judged_by = fields.String(required=True)
    judged_at = fields.AwareDateTime(required=True)


SCHEMAS = {
    "write_recorded": WriteRecorded,
    "case_opened": CaseOpened,
    "case_decided": CaseDecided,
    "violation_recorded": ViolationRecorded,
    "violation_contested": ViolationContested,
    "violation_upheld": ViolationJudged,
    "violation_waived": ViolationJudged,
    "todo_added": TodoAdded,
}
