"""RPC inputs and outputs of notifications (also the gateway's OpenAPI schemas)."""

from marshmallow import Schema, fields, validate

from contracts.fields import OfficeTime, PageArgs, flag

DELIVERY_STATUSES = ("queued", "sent", "failed")


class NotificationQuery(PageArgs):
    unread = fields.Boolean(metadata={"description": "true: only the unread; false: only the read"})


class NotificationOut(Schema):
    id = fields.String()
    kind = fields.String(metadata={"description": "a to-do kind, deadline_warning, overdue, "
                                                  "urge or case_decided"})
    title = fields.String()
    body = fields.String()
    link = fields.String(metadata={"description": "the console page"})
    urgent = fields.Boolean()
    created_at = OfficeTime()
    read_at = OfficeTime(allow_none=True)


class NotificationPage(Schema):
    items = fields.List(fields.Nested(NotificationOut))
    total = fields.Integer()
    unread = fields.Integer()


class SettingsIn(Schema):
    email = fields.Email(load_default=None, allow_none=True,
                         validate=validate.Length(max=254))
    email_enabled = flag(load_default=False)
    webhook_url = fields.Url(load_default=None, allow_none=True, schemes={"https", "http"},
                             require_tld=False, validate=validate.Length(max=500),
                             metadata={"description": "a group robot (企业微信, 钉钉) on a "
                                                      "host XIAONENG_WEBHOOK_HOSTS allows"})
    webhook_enabled = flag(load_default=False)


class SettingsOut(Schema):
    email = fields.String(allow_none=True)
    email_enabled = fields.Boolean()
    webhook_url = fields.String(allow_none=True)
    webhook_enabled = fields.Boolean()


class DeliveryQuery(PageArgs):
    status = fields.String(validate=validate.OneOf(DELIVERY_STATUSES))


class DeliveryOut(Schema):
    id = fields.String()
    notification_id = fields.String()
    staff_id = fields.String()
    channel = fields.String(metadata={"enum": ["email", "webhook"]})
    target = fields.String()
    status = fields.String(metadata={"enum": list(DELIVERY_STATUSES)})
    attempts = fields.Integer()
    due_at = OfficeTime(metadata={"description": "not before: the next office hour"})
    next_attempt_at = OfficeTime(allow_none=True)
    sent_at = OfficeTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    created_at = OfficeTime()
