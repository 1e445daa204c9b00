"""一.4 述职 and 评议: who reviews a report, that nobody reviews their own, and when the
to-do asks for the year's report."""

from datetime import date

import pytest

from office.acting import Acting
from services.accountability.rules import duty_reports as rules
from services.accountability.rules.judgement import Recusal


def facts(staff_id="a", status="submitted", head="h", head_now="h", leader="l"):
    return rules.ReportFacts(staff_id, status, head, head_now, leader)


def test_a_staff_members_report_is_reviewed_by_the_head_or_whoever_acts_for_them():
    assert facts().reviewer_id == "h"
    assert facts(head_now="b").reviewer_id == "b"
    assert rules.actions(facts(head_now="b"), Acting("b", "staff")) == ["review"]
    assert rules.actions(facts(head_now="b"), Acting("h", "division_head")) == []


def test_a_heads_report_is_reviewed_by_the_supervising_leader():
    head_report = facts(staff_id="h")
    assert head_report.reviewer_id == "l"
    rules.check_review(head_report, Acting("l", "leader"))


def test_nobody_reviews_their_own_report_even_when_acting_for_the_head():
    with pytest.raises(Recusal):
        rules.check_review(facts(staff_id="b", head_now="b"), Acting("b", "staff"))
    with pytest.raises(Recusal):
        rules.check_review(facts(staff_id="l", head_now="l"), Acting("l", "leader"))


def test_someone_else_is_refused_and_a_report_is_reviewed_once():
    with pytest.raises(rules.NotTheReviewer):
        rules.check_review(facts(), Acting("l", "leader"))
    with pytest.raises(rules.AlreadyReviewed):
        rules.check_review(facts(status="reviewed"), Acting("h", "division_head"))


def test_only_staff_and_heads_report_and_only_on_a_year_that_has_come():
    today = date(2026, 12, 7)
    rules.check_may_report(Acting("a", "staff"), 2026, today)
    rules.check_may_report(Acting("h", "division_head"), 2025, today)
    with pytest.raises(rules.NotAReporter):
        rules.check_may_report(Acting("l", "leader"), 2026, today)
    with pytest.raises(rules.YearNotOver):
        rules.check_may_report(Acting("a", "staff"), 2027, today)


def test_the_report_of_a_b_acting_for_the_head_goes_to_the_leader():
    acting_b = facts(staff_id="b", head_now="b")
    assert acting_b.reviewer_id == "l"
    assert rules.actions(acting_b, Acting("l", "leader")) == ["review"]


@pytest.mark.parametrize("today, year", [
    (date(2026, 11, 30), None), (date(2026, 12, 1), 2026), (date(2026, 12, 31), 2026),
    (date(2027, 1, 31), 2026), (date(2027, 2, 1), None)])
def test_the_year_s_report_is_asked_for_from_december_to_the_end_of_january(today, year):
    assert rules.year_to_report(today) == year
