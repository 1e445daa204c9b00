"""Telling people: office hours on the office calendar (调休 days and holidays), retrying a
failing channel, the webhook hosts a person may name, and what a notification says."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from chassis.calendar import WorkingCalendar
from chassis.clock import OFFICE_TZ
from services.notifications import rules

HOURS = rules.parse_office_hours("08:30-12:00,14:00-17:30")
CALENDAR = WorkingCalendar()


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=OFFICE_TZ)


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-11-26 10:00", "2026-11-26 10:00"),  # a Thursday morning: at once
    ("2026-11-26 07:59", "2026-11-26 08:30"),  # before the office opens
    ("2026-11-26 12:30", "2026-11-26 14:00"),  # over lunch
    ("2026-11-26 17:30", "2026-11-27 08:30"),  # the office just closed
    ("2026-11-27 21:15", "2026-11-30 08:30"),  # a Friday evening: Monday morning
    ("2026-04-03 18:00", "2026-04-07 08:30"),  # the Friday before 清明: after the holiday
    ("2026-02-13 18:00", "2026-02-14 08:30"),  # before the Spring Festival: a 调休 Saturday
    ("2026-02-14 17:45", "2026-02-24 08:30"),  # …and after it, the whole holiday waits
])
def test_outside_office_hours_a_delivery_waits_for_the_next_office_hour(moment, expected):
    assert rules.next_office_moment(at(moment), CALENDAR, HOURS) == at(expected)


def test_an_urgent_delivery_goes_at_once_and_utc_moments_are_read_in_the_office_zone():
    evening = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)  # 21:00 in the office
    assert rules.due_at(evening, True, CALENDAR, HOURS) == evening
    assert rules.due_at(evening, False, CALENDAR, HOURS) == at("2026-11-27 08:30")


def test_office_hours_are_read_and_bad_ones_refused():
    assert rules.parse_office_hours(" 14:00-17:30 , 08:30-12:00") == (
        (time(8, 30), time(12, 0)), (time(14, 0), time(17, 30)))
    for bad in ("", "17:30-08:30", "8.30-12"):
        with pytest.raises(ValueError):
            rules.parse_office_hours(bad)


def test_a_failing_channel_backs_off_and_is_given_up_after_a_day():
    first = at("2026-11-26 09:00")
    assert [rules.retry_delay(n) for n in (1, 2, 3, 7, 8, 20)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 60, 60, 60)]
    assert rules.next_attempt(first, 1, first) == first + timedelta(minutes=1)
    almost = first + timedelta(hours=23)
    assert rules.next_attempt(first, 30, almost) == almost + timedelta(hours=1)
    assert rules.next_attempt(first, 31, almost + timedelta(minutes=1)) is None


def test_webhooks_go_only_to_the_hosts_the_office_allows():
    allowed = frozenset({"qyapi.weixin.qq.com", "127.0.0.1:8765"})
    rules.check_webhook("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", allowed)
    rules.check_webhook("http://127.0.0.1:8765/robot", allowed)
    rules.check_webhook(None, allowed)
    for refused in ("http://127.0.0.1:8766/robot", "http://169.254.169.254/latest",
                    "https://qyapi.weixin.qq.com.evil.example/x", "http://localhost:8765/"):
        with pytest.raises(rules.WebhookHostNotAllowed):
            rules.check_webhook(refused, allowed)


def test_a_channel_turned_on_needs_an_address_and_mail_needs_a_server():
    with pytest.raises(rules.NothingToSendTo):
        rules.check_settings(None, True, None, False)
    with pytest.raises(rules.NothingToSendTo):
        rules.check_settings("a@b.cn", True, None, True)
    assert rules.channels("a@b.cn", True, "https://x/y", True, mail_configured=True) == [
        ("email", "a@b.cn"), ("webhook", "https://x/y")]
    assert rules.channels("a@b.cn", True, "https://x/y", False, mail_configured=False) == []


def test_what_a_notification_says():
    item = {"kind": "approve_absence", "title": "张三", "link": "/absences/notice/1",
            "due": date(2026, 11, 26), "urgent": False}
    told = rules.todo_added(item)
    assert (told.title, told.body, told.link, told.urgent) == (
        "【待审批】张三", "办理时限：2026年11月26日", "/absences/notice/1", False)
    extension = rules.todo_added({"kind": "document", "step": "extension", "title": "关于…的函",
                                  "link": "/documents/d", "due": None})
    assert (extension.kind, extension.title) == ("document", "【延期审批】关于…的函")
    assert rules.overdue("关于…的函", "/documents/d", date(2026, 11, 20), 3).urgent
    urged = rules.urged("关于…的函", "/documents/d", None, rules_note := "请抓紧")
    assert (urged.kind, urged.body, urged.urgent) == ("urge", f"系统催办：{rules_note}", True)
    assert rules.text("标题", "", "http://office/x") == "效能｜标题\nhttp://office/x"
