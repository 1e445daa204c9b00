"""Working days on the State Council's published calendar (国务院办公厅放假安排)."""

from datetime import date

import pytest

from chassis.calendar import WorkingCalendar, parse_overrides

calendar = WorkingCalendar()


@pytest.mark.parametrize("day, working", [
    (date(2026, 2, 14), True),    # Saturday make-up working day (调休) for Spring Festival
    (date(2026, 2, 16), False),   # Spring Festival holiday
    (date(2026, 2, 23), False),   # last day of the nine-day break
    (date(2026, 2, 28), True),    # Saturday make-up working day
    (date(2026, 9, 20), True),    # Sunday make-up working day for National Day
    (date(2026, 10, 7), False),   # National Day holiday
    (date(2026, 10, 10), True),   # Saturday make-up working day
    (date(2026, 11, 28), False),  # an ordinary Saturday
    (date(2026, 11, 27), True),   # an ordinary Friday
])
def test_a_day_is_working_as_the_published_calendar_says(day, working):
    assert calendar.is_working_day(day) is working


def test_ten_working_days_across_spring_festival_count_the_make_up_saturdays():
    # 2/13, 2/14 (调休), 2/24-2/27, 2/28 (调休), 3/2, 3/3, 3/4
    assert calendar.add_working_days(date(2026, 2, 12), 10) == date(2026, 3, 4)


def test_ten_working_days_across_national_day_skip_the_golden_week():
    # 9/29, 9/30, 10/8, 10/9, 10/10 (调休), 10/12 … 10/16
    assert calendar.add_working_days(date(2026, 9, 28), 10) == date(2026, 10, 16)


def test_counting_starts_the_day_after_even_on_a_holiday():
    assert calendar.add_working_days(date(2026, 10, 1), 1) == date(2026, 10, 8)


def test_overrides_win_over_the_package_for_a_year_not_yet_published():
    overridden = WorkingCalendar(parse_overrides("2027-02-20:work,2027-02-11:off"))
    assert overridden.is_working_day(date(2027, 2, 20))   # a Saturday made a working day
    assert not overridden.is_working_day(date(2027, 2, 11))
    assert not calendar.is_working_day(date(2027, 2, 20))


def test_a_malformed_override_is_refused():
    with pytest.raises(ValueError):
        parse_overrides("2027-02-20:maybe")


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert calendar.working_days_between(date(2026, 9, 28), date(2026, 10, 16)) == 10
    assert calendar.working_days_between(date(2026, 10, 16), date(2026, 10, 16)) == 0


def test_zero_working_days_is_refused():
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 1, 5), 0)


def test_days_late_counts_calendar_days_past_the_due_date_and_never_below_zero():
    from chassis.calendar import days_late

    assert days_late(date(2026, 12, 10), date(2026, 12, 14)) == 4
    assert days_late(date(2026, 12, 10), date(2026, 12, 9)) == 0
