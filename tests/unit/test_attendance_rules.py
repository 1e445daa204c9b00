"""离岗告示制 rules: which notices need approval, who decides, returns and lateness."""

from datetime import date, datetime, timedelta

import pytest

from chassis.calendar import WorkingCalendar
from chassis.clock import OFFICE_TZ
from office.acting import Acting
from services.attendance import rules
from services.attendance.rules import duty_checks


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
    assert rules.public_reason(absence()) == "开会"


def test_the_board_names_a_trip_or_a_meeting_and_shows_every_other_leave_as_leave():
    def shown(kind):
        return rules.public_reason(absence(kind="leave", reason="家中有事", reason_kind=kind))
    assert (shown("business_trip"), shown("meeting")) == ("出差", "开会")
    assert {shown(k) for k in ("annual_leave", "personal_leave", "sick_leave", "other")} == {
        "请假"}


def test_a_notice_or_leave_request_without_a_contact_is_refused():
    for contact in (None, "", "   "):
        with pytest.raises(rules.ContactRequired):
            rules.check_contact(contact)
    rules.check_contact("13900000000")


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


HEADS = rules.HeadsFacts(head_id="head", leader_id="boss")


def test_a_spot_check_is_made_by_the_head_or_acting_head_the_supervising_leader_or_an_admin():
    for who in (Acting("head", "division_head"), Acting("boss", "leader"),
                Acting("root", "admin")):
        duty_checks.check_checker(who, HEADS)
    for who in (Acting("a", "staff"), Acting("other-head", "division_head"),
                Acting("other-leader", "leader")):
        with pytest.raises(duty_checks.NotYourDivision):
            duty_checks.check_checker(who, HEADS)
    away = rules.HeadsFacts(head_id="head", leader_id="boss", acting_head_id="b")
    duty_checks.check_checker(Acting("b", "staff"), away)
    with pytest.raises(duty_checks.NotYourDivision):  # the head's powers are with the B meanwhile
        duty_checks.check_checker(Acting("head", "division_head"), away)


def test_those_found_away_are_the_divisions_people_each_once_and_never_the_checker():
    members, now = {"a", "b", "head"}, at(11)
    duty_checks.check_duty_check(["a", "b"], members, "head", at(10), now)
    duty_checks.check_duty_check([], members, "head", at(10), now)  # everyone was in
    with pytest.raises(duty_checks.NotInDivision) as refused:
        duty_checks.check_duty_check(["a", "stranger"], members, "head", at(10), now)
    assert refused.value.details == {"staff_ids": ["stranger"]}
    with pytest.raises(duty_checks.DuplicateAbsentee):
        duty_checks.check_duty_check(["a", "a"], members, "head", at(10), now)
    with pytest.raises(duty_checks.Recusal):
        duty_checks.check_duty_check(["head"], members, "head", at(10), now)
    with pytest.raises(duty_checks.CheckedInFuture):
        duty_checks.check_duty_check(["a"], members, "head", at(12), now)


def test_only_a_started_unended_allowed_absence_excuses_someone_found_away():
    checked = at(11)
    taken = [absence(id="ok", staff_id="a", status="approved", started_at=at(10)),
             absence(id="short", staff_id="b", status="recorded", start_at=at(10, 50),
                     expected_return_at=at(11, 20)),
             absence(id="asked", staff_id="c", status="pending"),
             absence(id="later", staff_id="d", status="approved", start_at=at(11, 30)),
             absence(id="back", staff_id="e", status="returned", returned_at=at(10, 30)),
             absence(id="after", staff_id="f", status="returned", returned_at=at(11, 10))]
    found = duty_checks.findings(["a", "b", "c", "d", "e", "f", "g"], taken, checked)
    assert [(f.staff_id, f.excused, f.absence_id) for f in found] == [
        ("a", True, "ok"), ("b", True, "short"), ("c", False, None), ("d", False, None),
        ("e", False, None), ("f", True, "after"), ("g", False, None)]


def test_someone_still_away_past_their_return_is_late_not_away_without_leave_again():
    late = absence(staff_id="a", status="approved", expected_return_at=at(12))
    assert duty_checks.covers(late, at(14))  # 未按时到岗: late_return holds it (七.6)
    assert not duty_checks.covers(absence(status="rejected"), at(11))


def test_a_notice_filed_after_the_check_and_dated_back_excuses_nothing():
    backdated = absence(status="recorded", start_at=at(10, 50), expected_return_at=at(11, 20),
                        created_at=at(11, 5))
    assert not duty_checks.covers(backdated, at(11))
    assert duty_checks.covers(absence(status="recorded", start_at=at(10, 50),
                                      created_at=at(10, 49)), at(11))


def test_a_check_is_recorded_the_day_it_is_made():
    with pytest.raises(duty_checks.CheckedBefore):
        duty_checks.check_duty_check(["a"], {"a"}, "head", at(16, day=25), at(9))


def test_which_leave_someone_took_is_hidden_from_colleagues_but_a_trip_is_not():
    colleague = rules.Viewer("c", "staff")
    for kind, seen in (("sick_leave", "other"), ("business_trip", "business_trip")):
        leave = absence(kind="leave", reason_kind=kind, status="approved")
        assert rules.shown({"kind": kind}, leave, colleague)["kind"] == seen
        assert rules.shown({"kind": kind}, leave, rules.Viewer("head", "division_head"))[
            "kind"] == kind
