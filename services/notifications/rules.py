"""Telling people (all eight systems): what a notification says, when mail and webhooks may
go out (office hours on the office calendar), how a failing channel is retried, and which
webhook hosts a person may name.

Pure functions over values and dates; no nameko, no session, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from chassis.clock import OFFICE_TZ
from chassis.errors import Invalid
from contracts.vocabulary import CASE_STATUSES, TODO_HEADINGS, TODO_STEPS

if TYPE_CHECKING:  # the calendar's module brings nameko; the rules need only its type
    from chassis.calendar import WorkingCalendar

RETRY_FOR = timedelta(days=1)  # a failing channel is tried again for a day, then given up
LONGEST_WAIT = timedelta(hours=1)
SEARCH_DAYS = 60  # the longest run of days off the calendar could hold, with room to spare


class WebhookHostNotAllowed(Invalid):
    """A webhook is a request the server makes on a person's say-so: only to the office's
    chosen robots, never inside its own network."""

    code = "webhook_host_not_allowed"


@dataclass(frozen=True)
class Message:
    """One notification's words, where it leads, and whether it may wake someone."""

    kind: str
    title: str
    body: str
    link: str
    urgent: bool = False


# -- office hours --------------------------------------------------------------------------

def parse_office_hours(text: str) -> tuple[tuple[time, time], ...]:
    """``08:30-12:00,14:00-17:30`` as ordered (start, end) spans of an office day."""
    spans = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        start, _, end = part.partition("-")
        span = (time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
        if span[0] >= span[1]:
            raise ValueError(f"office hours {part!r}: the end is not after the start")
        spans.append(span)
    if not spans:
        raise ValueError("no office hours")
    return tuple(sorted(spans))


def next_office_moment(moment: datetime, calendar: WorkingCalendar,
                       hours: tuple[tuple[time, time], ...]) -> datetime:
    """``moment`` itself inside office hours of a working day (调休 Saturdays included,
    holidays not), else the start of the next office hour."""
    local = moment.astimezone(OFFICE_TZ)
    day = local.date()
    for _ in range(SEARCH_DAYS):
        if calendar.is_working_day(day):
            for start, end in hours:
                opens = datetime.combine(day, start, OFFICE_TZ)
                if local < datetime.combine(day, end, OFFICE_TZ):
                    return max(local, opens)
        day += timedelta(days=1)
    raise ValueError(f"no office hour within {SEARCH_DAYS} days of {local:%Y-%m-%d}")


def due_at(moment: datetime, urgent: bool, calendar: WorkingCalendar,
           hours: tuple[tuple[time, time], ...]) -> datetime:
    """When an outside delivery may go: at once if urgent, else in office hours."""
    return moment if urgent else next_office_moment(moment, calendar, hours)


# -- retrying ------------------------------------------------------------------------------

def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 1, 2, 4 … minutes, at most an hour."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def next_attempt(first_tried_at: datetime, attempts: int, now: datetime) -> datetime | None:
    """When to try again after a failure, or None: a day of trying is enough."""
    later = now + retry_delay(attempts)
    return later if later - first_tried_at <= RETRY_FOR else None


# -- settings ------------------------------------------------------------------------------

def check_webhook(url: str | None, allowed_hosts: frozenset[str]) -> None:
    """A webhook only to a host ``XIAONENG_WEBHOOK_HOSTS`` names (``host`` or
    ``host:port``); the address itself was checked by its schema."""
    if not url:
        return
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    named = {host, f"{host}:{parts.port}"} if parts.port else {host}
    if not named & {h.lower() for h in allowed_hosts}:
        raise WebhookHostNotAllowed(f"webhooks may only go to {', '.join(sorted(allowed_hosts))}",
                                    {"host": host})


class NothingToSendTo(Invalid):
    code = "address_required"


def check_settings(email: str | None, email_enabled: bool, webhook_url: str | None,
                   webhook_enabled: bool) -> None:
    """A channel turned on needs somewhere to send."""
    if email_enabled and not email:
        raise NothingToSendTo("mail is on but no address is given", {"field": "email"})
    if webhook_enabled and not webhook_url:
        raise NothingToSendTo("the webhook is on but no address is given",
                              {"field": "webhook_url"})


def channels(email: str | None, email_enabled: bool, webhook_url: str | None,
             webhook_enabled: bool, mail_configured: bool) -> list[tuple[str, str]]:
    """The outside channels a person chose, as (channel, target)."""
    chosen = []
    if email_enabled and email and mail_configured:
        chosen.append(("email", email))
    if webhook_enabled and webhook_url:
        chosen.append(("webhook", webhook_url))
    return chosen


# -- what a notification says --------------------------------------------------------------

def _due(day: date | None) -> str:
    return f"办理时限：{day:%Y年%m月%d日}" if day else ""


def todo_added(data: dict) -> Message:
    """A new item on someone's to-do (the item as their to-do lists it), headed by the step
    it asks for where its kind alone does not say (【延期审批】, not 【待办文】)."""
    words = TODO_STEPS[data["step"]] if data.get("step") else \
        TODO_HEADINGS.get(data["kind"], "待办")
    return Message(data["kind"], f"【{words}】{data['title']}", _due(data.get("due")),
                   data["link"], bool(data.get("urgent")))


def deadline_warning(title: str, link: str, due_date: date, left: int) -> Message:
    """Yellow (临期): once per due date."""
    return Message("deadline_warning", f"【临期】{title}",
                   f"{_due(due_date)}，还剩{left}个工作日", link)


def overdue(title: str, link: str, due_date: date, days_late: int) -> Message:
    """Red (超期): urgent."""
    return Message("overdue", f"【超期】{title}", f"{_due(due_date)}，已超期{days_late}天",
                   link, urgent=True)


def urged(title: str, link: str, urged_by_name: str | None, note: str) -> Message:
    """催办: urgent — someone (or the system, when it turned yellow) is waiting on it."""
    who = urged_by_name or "系统"
    return Message("urge", f"【催办】{title}", f"{who}催办：{note}", link, urgent=True)


def handover(holder_name: str, post_title: str, note: str | None) -> Message:
    """五.3: the B now acts for the post; the holder's open work waits on their to-do."""
    body = f"交接说明：{note}" if note else "原岗位在办事项已转入你的待办"
    return Message("handover", f"【AB岗顶岗】接替{holder_name}：{post_title}", body, "/")


def case_decided(status: str, outcome: str | None, note: str | None, link: str) -> Message:
    """The person a case is about learns how it ended."""
    body = "；".join(part for part in (outcome and f"处理：{outcome}", note) if part)
    return Message("case_decided", f"【责任追究】案件{CASE_STATUSES.get(status, status)}",
                   body, link)


SIGNATURE = "效能"  # every outside message carries it: a DingTalk robot's keyword


def text(title: str, body: str, url: str) -> str:
    """The words sent by mail or to a group robot: one short message, then where to go."""
    return "\n".join(part for part in (f"{SIGNATURE}｜{title}", body, url) if part)
