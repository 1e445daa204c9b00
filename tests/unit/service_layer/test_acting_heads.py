"""五.3 代行其职责 on fake units of work: posts works out who holds an absent head's powers
and announces it with the division; attendance moves waiting approvals to them and back;
documents holds an overdue document against whoever held it for more working days."""

from datetime import UTC, date, datetime, timedelta

import pytest

from chassis.calendar import WorkingCalendar
from services.attendance import absences
from services.attendance import models as attendance
from services.documents import deadlines
from services.documents import models as documents
from services.posts import events, handover
from services.posts.models import Absence, Backup, Base, Division, Post, Staff
from tests.fakes import FakeWork

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Tuesday 09:00 in the office


def person(staff_id, role="staff"):
    return Staff(id=staff_id, username=staff_id, password_hash="x", name=staff_id,
                 title="科员", phone="", role=role, division_id="d", active=True,
                 token_version=0)


@pytest.fixture
def posts():
    """Division d headed by h (holder of the head's post, B: b), supervised by l."""
    work = FakeWork(Base, "posts")
    work.add(Division(id="d", name="综合处", code="ZH", head_id="h", leader_id="l"))
    work.add(*(person(p) for p in ("h", "b", "a")), person("l", "leader"))
    work.add(Post(id="p-h", title="处长岗", division_id="d", duties=["主持"], holder_id="h",
                  special=False, state="normal"))
    work.add(Backup(post_id="p-h", staff_id="b", rank=1))
    return work


def away(work, staff_id):
    work.add(Absence(id=f"abs-{staff_id}", staff_id=staff_id, reason="出差", started_at=NOW))
    follow(work, staff_id)


def back(work, staff_id):
    work.session.get(Absence, f"abs-{staff_id}").ended_at = NOW + timedelta(hours=6)
    follow(work, staff_id)


def follow(work, staff_id):
    handover.reconcile(work, handover.posts_involving(work.session, staff_id))
    events.follow_heads(work, [staff_id])


def acting_heads(work):
    return [e["acting_head_id"] for e in work.raised("division_changed")]


def test_an_absent_heads_powers_go_to_their_b_and_come_back_on_return(posts):
    away(posts, "h")
    assert acting_heads(posts) == ["b"]
    assert posts.session.get(Division, "d").acting_head_id == "b"
    follow(posts, "h")  # the same absences again: nothing new to say
    assert acting_heads(posts) == []
    back(posts, "h")
    assert acting_heads(posts) == [None]


def test_with_the_b_away_too_the_supervising_leader_holds_the_heads_powers(posts):
    away(posts, "b")
    assert acting_heads(posts) == []  # the head is here: nothing passes
    away(posts, "h")
    assert acting_heads(posts) == ["l"]
    back(posts, "b")  # the B is back and takes the head's post, and the powers with it
    assert acting_heads(posts) == ["b"]


@pytest.fixture
def attendance_work():
    work = FakeWork(attendance.Base, "attendance")
    work.add(attendance.StaffView(staff_id="a", name="a", division_id="d", role="staff"),
             attendance.StaffView(staff_id="b", name="b", division_id="d", role="staff"),
             attendance.StaffView(staff_id="h", name="h", division_id="d",
                                  role="division_head"))
    work.add(attendance.DivisionView(division_id="d", name="综合处", head_id="h", leader_id="l"))
    return work


def waiting(work, absence_id, staff_id, status="pending"):
    return work.add(attendance.Absence(
        id=absence_id, kind="notice", staff_id=staff_id, status=status, start_at=NOW,
        expected_return_at=NOW + timedelta(hours=2), reason="开会", reason_kind="business",
        contact="1", approver_id="h", created_at=NOW, late=False, late_minutes=0,
        late_reported=False, returned_at=NOW + timedelta(hours=2) if status == "returned"
        else None))


def approvers(work):
    return {a.id: a.approver_id for a in work.session.query(attendance.Absence)}


def test_waiting_approvals_move_to_the_acting_head_and_back_but_never_to_oneself(
        attendance_work):
    work = attendance_work
    waiting(work, "n-a", "a")
    waiting(work, "n-b", "b")
    waiting(work, "r-a", "a", status="returned")  # a return report still to acknowledge
    division = work.session.get(attendance.DivisionView, "d")
    division.acting_head_id = "b"
    absences.follow_approvers(work, division)
    assert approvers(work) == {"n-a": "b", "n-b": "l", "r-a": "b"}
    division.acting_head_id = None
    absences.follow_approvers(work, division)
    assert approvers(work) == {"n-a": "h", "n-b": "h", "r-a": "h"}
    division.head_id = None  # the head left: nobody approves until a new one is named
    absences.follow_approvers(work, division)
    assert approvers(work) == {"n-a": None, "n-b": None, "r-a": None}


@pytest.fixture
def documents_work():
    return FakeWork(documents.Base, "documents")


def overdue_document(work, due):
    return work.add(documents.Document(
        id="doc", title="请示", from_unit="某厅", kind="请示", urgent=False,
        received_at=NOW, division_id="d", status="assigned", assignee_id="a",
        assigned_at=datetime(2026, 11, 30, 1, 0, tzinfo=UTC), due_date=due))


def cover(work, handover_id, started, ended=None):
    work.add(documents.HandoverView(handover_id=handover_id, post_id="p", from_id="a",
                                    to_id="b", started_at=started, ended=ended is not None,
                                    ended_at=ended))


def overdue(work, today):
    deadlines.scan(work, today, WorkingCalendar(), 1)
    [report] = work.raised("overdue")
    return report["responsible_id"], report["days_held"]


def test_a_b_who_covered_only_the_last_day_does_not_answer_for_the_as_delay(documents_work):
    overdue_document(documents_work, date(2026, 12, 4))  # due Friday
    cover(documents_work, "h1", datetime(2026, 12, 4, 0, 30, tzinfo=UTC))  # Friday on
    assert overdue(documents_work, date(2026, 12, 7)) == ("a", {"a": 3, "b": 1})


def test_a_b_who_held_it_longer_answers_and_a_tie_goes_to_whoever_held_it_on_the_due_date(
        documents_work):
    overdue_document(documents_work, date(2026, 12, 2))  # due Wednesday: Tue and Wed count
    cover(documents_work, "h1", datetime(2026, 12, 2, 0, 30, tzinfo=UTC),
          datetime(2026, 12, 3, 0, 30, tzinfo=UTC))  # B held Wednesday
    assert overdue(documents_work, date(2026, 12, 3)) == ("b", {"a": 1, "b": 1})
