"""The inquiries service: 首问负责制, 一次性告知制 and 服务承诺制."""

import uuid
from datetime import datetime, time
from pathlib import Path

import sqlalchemy as sa

from chassis.calendar import Calendar
from chassis.calls import ServiceCalls
from chassis.clock import OFFICE_TZ, clock
from chassis.db import found, locked
from chassis.entrypoints import periodic, rpc
from chassis.events import handle_event
from chassis.schemas import matching, once, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.fields import Actor
from contracts.rpc import inquiries as s
from office import projections, work_items
from office.acting import acting
from services.inquiries import applications, deadlines, report, rules, todo, views
from services.inquiries.applications import ApplicationEntrypoints
from services.inquiries.complaints import ComplaintEntrypoints
from services.inquiries.matters import MatterEntrypoints
from services.inquiries.models import (
    Application,
    DivisionView,
    HandoverView,
    Inquiry,
    Matter,
    StaffView,
)
from services.inquiries.referrals import ReferralEntrypoints
from services.inquiries.rules import reach
from services.inquiries.urging import UrgeEntrypoints

MIGRATIONS = str(Path(__file__).parent / "migrations")
CLOSINGS = {"handled": s.HandleIn, "guided": s.GuideIn, "redirected": s.RedirectIn}


class InquiriesService(MatterEntrypoints, ApplicationEntrypoints, ReferralEntrypoints,
                       ComplaintEntrypoints, UrgeEntrypoints, ServiceBase):
    """首问 · 一次性告知 · 服务承诺: inquiries, the matter catalogue, applications and their
    referrals, complaints, the check report."""

    name = "inquiries"
    uow = UnitOfWork(MIGRATIONS)
    call = ServiceCalls()
    calendar = Calendar()

    @rpc
    def may(self, actor):
        """GET /me's part here: ``{verb: divisions}`` by the rules that refuse the routes."""
        actor = acting(actor)
        with self.uow as work:
            return reach.reaches(actor, {d.division_id: d.head_now for d in work.session.scalars(
                sa.select(DivisionView))}, projections.headed_by(work.session, DivisionView,
                                                                 actor.id))

    @rpc
    def record_inquiry(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.InquiryIn).load(payload)
        with self.uow as work:
            if data["matter_id"] and work.session.get(Matter, data["matter_id"]) is None:
                raise rules.UnknownMaterial("no such matter", code="unknown_matter")
            inquiry = Inquiry(id=str(uuid.uuid4()), first_responder_id=actor["id"],
                              status="open", recorded_at=clock.now(),
                              lapse_day=rules.lapse_day(clock.today(), self.calendar), **data)
            work.session.add(inquiry)
            responder = work.session.get(StaffView, actor["id"])
            work.emit("inquiry_recorded", {
                "inquiry_id": inquiry.id, "first_responder_id": actor["id"],
                "division_id": responder.division_id if responder else None,
                "recorded_at": inquiry.recorded_at})
            self._route(work, actor["id"])
            work.session.flush()
            return views.inquiries(work.session, actor, [inquiry])[0]

    @rpc
    def close_inquiry(self, actor, inquiry_id, how, payload):
        """Handled (an answer), guided to one of our divisions (which must then answer it),
        or redirected outside."""
        actor, data = once(Actor).load(actor), CLOSINGS[how]().load(payload)
        division = how == "guided" and self.call("posts", "get_division", data["division_id"])
        with self.uow as work:
            inquiry = locked(work.session, Inquiry, inquiry_id, "inquiry")
            rules.check_closer(rules.InquiryFacts.of(inquiry), actor["id"])
            if division:
                inquiry.guided_division_id, inquiry.guide_note = division["id"], data["note"]
                inquiry.guided_head_id = division["acting_head_id"] or division["head_id"] \
                    or division["leader_id"]
                inquiry.answer_due_day = rules.lapse_day(clock.today(), self.calendar)
            else:
                for field, value in data.items():
                    setattr(inquiry, field, value)
            inquiry.status, inquiry.closed_by, inquiry.closed_at = how, actor["id"], clock.now()
            work.emit("inquiry_closed", {
                "inquiry_id": inquiry.id, "first_responder_id": inquiry.first_responder_id,
                "closed_by": actor["id"], "how": how, "closed_at": inquiry.closed_at})
            if division:  # 二.4: the division it went to answers it; its head is told
                work_items.announce(work, inquiry.guided_head_id, todo.guided(inquiry),
                                    by=actor["id"])
            self._route(work, inquiry.first_responder_id)
            return views.inquiries(work.session, actor, [inquiry])[0]

    @rpc
    def answer_inquiry(self, actor, inquiry_id, payload):
        """二.4: staff or the head of the division it was guided to answer it."""
        actor, data = once(Actor).load(actor), once(s.AnswerIn).load(payload)
        division_id = self.call("posts", "get_staff", actor["id"])["division_id"]
        with self.uow as work:
            inquiry = locked(work.session, Inquiry, inquiry_id, "inquiry")
            rules.check_answerer(inquiry.status, inquiry.guided_division_id, division_id)
            inquiry.status, inquiry.answer = rules.INQUIRY["answer"].target, data["answer"]
            inquiry.answered_by, inquiry.answered_at = actor["id"], clock.now()
            work.emit("inquiry_closed", {
                "inquiry_id": inquiry.id, "first_responder_id": inquiry.first_responder_id,
                "closed_by": actor["id"], "how": "answered", "closed_at": inquiry.answered_at})
            return views.inquiries(work.session, actor, [inquiry])[0]

    @rpc
    def todo(self, actor, division_id=None):
        with self.uow as work:
            return todo.items(work.session, acting(actor, division_id))

    @rpc
    def get_inquiry(self, actor, inquiry_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            inquiry = found(work.session, Inquiry, inquiry_id, "inquiry")
            return views.inquiries(work.session, actor, [inquiry])[0]

    @rpc
    def list_inquiries(self, actor, query=None):
        actor, args = once(Actor).load(actor), once(s.InquiryQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Inquiry).order_by(Inquiry.recorded_at.desc())
            select = matching(select, Inquiry, args,
                              ("status", "first_responder_id", "guided_division_id"))
            total, sliced = paginate(work.session, select, args)
            rows = work.session.scalars(sliced).all()
            return {"items": views.inquiries(work.session, actor, rows), "total": total}

    @rpc
    def commitments(self):
        with self.uow as work:
            matters = work.session.execute(sa.select(
                Matter.id, Matter.name, Matter.time_limit_days).where(
                Matter.withdrawn_at.is_(None))).all()
        return {"items": [{"title": t, "text": text} for t, text in rules.COMMITMENTS],
                "matters": [{"id": m.id, "name": m.name, "time_limit_days": m.time_limit_days}
                            for m in matters]}

    @rpc
    def commitments_report(self, query):
        start, end = rules.half_year(once(s.HalfQuery).load(query)["half"])
        bounds = [datetime.combine(day, time(0), OFFICE_TZ) for day in (start, end)]
        with self.uow as work:
            rows = report.semi_annual(work.session, *bounds, self.calendar)
        return {"half": query["half"], "items": once(s.CommitmentReportRow, many=True).dump(rows),
                "total": len(rows)}

    @rpc
    def half_year_checks(self, staff_id, year):
        """三.6 into the appraisal: the person's two semi-annual checks of ``year`` (the
        gateway asks after accountability allowed the reader)."""
        checks = []
        with self.uow as work:
            for half in (f"{year}H1", f"{year}H2"):
                bounds = [datetime.combine(day, time(0), OFFICE_TZ)
                          for day in rules.half_year(half)]
                found = report.semi_annual(work.session, *bounds, self.calendar, staff_id)
                counts = found[0] if found else dict.fromkeys(report.FIELDS, 0)
                checks.append({"half": half, **{f: counts[f] for f in report.FIELDS}})
        return checks

    @periodic("scan_interval")
    def scan_lapses(self):
        """首问 lapses, guided inquiries left unanswered, applications past due (once each)."""
        with self.uow as work:
            deadlines.scan(work, clock.today(), self.calendar, self.settings.warn_working_days)

    on_staff_changed = projections.view_handler("staff_changed", StaffView)
    on_division_changed = projections.view_handler("division_changed", DivisionView)

    @handle_event("posts", "post_changed")
    def on_post_changed(self, event):
        """A post's new holder takes over the previous holder's open inquiries and accepted
        applications."""
        handed = projections.taken_over(event.data)
        if handed is None:
            return
        previous, holder = handed
        with self.uow as work:
            for model, owner, status in ((Inquiry, Inquiry.first_responder_id, "open"),
                                         (Application, Application.reviewer_id, "accepted")):
                work.session.execute(sa.update(model).where(owner == previous,
                                                            model.status == status)
                                     .values({owner.key: holder}))
            for person in (previous, holder):
                self._route(work, person)
                applications.route_applications(work, person)

    @handle_event("posts", "handover_started")
    def on_handover_started(self, event):
        with self.uow as work:
            if projections.record_started(work.session, HandoverView, event.data):
                self._route(work, event.data["from_id"])
                applications.route_applications(work, event.data["from_id"])

    @handle_event("posts", "handover_ended")
    def on_handover_ended(self, event):
        with self.uow as work:
            projections.record_ended(work.session, HandoverView, event.data)
            self._route(work, event.data["from_id"])
            applications.route_applications(work, event.data["from_id"])

    def _route(self, work, responder_id):
        """A first responder's open inquiries go to the B acting for them, and back."""
        work.session.flush()
        inquiries = work.session.scalars(sa.select(Inquiry).where(
            Inquiry.first_responder_id == responder_id, Inquiry.status == "open")).all()
        projections.route(work, HandoverView, responder_id, inquiries, "inquiry",
                        lambda i: {"id": i.id, "title": i.question[:100], "due_date": i.lapse_day})
