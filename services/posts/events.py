"""What posts tells the other services about the organisation, each event with the
record's revision, and the one fact it works out for them: who acts as a division's
head while the head is away (五.3 代行其职责)."""

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from services.posts import rules
from services.posts.models import Absence, Division, Post


def next_revision(work, record):
    """Count one more change of ``record`` (a division, person or post) for the event about
    it. The UPDATE waits for any other transaction changing the same row, so revisions rise
    in commit order: a service keeping a copy applies an event only if it is not older than
    what it holds (events can arrive out of order: handled side by side, or retried)."""
    model = type(record)
    revision = work.session.scalar(
        sa.update(model).where(model.id == record.id).values(revision=model.revision + 1)
        .returning(model.revision).execution_options(synchronize_session=False))
    set_committed_value(record, "revision", revision)
    return revision


def staff_changed(work, staff):
    work.emit("staff_changed", {"staff_id": staff.id, "name": staff.name, "role": staff.role,
                                "division_id": staff.division_id, "active": staff.active,
                                "token_version": staff.token_version, "phone": staff.phone,
                                "revision": next_revision(work, staff)})


def post_changed(work, post, took_over_from=None):
    """``took_over_from``: the holder whose open work the new holder takes over."""
    work.emit("post_changed", {
        "post_id": post.id, "title": post.title, "division_id": post.division_id,
        "holder_id": post.holder_id, "previous_holder_id": took_over_from,
        "backup_ids": post.backup_ids, "special": post.special,
        "revision": next_revision(work, post)})


def division_changed(work, division):
    """The division as it is now, its acting head worked out again first."""
    division.acting_head_id = acting_head_now(work.session, division)
    work.emit("division_changed", {"division_id": division.id, "name": division.name,
                                   "code": division.code, "head_id": division.head_id,
                                   "leader_id": division.leader_id,
                                   "acting_head_id": division.acting_head_id,
                                   "revision": next_revision(work, division)})


def acting_head_now(session, division):
    """Who holds the head's powers while the head is away, from posts' own records: the
    head's started, unended absences and the posts they hold (see ``rules.acting_head``)."""
    if division.head_id is None:
        return None
    away = session.scalar(sa.select(Absence.id).where(
        Absence.staff_id == division.head_id, Absence.started_at.is_not(None),
        Absence.ended_at.is_(None)).limit(1)) is not None
    posts = session.scalars(sa.select(Post).where(Post.holder_id == division.head_id)
                            .order_by(Post.title, Post.id)).all()
    return rules.acting_head(rules.DivisionFacts.of(division), away,
                             [rules.PostFacts.of(p) for p in posts])


def follow_heads(work, staff_ids):
    """Divisions headed by any of ``staff_ids`` (one of them left or came back, or a post
    of theirs changed hands): announced again where their acting head changed."""
    session = work.session
    session.flush()
    for division in session.scalars(sa.select(Division).where(
            Division.head_id.in_([s for s in staff_ids if s])).order_by(Division.id)):
        if acting_head_now(session, division) != division.acting_head_id:
            division_changed(work, division)
