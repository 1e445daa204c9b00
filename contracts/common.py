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


def answerable_fields():
    """五.4: who answers for a lapse on work a B covered part of the time — whoever held it
    for more working days between its start and its due date (a tie: the one acting on the
    due date) — and the working days each held it. Absent from events raised before they
    existed: then the B acting at the time answers."""
    return {"responsible_id": fields.String(load_default=None, allow_none=True),
            "days_held": fields.Dict(keys=fields.String(), values=fields.Integer(),
                                     load_default=None, allow_none=True)}
