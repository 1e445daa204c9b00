"""Referrals (六.4) on a fake unit of work: a question referred to a division waits on the
to-do of its staff and of whoever holds its head powers, each told once, until answered;
nobody else sees it."""

from datetime import UTC, date, datetime

import pytest

from chassis.clock import clock
from office.acting import Acting
from services.inquiries import referrals, todo
from services.inquiries.models import Base, DivisionView, Referral, StaffView
from tests.fakes import FakeWork


@pytest.fixture
def work(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    work = FakeWork(Base, "inquiries")
    work.add(DivisionView(division_id="d-2", name="事业单位登记管理处", head_id="h2",
                          leader_id="l", acting_head_id=None))
    for staff_id, division, active in (("x", "d-2", True), ("y", "d-2", True),
                                       ("gone", "d-2", False), ("h2", "d-2", True),
                                       ("r", "d-1", True)):
        work.add(StaffView(staff_id=staff_id, name=staff_id, division_id=division,
                           active=active))
    return work


def refer(work, status="open"):
    return work.add(Referral(id="q1", application_id="app", division_id="d-2",
                             question="该单位能否登记为公益一类？", status=status,
                             due_date=date(2026, 12, 2), referred_by="r",
                             referred_at=clock.now()))


def test_everyone_of_the_division_referred_to_is_told_but_who_has_left(work):
    referrals.tell_division(work, refer(work), by="r")
    told = work.raised("todo_added")
    assert sorted(e["staff_id"] for e in told) == ["h2", "x", "y"]
    assert {(e["kind"], e["id"], e["link"], e["due"]) for e in told} == {
        ("referral", "q1", "/applications/app", "2026-12-02")}


def test_an_open_referral_waits_on_its_divisions_staff_and_acting_head_only(work):
    refer(work)
    work.session.get(DivisionView, "d-2").acting_head_id = "l"  # the head is away
    assert [i["kind"] for i in todo.items(work.session, Acting("x", "staff", "d-2"))] == [
        "referral"]
    assert [i["id"] for i in todo.items(work.session, Acting("l", "leader"))] == ["q1"]
    assert todo.items(work.session, Acting("r", "staff", "d-1")) == []


def test_an_answered_referral_leaves_the_to_do(work):
    refer(work, status="answered")
    assert todo.items(work.session, Acting("x", "staff", "d-2")) == []
