"""Events raised by attendance (离岗告示制 and leave)."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.common import TodoAdded, WorkUrged, WriteRecorded

KINDS = tuple(vocabulary.ABSENCE_KINDS)


def hands_over_field():
    """False for a short absence (30 minutes or less, recorded without approval, 七.1):
    the post stays with its holder. True in events raised before it existed."""
    return fields.Boolean(load_default=True)


class AbsenceStarted(Schema):
    """An approved (or recorded) absence has begun: posts hands the holder's posts over."""

    absence_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    reason = fields.String(required=True)  # as the public may see it: 「因私」 for personal
    start_at = fields.AwareDateTime(required=True)
    expected_return_at = fields.AwareDateTime(required=True)
    approver_id = fields.String(required=True, allow_none=True)
    # 交接说明 of a leave request (五.3); absent from events raised before it existed.
    handover_note = fields.String(load_default=None, allow_none=True)
    hands_over = hands_over_field()


class AbsenceEnded(Schema):
    """The absent person is back: their posts return to them; ``late`` by
    ``late_minutes`` past the expected return time plus the grace period."""

    absence_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    returned_at = fields.AwareDateTime(required=True)
    late = fields.Boolean(required=True)
    late_minutes = fields.Integer(required=True)
    hands_over = hands_over_field()


class LateReturn(Schema):
    """Not reported back by the expected return time plus the grace period (raised once)."""

    absence_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    expected_return_at = fields.AwareDateTime(required=True)
    detected_at = fields.AwareDateTime(required=True)
    approver_id = fields.String(required=True, allow_none=True)


class UnauthorisedAbsence(Schema):
    """擅自离岗: an absence without a notice, reported by a head or leader, or found by a
    spot check (在岗检查, 七.6): then ``source`` is ``duty_check`` — the violation's source —
    and ``duty_check_id`` names the check; a report's event has neither."""

    report_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    observed_at = fields.AwareDateTime(required=True)
    reported_by = fields.String(required=True)
    approver_id = fields.String(required=True, allow_none=True)
    note = fields.String(required=True)
    source = fields.String(validate=validate.Equal("duty_check"))
    duty_check_id = fields.String()


SCHEMAS = {
    "write_recorded": WriteRecorded,
    "absence_started": AbsenceStarted,
    "absence_ended": AbsenceEnded,
    "late_return": LateReturn,
    "unauthorised_absence": UnauthorisedAbsence,
    "todo_added": TodoAdded,
    "work_urged": WorkUrged,
}
