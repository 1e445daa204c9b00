"""转办咨询 (六.4): the reviewer of an accepted application refers a question to another of
our divisions — on the to-do of its staff and head until one of them answers, each told —
or to an outside unit, whose answer the reviewer records; the party reads the answers
with the application's token."""

import hmac
import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import locked
from chassis.entrypoints import rpc
from chassis.errors import NotFound
from chassis.schemas import once
from contracts.fields import Actor
from contracts.rpc import referrals as r
from office import work_items
from office.acting import Acting
from services.inquiries import rules, todo, views
from services.inquiries.applications import digest
from services.inquiries.models import Application, MatterVersion, Referral, StaffView
from services.inquiries.rules import referrals as referral_rules


def tell_division(work, referral, by):
    """``todo_added`` for everyone in the division referred to, and whoever holds its head
    powers now (五.3), but the one who referred it."""
    session = work.session
    people = set(session.scalars(sa.select(StaffView.staff_id).where(
        StaffView.division_id == referral.division_id, StaffView.active.is_(True))))
    head = views.head_now(session, referral.division_id)
    item = todo.referral(referral)
    for staff_id in sorted(people | ({head} if head else set())):
        work_items.announce(work, staff_id, item, by=by)


class ReferralEntrypoints:
    """Mixed into InquiriesService; needs ``uow``, ``call`` and ``calendar``."""

    @rpc
    def refer(self, actor, application_id, payload):
        actor, data = once(Actor).load(actor), once(r.ReferralIn).load(payload)
        own_division = self.call("posts", "get_staff", actor["id"])["division_id"]
        if data["division_id"] is not None:  # NotFound: no such division
            self.call("posts", "get_division", data["division_id"])
        with self.uow as work:
            application = locked(work.session, Application, application_id, "application")
            rules.check_referrer(rules.ApplicationFacts.of(application), actor["id"])
            referral_rules.check_target(data["division_id"], data["external_unit"],
                                        own_division)
            referral = Referral(
                id=str(uuid.uuid4()), application_id=application.id,
                division_id=data["division_id"],
                external_unit=data["external_unit"] and data["external_unit"].strip(),
                question=data["question"].strip(), status="open",
                due_date=referral_rules.referral_due(clock.today(), self.calendar),
                referred_by=actor["id"], referred_at=clock.now())
            work.session.add(referral)
            if referral.division_id is not None:
                tell_division(work, referral, actor["id"])
            who = Acting(actor["id"], actor["role"], own_division)
            return views.referrals(work.session, who, application, [referral])[0]

    @rpc
    def answer_referral(self, actor, referral_id, payload):
        """By the division referred to; an outside unit's answer, by the reviewer."""
        actor, data = once(Actor).load(actor), once(r.ReferralAnswerIn).load(payload)
        who = Acting(actor["id"], actor["role"],
                     self.call("posts", "get_staff", actor["id"])["division_id"])
        with self.uow as work:
            referral = locked(work.session, Referral, referral_id, "referral")
            application = work.session.get(Application, referral.application_id)
            referral_rules.check_answerer(
                referral_rules.ReferralFacts.of(referral),
                rules.ApplicationFacts.of(application), who,
                views.head_now(work.session, referral.division_id))
            referral.status = referral_rules.REFERRAL["answer"].target
            referral.answer = data["answer"].strip()
            referral.answered_by, referral.answered_at = who.id, clock.now()
            return views.referrals(work.session, who, application, [referral])[0]

    @rpc
    def application_status(self, application_id, token):
        """What the party reads with the application's token: where it stands, and the
        answers to what was referred for it."""
        with self.uow as work:
            application = work.session.get(Application, application_id)
            if application is None or not hmac.compare_digest(application.token_hash,
                                                               digest(token or "")):
                raise NotFound("no application with that id and token",
                               code="application_not_found")
            return once(r.PublicApplicationOut).dump({
                "id": application.id, "status": application.status,
                "due_date": application.due_date,
                "matter": work.session.get(MatterVersion, (application.matter_id,
                                                           application.matter_version)),
                "referrals": views.referrals_of(work.session, application.id)})
