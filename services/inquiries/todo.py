"""What waits in inquiries for one person (我的待办): inquiries to close or answer,
accepted applications to complete, complaints to investigate or conclude; for a head,
also the open work of someone of their division who left."""

import sqlalchemy as sa

from chassis.schemas import todo_item
from services.inquiries.models import Application, Complaint, Inquiry, StaffView


def items(session, actor):
    mine = [Inquiry.first_responder_id == actor.id, Inquiry.acting_id == actor.id]
    if actor.division_id:
        mine.append(sa.and_(Inquiry.status == "guided",
                            Inquiry.guided_division_id == actor.division_id))
    reviewers = [Application.reviewer_id == actor.id, Application.acting_id == actor.id]
    if actor.role == "division_head" and actor.division_id:  # work of those who left
        left = sa.select(StaffView.staff_id).where(StaffView.active.is_(False),
                                                   StaffView.division_id == actor.division_id)
        mine.append(sa.and_(Inquiry.status == "open", Inquiry.first_responder_id.in_(left)))
        reviewers.append(Application.reviewer_id.in_(left))
    return _inquiries(session, mine) + _applications(session, reviewers) + \
        _complaints(session, actor)


def _inquiries(session, mine):
    return [todo_item("inquiry", i.id, f"{i.visitor_name}：{i.question[:60]}", i.recorded_at,
                      f"/inquiries/{i.id}",
                      i.answer_due_day if i.status == "guided" else i.lapse_day)
            for i in session.scalars(sa.select(Inquiry).where(
                Inquiry.status.in_(("open", "guided")), sa.or_(*mine)))]


def _applications(session, reviewers):
    return [todo_item("application", a.id, f"办结：{a.applicant}的申请", a.decided_at,
                      f"/applications/{a.id}", a.due_date)
            for a in session.scalars(sa.select(Application).where(
                Application.status == "accepted", sa.or_(*reviewers)))]


def _complaints(session, actor):
    """To investigate: about the head's division (untargeted: leaders and admins); to
    conclude: those the caller investigates."""
    if actor.role == "staff":
        return []
    concerned = Complaint.division_id.is_(None) if actor.role in ("leader", "admin") \
        else Complaint.division_id == actor.division_id
    return [todo_item("complaint", c.id, ("核查投诉：" if c.status == "received" else
                                          "认定投诉：") + c.description[:60],
                      c.filed_at, f"/complaints/{c.id}")
            for c in session.scalars(sa.select(Complaint).where(sa.or_(
                sa.and_(Complaint.status == "received", concerned),
                sa.and_(Complaint.status == "investigating",
                        Complaint.investigator_id == actor.id))))]
