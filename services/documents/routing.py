"""While an assignee's post is handed over, their open documents go to the acting B.

The assignee stays the owner; ``acting_id`` says who may handle the document
now. The documents routed to a B are sent back to posts as the handover's
pending items (``work_routed``).
"""

import sqlalchemy as sa

from office import projections
from services.documents import rules
from services.documents.models import Document, HandoverView


def handover_started(work, data):
    if projections.record_started(work.session, HandoverView, data):
        reroute(work, data["from_id"])


def handover_ended(work, data):
    projections.record_ended(work.session, HandoverView, data)
    reroute(work, data["from_id"])


def reroute(work, assignee_id):
    """Point the assignee's open documents at whoever acts for them now, and tell posts."""
    work.session.flush()
    documents = work.session.scalars(sa.select(Document).where(
        Document.assignee_id == assignee_id, Document.status.in_(rules.OPEN))
        .order_by(Document.due_date)).all()
    projections.route(work, HandoverView, assignee_id, documents, "document",
                    lambda d: {"id": d.id, "title": d.title, "due_date": d.due_date})


def take_over(work, data):
    """五 / 一: a post's new holder takes over the open documents its previous holder had in
    the post's division (assignee and acting B follow)."""
    handed = projections.taken_over(data)
    if handed is None:
        return
    previous, holder = handed
    documents = work.session.scalars(sa.select(Document).where(
        Document.assignee_id == previous, Document.division_id == data["division_id"],
        Document.status.in_(rules.OPEN)).with_for_update()).all()
    for document in documents:
        document.assignee_id = holder
    if documents:
        reroute(work, holder)
        reroute(work, previous)
