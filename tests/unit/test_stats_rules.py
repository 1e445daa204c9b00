"""统计分析: the period an overview covers, who reads which division's figures, what each
event counts, how a record's count moves, and the overview's shape."""

from datetime import date, datetime

import pytest

from chassis.clock import OFFICE_TZ
from office.acting import Acting
from services.accountability.rules import period as periods
from services.accountability.rules import stats as rules
from services.accountability.rules.stats import Tally, Track

TODAY = date(2026, 5, 20)
HEAD, LEADER, ADMIN = Acting("h", "division_head"), Acting("l", "leader"), Acting("x", "admin")


def at(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=OFFICE_TZ)


def test_the_period_is_this_year_so_far_unless_asked():
    assert periods.period(None, None, TODAY) == periods.Period(date(2026, 1, 1), TODAY)
    assert periods.period(None, date(2025, 6, 30), TODAY).start == date(2025, 1, 1)
    assert periods.period(date(2026, 3, 1), None, TODAY).end == TODAY


def test_a_period_ending_before_it_starts_or_beyond_three_years_is_refused():
    with pytest.raises(periods.InvalidPeriod):
        periods.period(date(2026, 4, 1), date(2026, 3, 31), TODAY)
    with pytest.raises(periods.InvalidPeriod):  # from after today, no end given
        periods.period(date(2026, 6, 1), None, TODAY)
    assert periods.period(date(2023, 1, 1), date(2025, 12, 31), TODAY).end.year == 2025
    with pytest.raises(periods.PeriodTooLong) as refused:
        periods.period(date(2023, 1, 1), date(2026, 1, 1), TODAY)
    assert refused.value.code == "period_too_long"
    with pytest.raises(periods.PeriodTooLong):  # 29 February: three years on is 1 March
        periods.period(date(2024, 2, 29), date(2027, 3, 1), TODAY)
    periods.period(date(2024, 2, 29), date(2027, 2, 28), TODAY)


def test_dates_far_outside_the_office_years_are_refused_not_overflowed():
    with pytest.raises(periods.InvalidPeriod):
        periods.period(date(9999, 12, 1), date(9999, 12, 31), TODAY)
    with pytest.raises(periods.InvalidPeriod):
        periods.period(date(1, 1, 1), date(1, 2, 1), TODAY)


def test_a_period_reads_whole_months_and_the_days_of_months_it_covers_in_part():
    span = periods.Period(date(2026, 1, 15), date(2026, 4, 10))
    assert span.months() == [date(2026, m, 1) for m in (1, 2, 3, 4)]
    assert span.whole_months() == (date(2026, 2, 1), date(2026, 3, 1))
    assert span.part_months() == [(date(2026, 1, 15), date(2026, 1, 31)),
                                  (date(2026, 4, 1), date(2026, 4, 10))]
    one_day = periods.Period(date(2026, 2, 28), date(2026, 2, 28))
    assert (one_day.whole_months(), one_day.part_months()) == (
        None, [(date(2026, 2, 28), date(2026, 2, 28))])
    year = periods.Period(date(2025, 1, 1), date(2025, 12, 31))
    assert (year.whole_months(), year.part_months()) == (
        (date(2025, 1, 1), date(2025, 12, 1)), [])


def test_a_head_reads_their_own_division_and_no_other():
    assert periods.scope(HEAD, None, ["d1"]) == ("d1",)
    assert periods.scope(HEAD, "d1", ["d1"]) == ("d1",)
    with pytest.raises(periods.NotYourDivision):
        periods.scope(HEAD, "d2", ["d1"])
    assert periods.scope(Acting("b", "staff"), None, ["d1"]) == ("d1",)  # acting for the head


def test_leaders_and_admins_read_the_office_or_any_division_and_others_nothing():
    for reader in (LEADER, ADMIN):
        periods.check_reader(reader, [])
        assert periods.scope(reader, None, []) is None
        assert periods.scope(reader, "d2", []) == ("d2",)
    for nobody in (Acting("s", "staff"), Acting("h2", "division_head")):
        with pytest.raises(periods.NotAReader):
            periods.check_reader(nobody, [])


def test_a_document_counts_assigned_once_then_done_on_time_or_late():
    data = {"document_id": "doc", "division_id": "d1", "assignee_id": "a",
            "assigned_by": "h", "assigned_at": at(date(2026, 3, 10)),
            "due_date": date(2026, 3, 24), "reassigned": False}
    assert rules.tallies("documents", "document_assigned", data) == [
        Tally("documents.assigned", date(2026, 3, 10), "d1")]
    assert rules.tallies("documents", "document_assigned", {**data, "reassigned": True}) == []
    done = {"document_id": "doc", "division_id": "d1", "assignee_id": "a",
            "completed_by": "a", "due_date": date(2026, 3, 24),
            "completed_on": date(2026, 3, 25), "on_time": False}
    assert rules.tallies("documents", "document_completed", done) == [
        Tally("documents.completed_late", date(2026, 3, 25), "d1", "a"),
        Track("document", "doc", None)]


