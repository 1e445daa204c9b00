"""Events raised by accountability (责任追究制)."""

from marshmallow import Schema, fields, validate

from contracts.common import TodoAdded, WriteRecorded

KINDS = ["overdue", "late_return", "unauthorised_absence", "complaint", "notice_violated",
         "first_inquiry_lapsed", "handover_failed", "duty_failure"]
SEVERITIES = ["light", "serious"]
NATURES = ("non_performance", "improper_performance")  # 八.2: 不履行职责, 不正确履行职责
# The nature a violation of each kind has unless a person says otherwise.
DEFAULT_NATURES = {"overdue": "non_performance", "late_return": "improper_performance",
                   "unauthorised_absence": "improper_performance",
                   "complaint": "improper_performance", "notice_violated": "non_performance",
                   "first_inquiry_lapsed": "non_performance",
                   "handover_failed": "non_performance"}
VIOLATION_STATUSES = ("recorded", "contested", "upheld", "waived")
# The words the console shows and the exports write (console/src/format.ts has the same;
# tests/unit/test_exports.py keeps them alike).
KIND_LABELS = {"overdue": "超时办理", "late_return": "逾时归岗",
               "unauthorised_absence": "擅自离岗", "complaint": "投诉属实",
               "notice_violated": "未一次性告知", "first_inquiry_lapsed": "首问未办结",
               "handover_failed": "AB岗未顶岗", "duty_failure": "未履行岗位职责"}
NATURE_LABELS = {"non_performance": "不履行职责", "improper_performance": "不正确履行职责"}
VIOLATION_STATUS_LABELS = {"recorded": "已登记", "contested": "已申辩", "upheld": "维持",
                           "waived": "撤销"}


class CaseOpened(Schema):
    """A case about ``staff_id``. ``responsible_id``: who answers for them if it turns
    serious (the linked leader case's subject); with the subject, nobody who may judge it
    (回避). None in a leader case, and in events raised before it existed."""

    case_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(
        ["personal", "leader_responsibility"]))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    suggested_outcome = fields.String(required=True)
    linked_case_id = fields.String(required=True, allow_none=True)
    responsible_id = fields.String(load_default=None, allow_none=True)


class CaseDecided(Schema):
    """Decided by a leader at the severity they judged, or dismissed (by a leader, or along
    with the case it was linked to); ``decided_by`` is None when the system closed it."""

    case_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["decided", "dismissed"]))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
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
    nature = fields.String(required=True, validate=validate.OneOf(
        ["non_performance", "improper_performance"]))
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
