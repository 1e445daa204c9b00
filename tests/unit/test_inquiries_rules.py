"""一次性告知 and 首问 rules: every problem at once, lapses, closing, the half-year."""

from datetime import date

import pytest

from chassis.calendar import WorkingCalendar
from office.acting import Acting
from services.inquiries import rules

CATALOGUE = [{"code": c, "name": n, "required": r} for c, n, r in (
    ("M1", "申请书", True), ("M2", "编制核定文件", True), ("M3", "机构设置方案", True),
    ("M4", "法人证书复印件", True), ("M5", "其他说明", False))]


def submitted(*entries):
    return [{"code": c, "ok": ok, **({"defect": d} if d else {})} for c, ok, d in entries]


def test_a_review_lists_every_missing_and_defective_material_at_once():
    problems = rules.review(CATALOGUE, submitted(("M3", False, "未盖章"), ("M4", True, None)))
    assert problems == [
        {"code": "M1", "name": "申请书", "problem": "missing"},
        {"code": "M2", "name": "编制核定文件", "problem": "missing"},
        {"code": "M3", "name": "机构设置方案", "problem": "defective", "defect": "未盖章"}]


def test_an_optional_material_left_out_is_not_a_problem():
    assert rules.review(CATALOGUE, submitted(*((c, True, None) for c in
                                               ("M1", "M2", "M3", "M4")))) == []


def test_a_material_the_matter_does_not_list_or_given_twice_is_refused():
    with pytest.raises(rules.UnknownMaterial):
        rules.review(CATALOGUE, submitted(("M9", True, None)))
    with pytest.raises(rules.DuplicateMaterial):
        rules.review(CATALOGUE, submitted(("M1", True, None), ("M1", False, None)))


def history(reviewer, accepted, listed):
    return {"reviewer_id": reviewer, "accepted": accepted, "listed": set(listed)}


def test_a_problem_listed_before_and_still_not_fixed_is_no_lapse():
    first = history("r1", {"M3": False, "M4": True}, ["M1", "M2", "M3"])
    assert rules.lapses([{"code": "M2", "name": "编制核定文件", "problem": "missing"}],
                        [first]) == []


def test_returning_for_a_material_accepted_before_is_a_lapse_naming_who_accepted_it():
    first = history("r1", {"M3": False, "M4": True}, ["M1", "M2", "M3"])
    [lapse] = rules.lapses([{"code": "M4", "name": "法人证书复印件", "problem": "defective"}],
                           [first])
    assert (lapse["code"], lapse["why"], lapse["reviewer_ids"]) == ("M4", "accepted_before",
                                                                    ["r1"])


def test_a_problem_no_earlier_notice_listed_is_a_lapse_but_not_on_a_first_review():
    problem = {"code": "M5", "name": "其他说明", "problem": "defective"}
    first = history("r1", {}, ["M1"])
    assert rules.lapses([problem], [first])[0]["why"] == "not_listed_before"
    assert rules.lapses([problem], []) == []


def test_an_inquiry_is_due_by_the_end_of_the_next_working_day():
    calendar = WorkingCalendar()
    assert rules.lapse_day(date(2026, 11, 27), calendar) == date(2026, 11, 30)  # Fri → Mon
    assert rules.lapse_day(date(2026, 9, 30), calendar) == date(2026, 10, 8)


def test_only_the_first_responder_or_their_acting_backup_closes_an_open_inquiry():
    inquiry = rules.InquiryFacts(first_responder_id="a", acting_id="b", status="open")
    rules.check_closer(inquiry, "a")
    rules.check_closer(inquiry, "b")
    with pytest.raises(rules.NotFirstResponder):
        rules.check_closer(inquiry, "c")
    with pytest.raises(rules.AlreadyClosed):
        rules.check_closer(rules.InquiryFacts(first_responder_id="a", acting_id=None,
                                              status="handled"), "a")


def test_half_years_are_the_two_halves_of_a_year():
    assert rules.half_year("2026H1") == (date(2026, 1, 1), date(2026, 7, 1))
    assert rules.half_year("2026H2") == (date(2026, 7, 1), date(2027, 1, 1))
    for bad in ("2026H3", "2026", "H12026", "2026H1x"):
        with pytest.raises(rules.BadHalfYear):
            rules.half_year(bad)


def test_an_application_completed_by_its_due_date_is_on_time():
    assert rules.on_time(date(2026, 12, 17), date(2026, 12, 17))
    assert not rules.on_time(date(2026, 12, 18), date(2026, 12, 17))


def test_an_admin_or_the_divisions_head_publishes_its_matters():
    rules.check_matter_publisher(Acting("root", "admin"), "head")
    rules.check_matter_publisher(Acting("head", "division_head"), "head")
    with pytest.raises(rules.NotYourDivision):
        rules.check_matter_publisher(Acting("other", "division_head"), "head")
    with pytest.raises(rules.NotYourDivision):
        rules.check_matter_publisher(Acting("boss", "leader"), None)


def test_a_matter_handled_at_once_is_due_the_day_it_is_accepted():
    calendar = WorkingCalendar()
    friday = date(2026, 11, 27)
    assert rules.application_due(friday, 0, calendar) == friday  # 即办
    assert rules.application_due(friday, 1, calendar) == date(2026, 11, 30)
    assert rules.on_time(friday, rules.application_due(friday, 0, calendar))


ACCEPTED = rules.ApplicationFacts(status="accepted", reviewer_id="r", acting_id="b")


def test_the_reviewer_or_their_acting_backup_refers_an_accepted_application():
    rules.check_referrer(ACCEPTED, "r")
    rules.check_referrer(ACCEPTED, "b")
    with pytest.raises(rules.NotReviewer):
        rules.check_referrer(ACCEPTED, "someone")
    with pytest.raises(rules.NotAccepted):
        rules.check_referrer(rules.ApplicationFacts(status="completed", reviewer_id="r",
                                                    acting_id=None), "r")


def test_a_returned_application_of_a_withdrawn_matter_is_not_offered_for_resubmission():
    returned = rules.ApplicationFacts(status="returned", reviewer_id=None, acting_id=None)
    clerk = Acting("c", "staff")
    assert rules.application_actions(returned, clerk, None, False) == ["resubmit"]
    assert rules.application_actions(returned, clerk, None, True) == []
    with pytest.raises(rules.MatterWithdrawn):
        rules.check_matter_open(True)


def test_the_reviewer_may_refer_and_complete_what_they_accepted():
    assert rules.application_actions(ACCEPTED, Acting("r", "staff"), "h", False) == [
        "complete", "refer"]
    assert rules.application_actions(ACCEPTED, Acting("h", "division_head"), "h", False) == [
        "urge"]
