"""The posts service's event entrypoints: absences in, handovers out (AB岗制); the cases
accountability opens, for the organisation's warnings."""

import sqlalchemy as sa

from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import once, page
from contracts.rpc import posts as s
from services.posts import events, handover, rules
from services.posts.models import CaseView, Handover, Post


class HandoverEntrypoints:
    """Mixed into PostsService; needs its ``uow``."""

    @handle_event("attendance", "absence_started")
    def on_absence_started(self, event):
        with self.uow as work:
            handover.record_start(work.session, event.data)
            self._follow(work, event.data["staff_id"])

    @handle_event("attendance", "absence_ended")
    def on_absence_ended(self, event):
        with self.uow as work:
            handover.record_end(work.session, event.data)
            self._follow(work, event.data["staff_id"])

    @staticmethod
    def _follow(work, staff_id):
        """The posts the person holds or backs up, and a division they head, follow."""
        handover.reconcile(work, handover.posts_involving(work.session, staff_id))
        events.follow_heads(work, [staff_id])

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

    @handle_event("accountability", "case_opened")
    def on_case_opened(self, event):
        """A case to judge: kept, to warn when no leader is free of interest in it."""
        with self.uow as work:
            if work.session.get(CaseView, event.data["case_id"]) is None:
                work.session.add(CaseView(case_id=event.data["case_id"], closed=False,
                                          staff_id=event.data["staff_id"],
                                          responsible_id=event.data["responsible_id"]))

    @handle_event("accountability", "case_decided")
    def on_case_decided(self, event):
        with self.uow as work:
            case = work.session.get(CaseView, event.data["case_id"])
            if case is None:  # the decision overtook the opening: the opening is ignored
                work.session.add(CaseView(case_id=event.data["case_id"], closed=True,
                                          staff_id=event.data["staff_id"]))
            else:
                case.closed = True

    @rpc
    def list_handovers(self, query=None):
        args = once(s.HandoverQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Handover).order_by(Handover.started_at.desc())
            if "post_id" in args:
                rules.require(work.session.get(Post, args["post_id"]), "post", args["post_id"])
                select = select.where(Handover.post_id == args["post_id"])
            if "active" in args:
                ended = Handover.ended_at.is_(None)
                select = select.where(ended if args["active"] else ~ended)
            return page(work.session, select, s.HandoverOut, args)
