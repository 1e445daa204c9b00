"""一次性告知制: the matter catalogue, on-the-spot reviews and one-time notices."""

import hashlib
import hmac
import secrets
import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import found, locked, next_number
from chassis.entrypoints import rpc
from chassis.errors import NotFound, Unauthenticated
from chassis.schemas import once
from contracts.fields import Actor
from contracts.rpc import inquiries as s
from office import projections
from services.inquiries import notice_html, rules, views
from services.inquiries.models import (
    Application,
    HandoverView,
    Matter,
    Notice,
    NoticeCounter,
    NoticeViolation,
    Review,
)


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def earlier_reviews(session, application_id):
    """What each earlier review accepted and what its notice listed."""
    reviews = session.scalars(sa.select(Review).where(Review.application_id == application_id)
                              .order_by(Review.seq)).all()
    listed = {n.review_id: {i["code"] for i in n.items} for n in session.scalars(
        sa.select(Notice).where(Notice.application_id == application_id))}
    return [{"reviewer_id": r.reviewer_id, "listed": listed.get(r.id, set()),
             "accepted": {m["code"]: m["ok"] for m in r.materials}} for r in reviews]


def review(work, calendar, application, matter, data, reviewer_id):
    """One review: accept, refuse with the reason, or return with ONE notice of every
    problem; catch one-time-notice lapses."""
    session, materials = work.session, data["materials"]
    problems = rules.review(matter.materials, materials)
    outcome = rules.review_outcome(problems, data["refusal_reason"])
    history = earlier_reviews(session, application.id)
    this = Review(id=str(uuid.uuid4()), application_id=application.id,
                  seq=len(history) + 1, reviewer_id=reviewer_id, reviewed_at=clock.now(),
                  materials=materials, outcome=outcome, matter_version=matter.version)
    application.status, application.matter_version = outcome, matter.version
    session.add(this)
    session.flush()
    if outcome != "returned":
        application.reviewer_id, application.decided_at = reviewer_id, clock.now()
    if outcome == "refused":
        application.refusal_reason = data["refusal_reason"].strip()
        return None
    if outcome == "accepted":
        application.due_date = rules.application_due(clock.today(), matter.time_limit_days,
                                                     calendar)
        work.emit("application_accepted", {
            "application_id": application.id, "matter_id": matter.id,
            "division_id": matter.division_id, "reviewer_id": reviewer_id,
            "accepted_at": application.decided_at, "due_date": application.due_date})
        route_applications(work, reviewer_id)
        return None
    year = clock.today().year
    notice = Notice(id=str(uuid.uuid4()), application_id=application.id,
                    review_id=this.id, items=problems, basis=matter.basis,
                    time_limit_days=matter.time_limit_days, procedure=matter.procedure,
                    issued_by=reviewer_id, issued_at=clock.now(),
                    number=rules.notice_number(year, next_number(session, NoticeCounter,
                                                                 year=year)))
    session.add(notice)
    report_lapses(work, application, this, rules.lapses(problems, history))
    return notice


def route_applications(work, reviewer_id):
    """五.4: a reviewer's accepted applications go to the B acting for them, and back."""
    work.session.flush()
    accepted = work.session.scalars(sa.select(Application).where(
        Application.reviewer_id == reviewer_id, Application.status == "accepted")).all()
    projections.route(work, HandoverView, reviewer_id, accepted, "application",
                      lambda a: {"id": a.id, "title": a.applicant[:100],
                                 "due_date": a.due_date})


def report_lapses(work, application, review, lapsed):
    if not lapsed:
        return
    earlier = sorted({r for item in lapsed for r in item["reviewer_ids"]})
    work.session.add(NoticeViolation(id=str(uuid.uuid4()), review_id=review.id,
                                     reviewer_ids=earlier, items=lapsed,
                                     found_at=clock.now()))
    work.emit("notice_violated", {
        "application_id": application.id, "matter_id": application.matter_id,
        "review_id": review.id, "reviewer_id": review.reviewer_id,
        "earlier_reviewer_ids": earlier,
        "items": [{k: item[k] for k in ("code", "name", "why")} for item in lapsed]})


