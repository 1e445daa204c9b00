"""The posts service's handover entrypoints: absences in, handovers out (AB岗制)."""

import sqlalchemy as sa

from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import page
from contracts.rpc import posts as s
from services.posts import handover, rules
from services.posts.models import Handover, Post


class HandoverEntrypoints:
    """Mixed into PostsService; needs its ``uow``."""

    @handle_event("attendance", "absence_started")
    def on_absence_started(self, event):
        with self.uow as work:
            handover.record_start(work.session, event.data)
            handover.reconcile(work, handover.posts_involving(work.session,
                                                              event.data["staff_id"]))

    @handle_event("attendance", "absence_ended")
    def on_absence_ended(self, event):
        with self.uow as work:
            handover.record_end(work.session, event.data)
            handover.reconcile(work, handover.posts_involving(work.session,
                                                              event.data["staff_id"]))

    @handle_event("documents", "work_routed")
    def on_documents_routed(self, event):
        """The absent holder's open documents became the handover's pending items."""
        with self.uow as work:
            handover.record_pending(work.session, event.data)

    @handle_event("inquiries", "work_routed")
    def on_inquiries_routed(self, event):
        """… and so did their open inquiries."""
        with self.uow as work:
            handover.record_pending(work.session, event.data)

    @rpc
    def list_handovers(self, query=None):
        args = s.HandoverQuery().load(query or {})
        with self.uow as work:
            select = sa.select(Handover).order_by(Handover.started_at.desc())
            if "post_id" in args:
                rules.require(work.session.get(Post, args["post_id"]), "post", args["post_id"])
                select = select.where(Handover.post_id == args["post_id"])
            if "active" in args:
                ended = Handover.ended_at.is_(None)
                select = select.where(ended if args["active"] else ~ended)
            return page(work.session, select, s.HandoverOut, args)
