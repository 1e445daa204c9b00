"""What documents reads of posts' data for a page of documents, from its own views (no
call to posts): each division's head now (or acting head, 五.3), who has left, and which
documents wait on an extension request."""

from dataclasses import dataclass

import sqlalchemy as sa

from services.documents.models import DivisionView, Extension, StaffView


def division(session, division_id):
    """The division as the view knows it; an unknown one (its event not here yet) has no
    head, so nobody holds its head powers until it arrives."""
    return session.get(DivisionView, division_id) or DivisionView(
        division_id=division_id, name="", head_id=None, leader_id=None, acting_head_id=None)


@dataclass(frozen=True)
class Seen:
    heads: dict  # division id → who holds its head powers now
    pending: set  # ids of documents with an extension request awaiting the head
    left: set  # assignees who have left

    @classmethod
    def of(cls, session, documents):
        division_ids = {d.division_id for d in documents}
        heads = {v.division_id: v.head_now for v in session.scalars(
            sa.select(DivisionView).where(DivisionView.division_id.in_(division_ids)))}
        pending = set(session.scalars(sa.select(Extension.document_id).where(
            Extension.document_id.in_([d.id for d in documents]),
            Extension.status == "requested")))
        left = set(session.scalars(sa.select(StaffView.staff_id).where(
            StaffView.staff_id.in_({d.assignee_id for d in documents if d.assignee_id}),
            StaffView.active.is_(False))))
        return cls(heads, pending, left)

    def head_now(self, document):
        return self.heads.get(document.division_id)
