"""How inquiries, applications and their referrals are read: who the work is with (its
division's head now, its holder — for 催办), what the caller may do to it (``actions``),
and 个人信息保护 — who came and how to reach them, shown to the divisions handling the
matter, leaders and admins only (rules.sees_party). From inquiries' own views of posts'
data."""

import sqlalchemy as sa

from chassis.schemas import once
from contracts.rpc import inquiries as s
from contracts.rpc import referrals as r
from office.acting import Acting
from services.inquiries import rules
from services.inquiries.models import DivisionView, Matter, Referral, Review, StaffView
from services.inquiries.rules import referrals as referral_rules


def reader(session, actor) -> rules.Reader:
    """The caller, with their division from inquiries' own view of staff."""
    division_id = session.scalar(sa.select(StaffView.division_id).where(
        StaffView.staff_id == actor["id"]))
    return rules.Reader(actor["id"], actor["role"], division_id)


def divisions_of(session, staff_ids) -> dict:
    ids = {i for i in staff_ids if i}
    if not ids:
        return {}
    return dict(session.execute(sa.select(StaffView.staff_id, StaffView.division_id)
                                .where(StaffView.staff_id.in_(ids))).all())


def head_now(session, division_id):
    division = division_id and session.get(DivisionView, division_id)
    return division.head_now if division else None


def handling(people, divisions) -> rules.Handling:
    return rules.Handling(frozenset(p for p in people if p),
                          frozenset(d for d in divisions if d))


def inquiry_division(inquiry, responders):
    """The division an inquiry is with: the one it was guided to, else its first
    responder's."""
    return inquiry.guided_division_id if inquiry.status == "guided" else \
        responders.get(inquiry.first_responder_id)


def inquiry_holding(session, inquiry, responders=None):
    """``(holder, head_now)`` of an inquiry: whom it waits on, and who holds the head powers
    of the division it is with."""
    responders = responders if responders is not None else divisions_of(
        session, [inquiry.first_responder_id])
    head = head_now(session, inquiry_division(inquiry, responders))
    guided_head = head_now(session, inquiry.guided_division_id) or inquiry.guided_head_id
    return rules.inquiry_holder(rules.InquiryFacts.of(inquiry), guided_head), head


def inquiries(session, actor, rows) -> list[dict]:
    """Inquiries as the caller may read them — the first responder's division and the one
    it was guided to handle it, with whoever took, answered or acts for it — and what the
    caller may do to each."""
    who = reader(session, actor)
    acting = Acting(actor["id"], actor["role"], who.division_id)
    responders = divisions_of(session, (row.first_responder_id for row in rows))
    found = []
    for row in rows:
        holder, head = inquiry_holding(session, row, responders)
        record = {**once(s.InquiryOut).dump(row), "actions": rules.inquiry_actions(
            rules.InquiryFacts.of(row), acting, row.guided_division_id, holder, head)}
        found.append(rules.party_shown(record, who, handling(
            (row.first_responder_id, row.acting_id, row.closed_by, row.answered_by),
            (responders.get(row.first_responder_id), row.guided_division_id))))
    return found


def matter_division(session, application):
    return session.scalar(sa.select(Matter.division_id).where(
        Matter.id == application.matter_id))


def application_handling(session, row) -> rules.Handling:
    """The matter's division and every reviewer's, and whoever reviewed, acts for or
    completed the application."""
    reviewers = session.scalars(sa.select(Review.reviewer_id).where(
        Review.application_id == row.id)).all()
    people = {*reviewers, row.reviewer_id, row.acting_id, row.completed_by}
    return handling(people, {matter_division(session, row),
                             *divisions_of(session, people).values()})


def application(session, actor, row, record) -> dict:
    """An application as the caller may read it, with its referrals, and what they may do
    to each."""
    who = reader(session, actor)
    acting = Acting(actor["id"], actor["role"], who.division_id)
    matter = session.get(Matter, row.matter_id)
    actions = rules.application_actions(rules.ApplicationFacts.of(row), acting,
                                        head_now(session, matter.division_id),
                                        matter.withdrawn_at is not None)
    record = {**record, "actions": actions,
              "referrals": referrals(session, acting, row, referrals_of(session, row.id))}
    return rules.party_shown(record, who, application_handling(session, row))


def referrals(session, actor: Acting, application, rows) -> list[dict]:
    """Referrals of an application (六.4), and what ``actor`` may do to each."""
    facts = rules.ApplicationFacts.of(application)
    return [{**once(r.ReferralOut).dump(row), "actions": referral_rules.referral_actions(
        referral_rules.ReferralFacts.of(row), facts, actor, head_now(session, row.division_id))}
        for row in rows]


def referrals_of(session, application_id):
    """An application's referrals, in the order they were made."""
    return session.scalars(sa.select(Referral).where(Referral.application_id == application_id)
                           .order_by(Referral.referred_at)).all()


def check_letter(session, actor, row) -> None:
    rules.check_sees_party(reader(session, actor), application_handling(session, row))
