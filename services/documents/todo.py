"""What waits in documents for one person (我的待办): documents to handle, to assign (or
assign again, when the assignee left), returns and extensions to decide, drafts to sign,
signed drafts of theirs to number and print, and urges (催办) on work of theirs that has
not moved since.

A division's head items go to whoever holds its head powers now: the head, or while the
head is away the acting head (五.3), and back on return. The same items are announced
(``todo_added``) where they appear, so the person is told."""

import sqlalchemy as sa

from contracts.todo import todo_item
from office import projections, urges, work_items
from services.documents import rules, views
from services.documents.models import (
    DivisionView,
    Document,
    Extension,
    Outgoing,
    StaffView,
    Urge,
)


def to_handle(document, signal=None):
    return todo_item("document", document.id, document.title, document.assigned_at,
                     document.due_date, signal)


def return_to_decide(document, signal=None):
    """For its head: the return its assignee asks for (退文)."""
    return todo_item("document", document.id, document.title, document.assigned_at,
                     document.due_date, signal, step="return")


def to_assign(document, signal=None):
    """``signal``: yellow once it has waited a working day unassigned (四.1)."""
    return todo_item("assign_document", document.id, document.title, document.received_at,
                     signal=signal)


def to_reassign(document, signal):
    """To assign again: its assignee left."""
    return todo_item("assign_document", document.id, document.title, document.assigned_at,
                     document.due_date, signal, step="reassign")


def extension_to_decide(document, extension, signal=None):
    return todo_item("document", document.id, document.title, extension.requested_at,
                     document.due_date, signal, step="extension")


def to_sign(outgoing):
    return todo_item("sign", outgoing.id, outgoing.title, outgoing.created_at)


def to_number_print(outgoing):
    """四.5: a signed draft to number, then (numbered) to send to print."""
    return todo_item("number_print", outgoing.id, outgoing.title, outgoing.signed_at,
                     step="print" if outgoing.number else "number")


def urged(document, urge, signal):
    return todo_item("urge", document.id, document.title, urge.urged_at, document.due_date,
                     signal, record="document")


def items(session, actor, signal_of, waiting_of):
    """``actor``: ``Acting``; ``signal_of(document)``: its signal now;
    ``waiting_of(document)``: the signal of a received one waiting to be assigned."""
    found = [to_handle(d, signal_of(d)) for d in session.scalars(sa.select(Document).where(
        Document.status == "assigned",
        sa.or_(Document.assignee_id == actor.id, Document.acting_id == actor.id)))]
    for division_id in projections.headed_by(session, DivisionView, actor.id):
        found += _for_head(session, division_id, signal_of, waiting_of)
    if actor.role == "leader":
        found += [to_sign(o) for o in session.scalars(sa.select(Outgoing).where(
            Outgoing.status == "draft")) if o.created_at]
    found += [to_number_print(o) for o in session.scalars(sa.select(Outgoing).where(
        Outgoing.drafter_id == actor.id, Outgoing.status.in_(rules.NUMBER_PRINT)))]
    return found + _urged(session, actor.id, signal_of)


def _for_head(session, division_id, signal_of, waiting_of):
    mine = Document.division_id == division_id
    received = [to_assign(d, waiting_of(d)) for d in session.scalars(sa.select(Document).where(
        mine, Document.status == "received"))]
    left = sa.select(StaffView.staff_id).where(StaffView.active.is_(False))
    orphaned = [to_reassign(d, signal_of(d)) for d in session.scalars(sa.select(Document).where(
        mine, Document.status.in_(rules.OPEN), Document.assignee_id.in_(left)))]
    returns = [return_to_decide(d, signal_of(d)) for d in session.scalars(
        sa.select(Document).where(mine, Document.status == "return_requested"))]
    extensions = [extension_to_decide(d, e, signal_of(d))
                  for d, e in session.execute(sa.select(Document, Extension).join(
                      Extension, Extension.document_id == Document.id).where(
                      mine, Extension.status == "requested"))]
    return received + orphaned + returns + extensions


def _urged(session, staff_id, signal_of):
    """Urges on documents this person still holds as they were when urged (one item per
    document: the latest urge)."""
    found = {}
    for urge in work_items.waiting_for(session, Urge, staff_id):
        document = session.get(Document, urge.work_id)
        head_now = views.division(session, document.division_id).head_now
        holder = rules.holder(rules.DocumentFacts.of(document), head_now)
        if urges.still_waiting(urge.state, document.status, holder):
            found[document.id] = urged(document, urge, signal_of(document))
    return list(found.values())
