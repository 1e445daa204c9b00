"""我的待办: an item of what waits for someone, as every service's ``todo(actor, division_id)``
answers it and ``todo_added`` announces it, and the console page each item is handled on.

A service says what the item is — its kind, the record's id and the record's own words
(a document's title, a person's name, a question), and the step it asks for where its kind
alone does not say — and never how the console shows it: the labels of kinds and steps are
the vocabulary's (``TODO_KINDS``, ``TODO_STEPS``), the page is :func:`link`'s.
"""

from marshmallow import Schema, fields, validate

from contracts.fields import OfficeTime
from contracts.vocabulary import SIGNALS, TODO_KINDS, TODO_STEPS

# The console page of each kind of record an item is handled on.
PAGES = {"document": "/documents/{id}", "outgoing": "/documents/outgoing/{id}",
         "leave_notice": "/absences/notice/{id}", "leave_request": "/absences/leave/{id}",
         "inquiry": "/inquiries/{id}", "application": "/applications/{id}",
         "complaint": "/complaints/{id}", "violation": "/violations/{id}", "case": "/cases/{id}",
         "duty_report": "/duty-reports"}
# The record each kind of item is about. An item of another kind names its record
# (``record``): an absence to approve is a notice or a leave request, an urge any work
# that may be urged (``contracts.common.URGE_KINDS``).
RECORDS = {"document": "document", "assign_document": "document", "sign": "outgoing",
           "number_print": "outgoing", "inquiry": "inquiry", "application": "application",
           "referral": "application", "complaint": "complaint", "violation": "violation",
           "case": "case", "duty_report": "duty_report"}


class TodoItem(Schema):
    """One thing waiting for someone, as a service answers it."""

    kind = fields.String(required=True, validate=validate.OneOf(TODO_KINDS))
    id = fields.String(required=True)
    title = fields.String(required=True, metadata={"description": "the record's own words"})
    step = fields.String(allow_none=True, validate=validate.OneOf(TODO_STEPS), metadata={
        "description": "the step of its kind it asks for, where the kind alone does not say"})
    due = fields.Date(allow_none=True)
    signal = fields.String(allow_none=True, validate=validate.OneOf(SIGNALS))
    since = OfficeTime(required=True)
    record = fields.String(allow_none=True, validate=validate.OneOf(PAGES), metadata={
        "description": "the kind of record it is handled on, where its kind does not say"})
    record_id = fields.String(allow_none=True, metadata={
        "description": "that record's id, where it is not the item's"})


class TodoEntry(TodoItem):
    """An item as the caller's to-do lists it (GET /api/v1/me/todo)."""

    link = fields.String(required=True, metadata={"description": "the console page"})


_TODO_ITEM = TodoItem()  # built once: a Schema's construction cost more than its dump


def todo_item(kind, record_id, title, since, due=None, signal=None, *, step=None, record=None,
              on=None):
    """An item of ``kind`` about the record ``record_id``, asking for ``step`` (of
    ``TODO_STEPS``) where the kind alone does not say; ``record`` and ``on`` (its id) name
    the record it is handled on where the kind does not."""
    if step is not None and step not in TODO_STEPS:
        raise ValueError(f"not a step of a to-do item: {step!r}")
    return _TODO_ITEM.dump({"kind": kind, "id": record_id, "title": title, "step": step,
                            "since": since, "due": due, "signal": signal, "record": record,
                            "record_id": on})


def page(record, record_id):
    """The console page of a record (a kind of ``PAGES``)."""
    return PAGES[record].format(id=record_id)


def link(item):
    """The console page an item is handled on."""
    return page(item.get("record") or RECORDS[item["kind"]], item.get("record_id") or item["id"])
