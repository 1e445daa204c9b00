"""RPC inputs and outputs of the posts service (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from contracts import vocabulary
from contracts.fields import OfficeTime, PageArgs, flag, text
from contracts.posts import ROLES


class Login(Schema):
    username = text(64, required=True)
    password = text(200, required=True)


class DivisionIn(Schema):
    name = text(100, required=True)
    code = text(30, required=True)
    leader_id = fields.String(load_default=None, allow_none=True)


class DivisionUpdate(Schema):
    name = text(100)
    leader_id = fields.String(allow_none=True)
    head_id = fields.String(allow_none=True)


class DivisionOut(Schema):
    id = fields.String()
    name = fields.String()
    code = fields.String()
    head_id = fields.String(allow_none=True)
    leader_id = fields.String(allow_none=True)
    acting_head_id = fields.String(allow_none=True, metadata={
        "description": "while the head is away, who holds the head's powers (五.3)"})


class StaffIn(Schema):
    username = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z0-9_.-]{2,64}$", error="2-64 letters, digits, _ . -"))
    password = fields.String(required=True, validate=validate.Length(min=8, max=200))
    name = text(100, required=True)
    title = text(100, required=True)
    phone = text(40, required=True)
    division_id = fields.String(load_default=None, allow_none=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class StaffOut(Schema):
    id = fields.String()
    username = fields.String()
    name = fields.String()
    title = fields.String()
    phone = fields.String()
    division_id = fields.String(allow_none=True)
    role = fields.String()
    active = fields.Boolean()
    left_at = OfficeTime(allow_none=True)
    leaving_reason = fields.String(allow_none=True)


class Cover(Schema):
    """Someone the caller acts for now: a holder whose post they cover (``holder``), or a
    division head whose powers they hold (``head``; ``post_id`` the head's post, or None
    for the supervising leader acting with no B free)."""

    staff_id = fields.String()
    post_id = fields.String(allow_none=True)
    as_ = fields.String(data_key="as", metadata={"enum": ["holder", "head"]})
    division_id = fields.String(allow_none=True)


class MeOut(StaffOut):
    acting_for = fields.List(fields.Nested(Cover))
    heads = fields.List(fields.String(), metadata={
        "description": "the divisions whose head powers the caller holds now: as their "
                       "head, or acting for an absent head (五.3)"})


class StaffQuery(PageArgs):
    division_id = fields.String()
    active = fields.Boolean()
    role = fields.String(validate=validate.OneOf(ROLES))


class StaffUpdate(Schema):
    name = text(100)
    title = text(100)
    phone = text(40)
    division_id = fields.String(allow_none=True)
    role = fields.String(validate=validate.OneOf(ROLES))


class DeactivationIn(Schema):
    reason = text(500, required=True, metadata={"description": "调离, 退休 …"})


class PasswordReset(Schema):
    new_password = fields.String(required=True, validate=validate.Length(max=200))


class PasswordChange(PasswordReset):
    old_password = fields.String(required=True, validate=validate.Length(max=200))


class PostIn(Schema):
    title = text(200, required=True)
    division_id = fields.String(required=True)
    duties = fields.List(text(500), required=True, validate=validate.Length(min=1, max=50))
    holder_id = fields.String(required=True)
    backup_ids = fields.List(fields.String(), load_default=list, validate=validate.Length(max=10))
    special = flag(load_default=False)


class PostUpdate(Schema):
    title = text(200)
    duties = fields.List(text(500), validate=validate.Length(min=1, max=50))
    holder_id = fields.String()
    special = flag()


class PostQuery(PageArgs):
    division_id = fields.String()
    holder_id = fields.String()
    state = fields.String(validate=validate.OneOf(list(vocabulary.POST_STATES)))


class BackupsIn(Schema):
    backup_ids = fields.List(fields.String(), required=True, validate=validate.Length(max=10))


class PostOut(Schema):
    id = fields.String()
    title = fields.String()
    division_id = fields.String()
    duties = fields.List(fields.String())
    holder_id = fields.String(allow_none=True, metadata={"description": "None: vacant"})
    backup_ids = fields.List(fields.String())
    special = fields.Boolean()
    state = fields.String(metadata={"enum": list(vocabulary.POST_STATES)})
    acting_id = fields.String(allow_none=True)


class HandoverOut(Schema):
    id = fields.String()
    post_id = fields.String()
    absence_id = fields.String(allow_none=True)
    from_id = fields.String()
    to_id = fields.String(allow_none=True)
    started_at = OfficeTime()
    ended_at = OfficeTime(allow_none=True)
    reason = fields.String()
    note = fields.String(allow_none=True, metadata={"description": "交接说明 of A"})
    pending_items = fields.List(fields.Dict())


class HandoverQuery(PageArgs):
    post_id = fields.String()
    active = fields.Boolean()


class SignageQuery(PageArgs):
    division_id = fields.String()


class SignageCard(Schema):
    post_id = fields.String()
    post_title = fields.String()
    division = fields.String()
    division_id = fields.String()
    name = fields.String()
    title = fields.String()
    phone = fields.String()
    duties = fields.List(fields.String())
    special = fields.Boolean()
    vacant = fields.Boolean()
    backups = fields.List(fields.String(), metadata={
        "description": "the Bs' names in takeover order (五.2)"})
    acting_name = fields.String()


class WarningsQuery(PageArgs):
    division_id = fields.String()


class OrgWarning(Schema):
    kind = fields.String(metadata={"enum": [
        "division_without_head", "division_without_leader", "post_without_backup",
        "vacant_post", "inactive_backup", "holder_elsewhere", "backup_elsewhere",
        "case_without_judge"]})
    division_id = fields.String(allow_none=True)
    post_id = fields.String()
    staff_id = fields.String()
    case_id = fields.String()
    message = fields.String()
