"""What waits in documents for one person (我的待办): documents to handle, to assign (or
assign again, when the assignee left), returns and extensions to decide, drafts to sign.

A division's head items go to whoever holds its head powers now: the head, or while the
head is away the acting head (五.3), and back on return."""

import sqlalchemy as sa

from chassis import projections
from chassis.schemas import todo_item
from services.documents import rules
from services.documents.models import DivisionView, Document, Extension, Outgoing, StaffView


def items(session, actor, signal_of):
    """``actor``: ``Acting``; ``signal_of(document)``: its signal now."""
    found = [todo_item("document", d.id, d.title, d.assigned_at, f"/documents/{d.id}",
                       d.due_date, signal_of(d))
             for d in session.scalars(sa.select(Document).where(
                 Document.status == "assigned",
                 sa.or_(Document.assignee_id == actor.id, Document.acting_id == actor.id)))]
    for division_id in projections.headed_by(session, DivisionView, actor.id):
        found += _for_head(session, division_id, signal_of)
    if actor.role == "leader":
        found += [todo_item("sign", o.id, f"签发：{o.title}", o.created_at,
                            f"/documents/outgoing/{o.id}")
                  for o in session.scalars(sa.select(Outgoing).where(Outgoing.status == "draft"))
                  if o.created_at]
    return found


def _for_head(session, division_id, signal_of):
    mine = Document.division_id == division_id
    received = [todo_item("assign_document", d.id, f"分办：{d.title}", d.received_at,
                          f"/documents/{d.id}")
                for d in session.scalars(sa.select(Document).where(
                    mine, Document.status == "received"))]
    left = sa.select(StaffView.staff_id).where(StaffView.active.is_(False))
    orphaned = [todo_item("assign_document", d.id, f"重新分办（承办人已离岗）：{d.title}",
                          d.assigned_at, f"/documents/{d.id}", d.due_date, signal_of(d))
                for d in session.scalars(sa.select(Document).where(
                    mine, Document.status.in_(rules.OPEN), Document.assignee_id.in_(left)))]
    returns = [todo_item("document", d.id, f"退文审批：{d.title}", d.assigned_at,
                         f"/documents/{d.id}", d.due_date, signal_of(d))
               for d in session.scalars(sa.select(Document).where(
                   mine, Document.status == "return_requested"))]
    extensions = [todo_item("document", d.id, f"延期审批：{d.title}（至{e.new_due_date}）",
                            e.requested_at, f"/documents/{d.id}", d.due_date, signal_of(d))
                  for d, e in session.execute(sa.select(Document, Extension).join(
                      Extension, Extension.document_id == Document.id).where(
                      mine, Extension.status == "requested"))]
    return received + orphaned + returns + extensions

