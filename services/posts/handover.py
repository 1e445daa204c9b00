"""交接: applying the A/B cover plan to posts, recording handovers and raising their events.

The state is reconciled, not replayed: whatever order absence events arrive
in, and however often, each affected post ends up as :func:`rules.cover_plan`
says for the absences known now.
"""

import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.schemas import once
from contracts.common import WorkItem as PendingItem
from services.posts import events, rules
from services.posts.models import Absence, Backup, Division, Handover, Post


def record_start(session, data):
    """Note an absence as started, unless its end is already known. A short one (30
    minutes or less, 七.1) hands nothing over: the post stays with its holder."""
    if not data["hands_over"]:
        return
    absence = session.get(Absence, data["absence_id"])
    if absence is None:
        session.add(Absence(id=data["absence_id"], staff_id=data["staff_id"],
                            reason=data["reason"], started_at=data["start_at"],
                            handover_note=data.get("handover_note")))
    elif absence.started_at is None and absence.ended_at is None:
        absence.started_at = data["start_at"]


def record_end(session, data):
    if not data["hands_over"]:
        return
    absence = session.get(Absence, data["absence_id"])
    if absence is None:  # the end overtook the start: keep it so the start is ignored
        absence = Absence(id=data["absence_id"], staff_id=data["staff_id"], reason="")
        session.add(absence)
    absence.ended_at = absence.ended_at or data["returned_at"]


def record_pending(session, data):
    """Replace the handover's pending items of the kind just routed (documents, …)."""
    record = rules.require(session.get(Handover, data["handover_id"]), "handover",
                           data["handover_id"])
    kept = [item for item in record.pending_items if item["kind"] != data["kind"]]
    record.pending_items = kept + once(PendingItem, many=True).dump(data["items"])


def posts_involving(session, staff_id):
    """Posts the person holds or backs up, locked against a concurrent reconcile."""
    backed_up = sa.select(Backup.post_id).where(Backup.staff_id == staff_id)
    return session.scalars(
        sa.select(Post).where(sa.or_(Post.holder_id == staff_id, Post.id.in_(backed_up)))
        .order_by(Post.id).with_for_update()).all()


ENDINGS = {"normal": "holder_returned", "vacant": "post_vacant"}


def reconcile(work, posts):
    session = work.session
    session.flush()
    current = {a.staff_id: a for a in session.scalars(
        sa.select(Absence).where(Absence.started_at.is_not(None), Absence.ended_at.is_(None)))}
    for post in posts:
        state, acting_id = rules.cover_plan(rules.PostFacts.of(post), set(current))
        active = session.scalar(sa.select(Handover).where(
            Handover.post_id == post.id, Handover.ended_at.is_(None)))
        if active and active.to_id != acting_id:
            end_handover(work, active, ENDINGS.get(state, "backup_away"))
        if state == "covered" and (active is None or active.to_id != acting_id):
            start_handover(work, post, acting_id, current[post.holder_id])
        if state == "uncovered" and post.state != "uncovered":
            report_failure(work, post, current[post.holder_id])
        post.state, post.acting_id = state, acting_id
    events.follow_heads(work, {post.holder_id for post in posts})


def start_handover(work, post, to_id, absence):
    handover = Handover(id=str(uuid.uuid4()), post_id=post.id, absence_id=absence.id,
                        from_id=post.holder_id, to_id=to_id, reason=absence.reason,
                        note=absence.handover_note, started_at=clock.now(), pending_items=[])
    work.session.add(handover)
    work.emit("handover_started", {
        "handover_id": handover.id, "post_id": post.id, "post_title": post.title,
        "division_id": post.division_id, "from_id": post.holder_id, "to_id": to_id,
        "absence_id": absence.id, "reason": absence.reason, "note": handover.note,
        "started_at": handover.started_at})


def end_handover(work, handover, why):
    handover.ended_at = clock.now()
    work.emit("handover_ended", {
        "handover_id": handover.id, "post_id": handover.post_id, "from_id": handover.from_id,
        "to_id": handover.to_id, "ended_at": handover.ended_at, "why": why})


def report_failure(work, post, absence):
    division = work.session.get(Division, post.division_id)
    work.emit("handover_failed", {
        "post_id": post.id, "post_title": post.title, "division_id": post.division_id,
        "holder_id": post.holder_id, "head_id": division.head_id, "absence_id": absence.id,
        "failed_at": clock.now()}, fact=(post.id, absence.id, "handover_failed"))
