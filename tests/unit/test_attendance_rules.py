"""离岗告示制 rules: which notices need approval, who decides, returns and lateness."""

from datetime import date, datetime, timedelta

import pytest

from chassis.calendar import WorkingCalendar
from chassis.clock import OFFICE_TZ
from chassis.schemas import Acting
from services.attendance import rules


def at(hour, minute=0, day=26):
    return datetime(2026, 11, day, hour, minute, tzinfo=OFFICE_TZ)


def absence(**fields):
    defaults = dict(id="n1", staff_id="a", approver_id="head", status="pending",
                    start_at=at(10), expected_return_at=at(12), returned_at=None,
                    reason="开会", reason_kind="business", started_at=None, late_reported=False,
                    return_acknowledged_at=None, contact="1")
    return rules.AbsenceFacts(**{**defaults, **fields})


def test_thirty_minutes_or_less_is_recorded_without_approval():
    assert rules.notice_status(at(10), at(10, 30)) == "recorded"


def test_longer_but_back_the_same_day_needs_approval():
    assert rules.notice_status(at(10), at(10, 31)) == "pending"
    assert rules.notice_status(at(8, 30), at(17, 30)) == "pending"


def test_past_today_is_a_leave_request():
    with pytest.raises(rules.UseLeaveRequest):
        rules.notice_status(at(16), at(9, day=27))


def test_a_return_before_the_start_is_refused():
    with pytest.raises(rules.ReturnBeforeStart):
        rules.notice_status(at(10), at(9))


def test_a_leave_ends_at_office_opening_on_the_next_working_day():
    start, back = rules.leave_window(date(2026, 9, 28), date(2026, 9, 30), WorkingCalendar())
    assert start == datetime(2026, 9, 28, 0, 0, tzinfo=OFFICE_TZ)
    assert back == datetime(2026, 10, 8, 8, 30, tzinfo=OFFICE_TZ)  # after National Day


def test_an_absence_may_not_overlap_an_open_one():
    existing = [absence(status="approved")]
    with pytest.raises(rules.OverlappingAbsence):
        rules.check_no_overlap(existing, at(11), at(13))
    rules.check_no_overlap(existing, at(12), at(13))
    rules.check_no_overlap([absence(status="rejected")], at(11), at(13))


def test_only_the_approver_decides_and_only_once():
    with pytest.raises(rules.NotApprover):
        rules.check_decision(absence(), "someone", "approved", None)
    with pytest.raises(rules.NotApprover):
        rules.check_decision(absence(approver_id="a"), "head", "approved", None)
    with pytest.raises(rules.AlreadyDecided):
        rules.check_decision(absence(status="approved"), "head", "approved", None)
    with pytest.raises(rules.NoteRequired):
        rules.check_decision(absence(), "head", "rejected", "  ")
    rules.check_decision(absence(), "head", "rejected", "会议改期")


def test_reporting_back_is_for_the_absent_person_on_an_absence_that_happened():
    now = at(12)
    with pytest.raises(rules.NotYourAbsence):
        rules.check_return(absence(status="approved"), "b", None, now)
    with pytest.raises(rules.NotAway):
        rules.check_return(absence(status="rejected"), "a", None, now)
    with pytest.raises(rules.AlreadyReturned):
        rules.check_return(absence(status="returned", returned_at=now), "a", None, now)
    with pytest.raises(rules.ReturnBeforeStart):  # the report comes before the start
        rules.check_return(absence(status="approved"), "a", None, at(9))


def test_late_only_past_the_grace_period():
    grace = timedelta(minutes=15)
    assert rules.lateness(at(12), at(12, 15), grace) == (False, 15)
    assert rules.lateness(at(12), at(12, 40), grace) == (True, 40)
    assert rules.lateness(at(12), at(11, 50), grace) == (False, 0)


def test_an_overdue_return_is_reported_once():
    grace = timedelta(minutes=15)
    assert rules.overdue_return(absence(status="approved"), at(12, 16), grace)
    assert not rules.overdue_return(absence(status="approved"), at(12, 14), grace)
    assert not rules.overdue_return(absence(status="approved", late_reported=True), at(13), grace)


def test_the_board_hides_personal_reasons():
    assert rules.public_reason(absence(reason="看病", reason_kind="personal")) == "因私"
    assert rules.public_reason(absence(reason_kind="leave")) == "请假"
    assert rules.public_reason(absence()) == "开会"


def test_a_head_reports_only_their_own_staff_and_a_leader_anyone():
    rules.check_reporter(Acting("head", "division_head"), "head")
    rules.check_reporter(Acting("boss", "leader"), "head")
    with pytest.raises(rules.NotYourStaff):
        rules.check_reporter(Acting("other", "division_head"), "head")


def test_staff_are_approved_by_their_head_and_heads_by_the_supervising_leader():
    heads = rules.HeadsFacts(head_id="head", leader_id="boss")
    assert rules.approver_of(rules.MemberFacts("a", "staff", "d1"), heads) == "head"
    assert rules.approver_of(rules.MemberFacts("head", "division_head", "d1"), heads) == "boss"
    with pytest.raises(rules.NoApprover):  # nobody approves their own
        rules.approver_of(rules.MemberFacts("a", "division_head", "d1"),
                          rules.HeadsFacts(head_id="a", leader_id="a"))
    with pytest.raises(rules.NoApprover):
        rules.approver_of(rules.MemberFacts("h2", "division_head", "d2"),
                          rules.HeadsFacts(head_id="h2", leader_id=None))
    with pytest.raises(rules.NoApprover):
        rules.approver_of(rules.MemberFacts("boss", "leader", None), None)
