"""What waits in inquiries for one person (我的待办): inquiries to close or answer,
accepted applications to complete, questions referred to their division (六.4),
complaints to investigate or conclude, urges (催办) on work of theirs that has not moved
since; for a head, also the open work of someone of their division who left. The same
items are announced (``todo_added``) where they appear, so the person is told."""

import sqlalchemy as sa

from contracts.todo import todo_item
from office import projections, urges, work_items
from services.inquiries import rules as inquiry_rules
from services.inquiries import views
from services.inquiries.models import (
    Application,
    Complaint,
    DivisionView,
    Inquiry,
    Matter,
    Referral,
    StaffView,
    Urge,
)
from services.inquiries.rules import complaints as rules


def items(session, actor):
    # the first responder's (or acting B's) until closed; once guided, the receiving
    # division's until someone there answers
    mine = [sa.and_(Inquiry.status == "open", sa.or_(Inquiry.first_responder_id == actor.id,
                                                     Inquiry.acting_id == actor.id))]
    if actor.division_id:
        mine.append(sa.and_(Inquiry.status == "guided",
                            Inquiry.guided_division_id == actor.division_id))
    reviewers = [Application.reviewer_id == actor.id, Application.acting_id == actor.id]
    headed = projections.headed_by(session, DivisionView, actor.id)
    if headed:  # work of those who left, for whoever holds the division's head powers
        left = sa.select(StaffView.staff_id).where(StaffView.active.is_(False),
                                                   StaffView.division_id.in_(headed))
        mine.append(sa.and_(Inquiry.status == "open", Inquiry.first_responder_id.in_(left)))
        reviewers.append(Application.reviewer_id.in_(left))
    return _inquiries(session, mine) + _applications(session, reviewers) + \
        _referrals(session, {actor.division_id, *headed} - {None}) + \
        _complaints(session, actor) + _urged(session, actor.id)


def guided(inquiry):
    """A guided inquiry, as its division's head is told of it (no visitor's name: it may go
    to a group robot)."""
    return todo_item("inquiry", inquiry.id, inquiry.question[:60], inquiry.closed_at,
                     inquiry.answer_due_day, step="guided")


def referral(row):
    """A question referred to a division, as its staff and head see it (no party's name: it
    may go to a group robot); answered on the application's page."""
    return todo_item("referral", row.id, row.question[:60], row.referred_at, row.due_date,
                     on=row.application_id)


def _referrals(session, divisions):
    if not divisions:
        return []
    return [referral(row) for row in session.scalars(sa.select(Referral).where(
        Referral.status == "open", Referral.division_id.in_(divisions)))]


def complaint_item(complaint):
    """A complaint to investigate or conclude, by its description."""
    return todo_item("complaint", complaint.id, complaint.description[:60], complaint.filed_at)


def work_title(session, kind, record):
    """A piece of work as an urge names it (no visitor's or party's name)."""
    if kind == "inquiry":
        return record.question[:60]
    matter = session.get(Matter, record.matter_id)
    return matter.name if matter else record.matter_id


def holding(session, kind, record):
    """``(holder, head_now)``: whom the work waits on, and who holds the head powers of its
    division (who may urge it)."""
    if kind == "inquiry":
        return views.inquiry_holding(session, record)
    return (inquiry_rules.application_holder(inquiry_rules.ApplicationFacts.of(record)),
            views.head_now(session, views.matter_division(session, record)))


def _urged(session, staff_id):
    """Urges on work this person still holds as it was when urged (the latest per work)."""
    found = {}
    for urge in work_items.waiting_for(session, Urge, staff_id):
        record = session.get(Inquiry if urge.kind == "inquiry" else Application, urge.work_id)
        if urges.still_waiting(urge.state, record.status, holding(session, urge.kind,
                                                                  record)[0]):
            due = record.due_date if urge.kind == "application" else (
                record.answer_due_day if record.status == "guided" else record.lapse_day)
            found[record.id] = todo_item("urge", record.id,
                                         work_title(session, urge.kind, record),
                                         urge.urged_at, due, record=urge.kind)
    return list(found.values())


def _inquiries(session, mine):
    return [todo_item("inquiry", i.id, i.question[:60], i.recorded_at,
                      i.answer_due_day if i.status == "guided" else i.lapse_day)
            for i in session.scalars(sa.select(Inquiry).where(
                Inquiry.status.in_(("open", "guided")), sa.or_(*mine)))]


def _applications(session, reviewers):
    return [todo_item("application", a.id, a.applicant, a.decided_at, a.due_date)
            for a in session.scalars(sa.select(Application).where(
                Application.status == "accepted", sa.or_(*reviewers)))]


def _complaints(session, actor):
    """To investigate: received ones whose handler is the caller (a division's head or
    acting head; its supervising leader when it names the head; any leader or admin when
    it names no division); to conclude: those the caller investigates."""
    received = session.execute(sa.select(Complaint, DivisionView).outerjoin(
        DivisionView, DivisionView.division_id == Complaint.division_id).where(
        Complaint.status == "received")).all()
    waiting = [c for c, division in received if c.staff_id != actor.id and _handles(
        actor, rules.handler(rules.ComplaintFacts(c.status, c.division_id, None, c.staff_id),
                             division and division.head_now, division and division.leader_id))]
    waiting += session.scalars(sa.select(Complaint).where(
        Complaint.status == "investigating", Complaint.investigator_id == actor.id)).all()
    return [complaint_item(c) for c in waiting]


def _handles(actor, handler):
    return handler == actor.id or (handler == "leaders" and actor.role in rules.LEADERSHIP)
