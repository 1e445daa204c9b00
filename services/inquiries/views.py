"""个人信息保护 for inquiries and applications: who came and how to reach them, shown to
the divisions handling the matter, leaders and admins only (rules.sees_party)."""

import sqlalchemy as sa

from contracts.rpc import inquiries as s
from services.inquiries import rules
from services.inquiries.models import Matter, Review, StaffView


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


def handling(people, divisions) -> rules.Handling:
    return rules.Handling(frozenset(p for p in people if p),
                          frozenset(d for d in divisions if d))


def inquiries(session, actor, rows) -> list[dict]:
    """Inquiries as the caller may read them: the first responder's division and the one
    it was guided to handle it, with whoever took, answered or acts for it."""
    who = reader(session, actor)
    responders = divisions_of(session, (row.first_responder_id for row in rows))
    return [rules.party_shown(s.InquiryOut().dump(row), who, handling(
        (row.first_responder_id, row.acting_id, row.closed_by, row.answered_by),
        (responders.get(row.first_responder_id), row.guided_division_id))) for row in rows]


def application_handling(session, row) -> rules.Handling:
    """The matter's division and every reviewer's, and whoever reviewed, acts for or
    completed the application."""
    reviewers = session.scalars(sa.select(Review.reviewer_id).where(
        Review.application_id == row.id)).all()
    people = {*reviewers, row.reviewer_id, row.acting_id, row.completed_by}
    matter_division = session.scalar(sa.select(Matter.division_id).where(
        Matter.id == row.matter_id))
    return handling(people, {matter_division, *divisions_of(session, people).values()})


def application(session, actor, row, record) -> dict:
    """An application as the caller may read it."""
    return rules.party_shown(record, reader(session, actor),
                             application_handling(session, row))


def check_letter(session, actor, row) -> None:
    rules.check_sees_party(reader(session, actor), application_handling(session, row))