def test_overdue_work_counts_on_its_due_date_until_done():
    overdue = {"application_id": "app", "matter_id": "m", "reviewer_id": "r",
               "acting_id": None, "due_date": date(2026, 3, 11), "days_late": 1,
               "source": "application"}  # from before it named the division
    assert rules.tallies("inquiries", "overdue", overdue) == [Track(
        "application", "app", Tally("applications.overdue_open", date(2026, 3, 11), None, "r"))]
    assert rules.tallies("documents", "document_returned", {
        "document_id": "doc", "from_unit": "某厅", "reason": "非本处职责"}) == [
        Track("document", "doc", None)]


def test_an_absence_counts_on_the_office_day_it_began_in_the_persons_division():
    late_evening = datetime(2026, 3, 31, 23, 30, tzinfo=OFFICE_TZ)
    started = {"absence_id": "n", "staff_id": "a", "kind": "notice", "reason": "开会",
               "start_at": late_evening, "expected_return_at": late_evening,
               "approver_id": "h"}
    assert rules.tallies("attendance", "absence_started", started) == [
        Tally("absences.notices", date(2026, 3, 31), None, "a")]
    assert rules.tallies("attendance", "absence_started", {**started, "kind": "leave"})[0] \
        .figure == "absences.leave_requests"


def test_a_complaint_counts_received_by_category_and_substantiated_once_found_so():
    filed = {"complaint_id": "c", "staff_id": None, "inquiry_id": None,
             "division_id": "d1", "category": "graft", "filed_at": at(date(2026, 3, 2))}
    assert [t.figure for t in rules.tallies("inquiries", "complaint_filed", filed)] == [
        "complaints.received", "complaints.by_category.graft"]
    concluded = {**filed, "finding": "unsubstantiated", "concluded_by": "h",
                 "concluded_at": at(date(2026, 3, 5)), "staff_id": "a"}
    assert rules.tallies("inquiries", "complaint_concluded", concluded) == []
    assert rules.tallies("inquiries", "complaint_concluded", {
        **concluded, "finding": "substantiated"}) == [
        Tally("complaints.substantiated", date(2026, 3, 5), "d1", "a")]


def test_a_guided_inquirys_lapse_counts_in_the_division_it_was_guided_to():
    lapse = {"inquiry_id": "i", "first_responder_id": "a", "acting_id": None,
             "recorded_at": at(date(2026, 3, 9)), "due_day": date(2026, 3, 10),
             "stage": "guided", "division_id": "d2", "head_id": "h2"}
    assert rules.tallies("inquiries", "first_inquiry_lapsed", lapse) == [
        Tally("inquiries.lapsed", date(2026, 3, 10), "d2", "a")]
    assert rules.tallies("posts", "handover_started", {}) == []


def test_a_waived_violation_and_a_dismissed_case_count_nowhere():
    moment = at(date(2026, 3, 3))
    assert rules.violation_tally("overdue", "contested", moment, "a") == Tally(
        "violations.by_kind.overdue", date(2026, 3, 3), staff_id="a")
    assert rules.violation_tally("overdue", "waived", moment, "a") is None
    assert rules.case_tally("serious", "decided", moment, "a").figure == \
        "cases.by_severity.serious"
    assert rules.case_tally("light", "dismissed", moment, "a") is None


def test_a_record_moves_between_counts_and_once_withdrawn_stays_so():
    light = Tally("cases.by_severity.light", date(2026, 3, 3), "d1")
    serious = Tally("cases.by_severity.serious", date(2026, 3, 3), "d1")
    assert rules.recount(False, None, light) == [(light, 1)]
    assert rules.recount(True, light, light) == []
    assert rules.recount(True, light, serious) == [(light, -1), (serious, 1)]
    assert rules.recount(True, serious, None) == [(serious, -1)]
    assert rules.recount(True, None, serious) == []  # done before its overdue report came
    assert rules.recount(False, None, None) == []


def test_the_overview_has_every_count_each_month_and_each_division():
    span = periods.Period(date(2026, 2, 20), date(2026, 3, 31))
    found = rules.overview(
        span, {date(2026, 3, 1): {"documents.assigned": 2, "violations.by_kind.overdue": 1}},
        {"d1": {"documents.assigned": 2}, "": {"violations.by_kind.overdue": 1}},
        [("d1", "政府机构编制处"), ("d2", None)])
    assert (found["start"], found["end"]) == (span.start, span.end)
    assert found["documents"] == {"assigned": 2, "completed_on_time": 0, "completed_late": 0,
                                  "overdue_open": 0}
    assert found["violations"]["by_kind"]["overdue"] == 1
    assert found["complaints"]["by_category"] == {
        "shirking": 0, "attitude": 0, "overdue": 0, "graft": 0, "no_one_time_notice": 0,
        "other": 0}
    assert found["cases"]["by_severity"] == {"light": 0, "serious": 0}
    assert [(m["month"], m["documents"]["assigned"]) for m in found["monthly"]] == [
        ("2026-02", 0), ("2026-03", 2)]
    assert [(d["division_id"], d["division_name"], d["documents"]["assigned"],
             d["violations"]["by_kind"]["overdue"]) for d in found["by_division"]] == [
        ("d1", "政府机构编制处", 2, 0), ("d2", None, 0, 0)]
