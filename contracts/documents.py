"""Events raised by documents (办文办事限时制)."""

from marshmallow import Schema, fields

from contracts.common import TodoAdded, WorkRouted, WorkUrged, WriteRecorded, answerable_fields


class DeadlineWarning(Schema):
    """Yellow: the due date is near (raised once per due date)."""

    document_id = fields.String(required=True)
    title = fields.String(required=True)
    assignee_id = fields.String(required=True)
    acting_id = fields.String(required=True, allow_none=True)
    due_date = fields.Date(required=True)
    working_days_left = fields.Integer(required=True)


class Overdue(Schema.from_dict(answerable_fields())):
    """Red: past the due date and not finished (raised once per due date)."""

    document_id = fields.String(required=True)
    title = fields.String(required=True)
    division_id = fields.String(required=True)
    assignee_id = fields.String(required=True)
    acting_id = fields.String(required=True, allow_none=True)
    due_date = fields.Date(required=True)
    days_late = fields.Integer(required=True)


class ExtensionNotified(Schema):
    """The sending unit is told of an extension, its basis, the handling opinion and both
    dates (the 延期办理告知函 at ``/documents/{id}/extension-letter``)."""

    document_id = fields.String(required=True)
    from_unit = fields.String(required=True)
    old_due_date = fields.Date(required=True)
    new_due_date = fields.Date(required=True)
    basis = fields.String(required=True)
    opinion = fields.String(load_default=None, allow_none=True)  # absent before it existed


class DocumentReturned(Schema):
    """Out of remit: the document goes back to the sending unit with the reason."""

    document_id = fields.String(required=True)
    from_unit = fields.String(required=True)
    reason = fields.String(required=True)


class DocumentAssigned(Schema):
    """分办: the head (or acting head) assigned a document of ``division_id`` to
    ``assignee_id``, due on ``due_date``; ``reassigned`` when it had an assignee before (a
    leaver's document handed on), so a document counts as assigned once."""

    document_id = fields.String(required=True)
    division_id = fields.String(required=True)
    assignee_id = fields.String(required=True)
    assigned_by = fields.String(required=True)
    assigned_at = fields.AwareDateTime(required=True)
    due_date = fields.Date(required=True)
    reassigned = fields.Boolean(required=True)


class DocumentCompleted(Schema):
    """办结: ``completed_by`` finished the document, ``on_time`` if by its due date."""

    document_id = fields.String(required=True)
    division_id = fields.String(load_default=None, allow_none=True)  # absent before it existed
    assignee_id = fields.String(required=True)
    completed_by = fields.String(required=True)
    due_date = fields.Date(required=True)
    completed_on = fields.Date(required=True)
    on_time = fields.Boolean(required=True)


SCHEMAS = {
    "write_recorded": WriteRecorded,
    "deadline_warning": DeadlineWarning,
    "overdue": Overdue,
    "extension_notified": ExtensionNotified,
    "document_returned": DocumentReturned,
    "document_assigned": DocumentAssigned,
    "document_completed": DocumentCompleted,
    "work_routed": WorkRouted,
    "todo_added": TodoAdded,
    "work_urged": WorkUrged,
}
