"""While an assignee's post is handed over, their open documents go to the acting B.

The assignee stays the owner; ``acting_id`` says who may handle the document
now. The documents routed to a B are sent back to posts as the handover's
pending items (``work_routed``).
"""

import sqlalchemy as sa

from services.documents import rules
from services.documents.models import Document, HandoverView


def current_handover(session, staff_id):
    """This person's handover in force (the earliest, if several posts are handed over)."""
    return session.scalar(sa.select(HandoverView).where(
        HandoverView.from_id == staff_id, HandoverView.ended.is_(False))
        .order_by(HandoverView.started_at).limit(1))


def open_documents(session, assignee_id):
    return session.scalars(sa.select(Document).where(
        Document.assignee_id == assignee_id, Document.status.in_(rules.OPEN))
        .order_by(Document.due_date)).all()


def handover_started(work, data):
    session = work.session
    if session.get(HandoverView, data["handover_id"]) is not None:
        return  # known already, or its end came first
    session.add(HandoverView(handover_id=data["handover_id"], from_id=data["from_id"],
                             to_id=data["to_id"], started_at=data["started_at"], ended=False))
    reroute(work, data["from_id"])


def handover_ended(work, data):
    session = work.session
    view = session.get(HandoverView, data["handover_id"])
    if view is None:
        session.add(HandoverView(handover_id=data["handover_id"], from_id=data["from_id"],
                                 to_id=data["to_id"], started_at=None, ended=True))
    else:
        view.ended = True
    reroute(work, data["from_id"])


def reroute(work, assignee_id):
    """Point the assignee's open documents at whoever acts for them now, and tell posts."""
    work.session.flush()
    handover = current_handover(work.session, assignee_id)
    documents = open_documents(work.session, assignee_id)
    for document in documents:
        document.acting_id = handover.to_id if handover else None
    if handover:
        items = [{"kind": "document", "id": d.id, "title": d.title, "due_date": d.due_date}
                 for d in documents]
        work.emit("work_routed", {"handover_id": handover.handover_id, "kind": "document",
                                  "items": items})
