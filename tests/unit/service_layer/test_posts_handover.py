"""AB岗 reconciliation (posts/handover.py) on a fake unit of work: whatever absences are
known, each post ends as the cover plan says, with one event per change."""

from datetime import UTC, datetime

import pytest

from services.posts import handover
from services.posts.models import Absence, Backup, Base, Division, Post, Staff
from tests.fakes import FakeWork

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def person(staff_id):
    return Staff(id=staff_id, username=staff_id, password_hash="x", name=staff_id,
                 title="科员", phone="", role="staff", division_id="d", active=True,
                 token_version=0)


@pytest.fixture
def work():
    work = FakeWork(Base, "posts")
    work.add(Division(id="d", name="综合处", code="ZH", head_id="head"))
    work.add(*(person(p) for p in ("head", "a", "b1", "b2")))
    work.add(Post(id="p", title="收文岗", division_id="d", duties=["收文"], holder_id="a",
                  special=False, state="normal"))
    work.add(Backup(post_id="p", staff_id="b1", rank=1), Backup(post_id="p", staff_id="b2",
                                                                rank=2))
    return work


def away(work, *people):
    for staff_id in people:
        work.add(Absence(id=f"abs-{staff_id}", staff_id=staff_id, reason="开会",
                         started_at=NOW, handover_note="文件在柜中"))
    handover.reconcile(work, handover.posts_involving(work.session, people[0]))


def back(work, staff_id):
    work.session.get(Absence, f"abs-{staff_id}").ended_at = NOW
    handover.reconcile(work, handover.posts_involving(work.session, staff_id))


def post(work):
    row = work.session.get(Post, "p")
    return row.state, row.acting_id


def test_the_holder_away_hands_the_post_to_the_first_backup_with_the_note(work):
    away(work, "a")
    [started] = work.raised("handover_started")
    assert (started["from_id"], started["to_id"], started["note"]) == ("a", "b1", "文件在柜中")
    assert post(work) == ("covered", "b1") and work.events == []


def test_a_backup_away_too_passes_the_post_on_and_none_left_reports_a_failure(work):
    away(work, "a")
    work.raised()
    away(work, "b1")
    [ended], [started] = work.raised("handover_ended"), work.raised("handover_started")
    assert (ended["to_id"], ended["why"], started["to_id"]) == ("b1", "backup_away", "b2")
    away(work, "b2")
    assert [e["why"] for e in work.raised("handover_ended")] == ["backup_away"]
    [failed] = work.raised("handover_failed")
    assert (failed["holder_id"], failed["head_id"]) == ("a", "head")
    assert post(work) == ("uncovered", None) and work.events == []


def test_reconciling_again_changes_nothing_and_the_holders_return_ends_the_handover(work):
    away(work, "a")
    work.raised()
    handover.reconcile(work, handover.posts_involving(work.session, "a"))
    assert work.events == []  # the same absences: the same plan, no new event
    back(work, "a")
    assert [e["why"] for e in work.raised("handover_ended")] == ["holder_returned"]
    assert post(work) == ("normal", None)
