"""工作日: the working-day calendar, defined once for every service.

China's calendar from ``holidays``: statutory holidays are off, weekend
make-up working days (调休) are on. Local overrides (``XIAONENG_CALENDAR_OVERRIDES``,
``2027-02-07:work,2027-02-11:off``) cover what the package does not know yet,
such as a year whose make-up days are not published.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from nameko.extensions import DependencyProvider

from chassis.config import Settings


def parse_overrides(text: str) -> dict:
    overrides = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        day, _, kind = item.partition(":")
        if kind not in ("work", "off"):
            raise ValueError(f"calendar override {item!r}: expected YYYY-MM-DD:work|off")
        overrides[date.fromisoformat(day)] = kind == "work"
    return overrides


@lru_cache(maxsize=64)
def _china(year: int):
    return holidays.China(years=year)


class WorkingCalendar:
    def __init__(self, overrides: dict | None = None):
        self.overrides = dict(overrides or {})

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return _china(day.year).is_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (counting starts the next day)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        day = start
        while n:
            day += timedelta(days=1)
            n -= self.is_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


class Calendar(DependencyProvider):
    """Gives workers the office's :class:`WorkingCalendar`, overrides read at start-up."""

    def setup(self):
        overrides = Settings.from_mapping(self.container.config).calendar_overrides
        self.calendar = WorkingCalendar(parse_overrides(overrides))

    def get_dependency(self, worker_ctx):
        return self.calendar


def days_late(due_date: date, today: date) -> int:
    """Calendar days past a due date (0 when not past)."""
    return max(0, (today - due_date).days)
