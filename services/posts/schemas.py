"""RPC inputs and outputs of the posts service (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from chassis.schemas import ROLES, OfficeTime, PageArgs, flag, text


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


class PostIn(Schema):
    title = text(200, required=True)
    division_id = fields.String(required=True)
    duties = fields.List(text(500), required=True, validate=validate.Length(min=1, max=50))
    holder_id = fields.String(required=True)
    backup_ids = fields.List(fields.String(), load_default=list, validate=validate.Length(max=10))
    special = flag(load_default=False)


class BackupsIn(Schema):
    backup_ids = fields.List(fields.String(), required=True, validate=validate.Length(max=10))


class PostOut(Schema):
    id = fields.String()
    title = fields.String()
    division_id = fields.String()
    duties = fields.List(fields.String())
    holder_id = fields.String()
    backup_ids = fields.List(fields.String())
    special = fields.Boolean()
    state = fields.String(metadata={"enum": ["normal", "covered", "uncovered"]})
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
    acting_name = fields.String()


class WarningsQuery(Schema):
    division_id = fields.String()


class OrgWarning(Schema):
    kind = fields.String(metadata={"enum": [
        "post_without_backup", "division_without_head", "division_without_leader"]})
    division_id = fields.String()
    post_id = fields.String()
    message = fields.String()
