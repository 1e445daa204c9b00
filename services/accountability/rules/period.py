"""统计分析: the period a statistics overview covers, and whose figures a reader may see.

Each check takes plain values and raises a domain error.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from chassis.errors import Forbidden, Invalid
from contracts.vocabulary import ROLE_GROUPS
from office.acting import Acting

MAX_YEARS = 3
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # as a year is bounded elsewhere
OFFICE_READERS = ROLE_GROUPS["LEADERSHIP"]  # read the whole office, or any one division


class InvalidPeriod(Invalid):
    code = "invalid_period"


class PeriodTooLong(Invalid):
    code = "period_too_long"


class NotAReader(Forbidden):
    """Statistics are for heads (and acting heads), leaders and admins."""

    code = "not_allowed"


class NotYourDivision(Forbidden):
    code = "not_your_division"


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def years_after(day: date, years: int) -> date:
    """The same date ``years`` on; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included (the office's dates)."""

    start: date
    end: date

    def months(self) -> list[date]:
        """The first day of each month the period touches, in order."""
        found, month = [], month_of(self.start)
        while month <= self.end:
            found.append(month)
            month = next_month(month)
        return found

    def whole_months(self) -> tuple[date, date] | None:
        """The first and last month lying wholly inside the period (read from the monthly
        counters), or None."""
        inside = [m for m in self.months()
                  if m >= self.start and next_month(m) - timedelta(days=1) <= self.end]
        return (inside[0], inside[-1]) if inside else None

    def part_months(self) -> list[tuple[date, date]]:
        """The days of the months it covers only in part (read from the daily counters):
        at most two runs, each within one month."""
        return [(max(m, self.start), min(next_month(m) - timedelta(days=1), self.end))
                for m in self.months()
                if m < self.start or next_month(m) - timedelta(days=1) > self.end]


def period(start: date | None, end: date | None, today: date) -> Period:
    """The period asked for: by default this year so far (the year of ``end``, up to
    ``today``); an end before the start, or more than three years, is refused."""
    end = end or today
    start = start or date(end.year, 1, 1)
    for day in (start, end):
        if not EARLIEST <= day <= LATEST:
            raise InvalidPeriod(f"dates run from {EARLIEST} to {LATEST}",
                                {"from": start.isoformat(), "to": end.isoformat()})
    if end < start:
        raise InvalidPeriod("the period ends before it starts",
                            {"from": start.isoformat(), "to": end.isoformat()})
    if end >= years_after(start, MAX_YEARS):
        raise PeriodTooLong(f"a period is at most {MAX_YEARS} years: narrow it",
                            {"from": start.isoformat(), "to": end.isoformat(),
                             "max_years": MAX_YEARS})
    return Period(start, end)


def check_reader(actor: Acting, headed: Collection[str]) -> None:
    """A leader or an admin, or someone who heads a division (its head, or the B acting
    for an absent head, 五.3); anyone else is refused before any lookup."""
    if actor.role not in OFFICE_READERS and not headed:
        raise NotAReader("statistics are for heads, leaders and admins")


def scope(actor: Acting, asked: str | None, headed: Collection[str]) -> tuple[str, ...] | None:
    """The divisions whose figures the reader sees (None: the whole office). A head sees
    their own division — by default, and only it; leaders and admins any."""
    if actor.role in OFFICE_READERS:
        return (asked,) if asked else None
    if asked is None:
        return tuple(sorted(headed))
    if asked not in headed:
        raise NotYourDivision("a head reads the statistics of their own division",
                              {"division_id": asked})
    return (asked,)
