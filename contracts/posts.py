"""Events raised by posts (岗位责任制 and the organisation)."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.common import WriteRecorded

ROLES = tuple(vocabulary.ROLES)


def revision_field():
    """How many changes of the record this event follows; a copy keeps the highest it has
    seen and ignores an event that comes later with a lower one. 0 in events raised before
    revisions existed."""
    return fields.Integer(load_default=0, validate=validate.Range(min=0))


class StaffChanged(Schema):
    """A staff account was created or changed; other services keep a projection.

    ``active`` false: the person left (their tokens stop working); ``token_version``
    rises with a password change (older tokens stop working); ``phone``: the office phone
    (一.2), which a written notice gives beside its 经办人's name (六.6). All three are
    absent from events raised before they existed.
    """

    staff_id = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    division_id = fields.String(required=True, allow_none=True)
    active = fields.Boolean(load_default=True)
    token_version = fields.Integer(load_default=0)
    phone = fields.String(allow_none=True)  # absent: a view keeps the phone it has
    revision = revision_field()


class DivisionChanged(Schema):
    """A division as it is now. ``acting_head_id``: while the head is away, who holds the
    head's powers (五.3: the B acting for the head's own post, else the supervising
    leader); None while the head is present, and in events raised before it existed."""

    division_id = fields.String(required=True)
    name = fields.String(required=True)
    code = fields.String(load_default=None, allow_none=True)  # what outside systems name it by
    head_id = fields.String(required=True, allow_none=True)
    leader_id = fields.String(required=True, allow_none=True)
    acting_head_id = fields.String(load_default=None, allow_none=True)
    revision = revision_field()


class PostChanged(Schema):
    """A post's holder, backups or title changed. ``holder_id`` None: vacant. On a change
    of holder, ``previous_holder_id`` names whose open work the new holder takes over."""

    post_id = fields.String(required=True)
    title = fields.String(required=True)
    division_id = fields.String(required=True)
    holder_id = fields.String(required=True, allow_none=True)
    previous_holder_id = fields.String(load_default=None, allow_none=True)
    backup_ids = fields.List(fields.String(), required=True)
    special = fields.Boolean(required=True)
    revision = revision_field()


class HandoverStarted(Schema):
    """A post was handed from its absent holder (A) to a backup (B) who now acts for it."""

    handover_id = fields.String(required=True)
    post_id = fields.String(required=True)
    post_title = fields.String(required=True)
    division_id = fields.String(required=True)
    from_id = fields.String(required=True)
    to_id = fields.String(required=True)
    absence_id = fields.String(required=True)
    reason = fields.String(required=True)
    note = fields.String(load_default=None, allow_none=True)  # A's 交接说明 (五.3)
    started_at = fields.AwareDateTime(required=True)


class HandoverEnded(Schema):
    """The backup (B) no longer acts for the post: its holder returned, the B is away, or
    the post fell vacant (``why``)."""

    handover_id = fields.String(required=True)
    post_id = fields.String(required=True)
    from_id = fields.String(required=True)
    to_id = fields.String(required=True)
    ended_at = fields.AwareDateTime(required=True)
    why = fields.String(required=True, validate=validate.OneOf(["holder_returned",
                                                                "backup_away", "post_vacant"]))


class HandoverFailed(Schema):
    """No backup was available: the post is uncovered (the division head's violation)."""

    post_id = fields.String(required=True)
    post_title = fields.String(required=True)
    division_id = fields.String(required=True)
    holder_id = fields.String(required=True)
    head_id = fields.String(required=True, allow_none=True)
    absence_id = fields.String(required=True)
    failed_at = fields.AwareDateTime(required=True)


SCHEMAS = {
    "write_recorded": WriteRecorded,
    "staff_changed": StaffChanged,
    "division_changed": DivisionChanged,
    "post_changed": PostChanged,
    "handover_started": HandoverStarted,
    "handover_ended": HandoverEnded,
    "handover_failed": HandoverFailed,
}
