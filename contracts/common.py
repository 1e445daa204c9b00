"""Event shapes more than one service raises."""

from marshmallow import Schema, fields, validate


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


URGE_KINDS = ("document", "application", "inquiry", "leave_notice", "leave_request")


class TodoAdded(Schema):
    """An item of work now waits for ``staff_id`` (我的待办): the same item their to-do
    lists, raised where it appears so the person can be told (notifications). With no
    ``staff_id`` it waits for every leader but those in ``except_ids`` (回避)."""

    staff_id = fields.String(required=True, allow_none=True)
    except_ids = fields.List(fields.String(), load_default=list)
    kind = fields.String(required=True)
    id = fields.String(required=True)
    title = fields.String(required=True)
    step = fields.String(load_default=None, allow_none=True)
    link = fields.String(required=True)
    due = fields.Date(required=True, allow_none=True)
    urgent = fields.Boolean(load_default=False)


class WorkUrged(Schema):
    """催办: ``urged_by`` (None: the system, when the work turned yellow) urged the work's
    holder — or the B acting for them — ``target_staff_id``, with a note."""

    urge_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(URGE_KINDS))
    id = fields.String(required=True)
    title = fields.String(required=True)
    link = fields.String(required=True)
    target_staff_id = fields.String(required=True)
    urged_by = fields.String(required=True, allow_none=True)
    note = fields.String(required=True)
    urged_at = fields.AwareDateTime(required=True)


def answerable_fields():
    """五.4: who answers for a lapse on work a B covered part of the time — whoever held it
    for more working days between its start and its due date (a tie: the one acting on the
    due date) — and the working days each held it. Absent from events raised before they
    existed: then the B acting at the time answers."""
    return {"responsible_id": fields.String(load_default=None, allow_none=True),
            "days_held": fields.Dict(keys=fields.String(), values=fields.Integer(),
                                     load_default=None, allow_none=True)}


class WriteRecorded(Schema):
    """审计: a write a service committed for a request through the gateway (raised by the
    unit of work in the same transaction: no write without its entry, no entry without its
    write), or a sign-in refused or throttled. ``actor_id`` and ``role`` are None for a
    public write such as a complaint; ``status`` is the answer's; ``username`` and
    ``client`` (the address) are a sign-in's."""

    at = fields.AwareDateTime(required=True)
    actor_id = fields.String(required=True, allow_none=True, validate=validate.Length(max=36))
    role = fields.String(required=True, allow_none=True, validate=validate.Length(max=20))
    method = fields.String(required=True, validate=validate.OneOf(
        ["POST", "PUT", "PATCH", "DELETE"]))
    path = fields.String(required=True, validate=validate.Length(max=500))
    status = fields.Integer(required=True, validate=validate.Range(min=200, max=499))
    correlation_id = fields.String(required=True, validate=validate.Length(max=64))
    username = fields.String(load_default=None, allow_none=True,
                             validate=validate.Length(max=64))
    client = fields.String(load_default=None, allow_none=True,
                           validate=validate.Length(max=64))
