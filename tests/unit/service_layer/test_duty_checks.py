"""在岗检查 (attendance/duty_checks.py) on a fake unit of work: a check keeps what excused
each person found away and reports the others once each, as found by the check; who is in
the division comes from the views, and from posts for whom they do not know yet."""

from datetime import UTC, datetime, timedelta
from unittest.mock import ANY

import pytest

from office.acting import Acting
from services.attendance import absences, duty_checks
from services.attendance.models import Absence, Base, DivisionView, StaffView
from tests.fakes import FakeWork

ELEVEN = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 11:00 in the office
HEAD = Acting("head", "division_head")


@pytest.fixture
def work():
    """Division d1 headed by ``head``, supervised by ``boss``, with staff a, b and c."""
    work = FakeWork(Base, "attendance")
    work.add(DivisionView(division_id="d1", name="综合处", code="ZH", head_id="head",
                          leader_id="boss"))
    work.add(*(StaffView(staff_id=p, name=p, division_id="d1", role="staff")
               for p in ("a", "b", "c")))
    return work


def trip(work, staff_id, status="approved", start=ELEVEN - timedelta(hours=1)):
    return work.add(Absence(
        id=f"abs-{staff_id}", kind="leave", staff_id=staff_id, status=status, start_at=start,
        expected_return_at=start + timedelta(days=1), reason="到北京出差",
        reason_kind="business_trip", contact="1", approver_id="head", created_at=start,
        late=False, late_minutes=0, late_reported=False))


def nobody(*args):
    raise AssertionError(f"posts was asked {args}")


def check(work, absent_ids, note=None, checker=HEAD):
    division = work.session.get(DivisionView, "d1")
    people = duty_checks.members(work.session, "d1", absent_ids, nobody)
    return duty_checks.record(work, checker, division, people, {
        "checked_at": ELEVEN, "absent_ids": absent_ids, "note": note})


def test_only_those_no_absence_excuses_are_reported_each_once_as_found_by_the_check(work):
    on_trip = trip(work, "a")
    trip(work, "b", status="pending")  # asked for, not yet allowed: no excuse
    done = check(work, ["a", "b", "c"], note="上午抽查")
    assert done.absent == [
        {"staff_id": "a", "excused": True, "absence_id": on_trip.id, "report_id": None},
        {"staff_id": "b", "excused": False, "absence_id": None, "report_id": ANY},
        {"staff_id": "c", "excused": False, "absence_id": None, "report_id": ANY}]
    reported = work.raised("unauthorised_absence")
    assert [(r["staff_id"], r["source"], r["duty_check_id"], r["reported_by"],
             r["approver_id"], r["note"]) for r in reported] == [
        (p, "duty_check", done.id, "head", "head", "上午抽查") for p in ("b", "c")]
    assert [r["report_id"] for r in reported] == [done.absent[1]["report_id"],
                                                  done.absent[2]["report_id"]]


def test_a_check_where_everyone_was_in_reports_nobody(work):
    assert check(work, []).absent == [] and work.events == []


def test_an_acting_head_checks_in_the_heads_place(work):
    work.session.get(DivisionView, "d1").acting_head_id = "c"
    done = check(work, ["a"], checker=Acting("c", "staff"))
    assert (done.checked_by, done.checked_for) == ("c", "head")
    [reported] = work.raised("unauthorised_absence")
    assert reported["approver_id"] == "c"  # who approves a's absences meanwhile


def test_a_report_by_a_head_names_no_check(work):
    absences.report(work, staff_id="a", observed_at=ELEVEN, note="未见到人",
                    reported_by="head", approver_id="head")
    [reported] = work.raised("unauthorised_absence")
    assert "source" not in reported and "duty_check_id" not in reported


def test_people_and_divisions_the_views_do_not_know_yet_are_asked_of_posts(work):
    def posts(service, method, *args):
        assert (service, method) == ("posts", "list_staff")
        return {"items": [{"id": "new", "role": None}, {"id": "b", "role": "staff"}]}
    assert duty_checks.members(work.session, "d1", ["a", "new", "x"], posts) == {
        "a": "staff", "new": "staff"}
    assert duty_checks.members(work.session, "d1", ["a", "b"], nobody) == {
        "a": "staff", "b": "staff"}
    division = duty_checks.division(work.session, "d2", lambda *args: {
        "id": "d2", "name": "新处", "code": "XC", "head_id": "h2", "leader_id": "boss",
        "acting_head_id": None})
    assert (division.division_id, division.head_now) == ("d2", "h2")
