"""Event shapes more than one service raises."""

from marshmallow import Schema, fields


class WorkItem(Schema):
    kind = fields.String(required=True)
    id = fields.String(required=True)
    title = fields.String(required=True)
    due_date = fields.Date(required=True, allow_none=True)


class WorkRouted(Schema):
    """An absent holder's open work of one kind now goes to the acting B.

    ``items`` is all of that kind: it replaces the handover's pending items of the kind.
    """

    handover_id = fields.String(required=True)
    kind = fields.String(required=True)
    items = fields.List(fields.Nested(WorkItem), required=True)