class ApplicationEntrypoints:
    """Mixed into InquiriesService; needs ``uow``, ``call``, ``calendar``, ``settings``."""

    @rpc
    def submit_application(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.ApplicationIn).load(payload)
        token = secrets.token_urlsafe(16)
        with self.uow as work:
            matter = work.session.get(Matter, data["matter_id"])
            if matter is None:
                raise rules.UnknownMaterial("no such matter", {"matter_id": data["matter_id"]},
                                            code="unknown_matter")
            rules.check_matter_open(matter.withdrawn_at is not None)
            application = Application(
                id=str(uuid.uuid4()), matter_id=matter.id, matter_version=matter.version,
                applicant=data["applicant"], contact=data["contact"], status="returned",
                token_hash=digest(token), created_at=clock.now())
            work.session.add(application)
            notice = review(work, self.calendar, application, matter, data, actor["id"])
            work.session.flush()
            return {**self._dump(work, actor, application, notice), "token": token}

    @rpc
    def resubmit(self, actor, application_id, payload):
        actor, data = once(Actor).load(actor), once(s.ResubmissionIn).load(payload)
        with self.uow as work:
            application = locked(work.session, Application, application_id, "application")
            rules.check_resubmission(data["matter_id"], application.matter_id,
                                     application.status)
            matter = work.session.get(Matter, application.matter_id)
            rules.check_matter_open(matter.withdrawn_at is not None)
            for field in ("applicant", "contact"):  # a correction of who applies
                setattr(application, field, data.get(field) or getattr(application, field))
            notice = review(work, self.calendar, application, matter, data, actor["id"])
            work.session.flush()
            return self._dump(work, actor, application, notice)

    @rpc
    def complete_application(self, actor, application_id, payload):
        """办结: by the reviewer who accepted it, or the B acting for them."""
        actor, data = once(Actor).load(actor), once(s.CompleteIn).load(payload)
        with self.uow as work:
            application = locked(work.session, Application, application_id, "application")
            rules.check_completion(application.status, application.reviewer_id,
                                   application.acting_id, actor["id"])
            application.status = rules.APPLICATION["complete"].target
            application.result = data["result"]
            application.completed_by, application.completed_on = actor["id"], clock.today()
            application.completed_on_time = rules.on_time(application.completed_on,
                                                           application.due_date)
            work.emit("application_completed", {
                "application_id": application.id, "reviewer_id": application.reviewer_id,
                "division_id": work.session.get(Matter, application.matter_id).division_id,
                "completed_by": actor["id"], "due_date": application.due_date,
                "completed_on": application.completed_on,
                "on_time": application.completed_on_time})
            route_applications(work, application.reviewer_id)
            return self._dump(work, actor, application, None)

    @rpc
    def get_application(self, actor, application_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            application = found(work.session, Application, application_id, "application")
            return self._dump(work, actor, application,
                              notice_html.latest_notice(work.session, application))

    @rpc
    def notice_html(self, application_id, actor=None, token=None):
        """The latest one-time notice as a page: for staff, or whoever holds the token."""
        with self.uow as work:
            application = work.session.get(Application, application_id)
            if actor is None and not token:
                raise Unauthenticated("sign in, or give the application's token",
                                      code="token_required")
            if application is None:
                raise NotFound("no such application", code="application_not_found")
            holds_token = bool(token) and hmac.compare_digest(application.token_hash,
                                                              digest(token))
            if actor is None and not holds_token:
                raise NotFound("no such application", code="application_not_found")
            if not holds_token:  # staff: those handling it
                views.check_letter(work.session, once(Actor).load(actor), application)
            return notice_html.letter(work.session, application, self.settings.office_name)

    @staticmethod
    def _dump(work, actor, application, notice):
        """The application as the caller may read it (views.application), with its latest
        notice while it is returned."""
        with_notice = application.status == "returned" and notice is not None
        shown = once(s.ApplicationOut, exclude=("notice", "token", "actions"))
        record = {**shown.dump(application),
                  "notice": once(s.NoticeOut).dump(notice) if with_notice else None}
        return views.application(work.session, actor, application, record)
