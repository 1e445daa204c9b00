"""Notifications with posts and attendance behind the gateway, a real SMTP server and an
HTTP receiver standing in for a group robot: a head is told of a notice to approve at once
in the console, by mail in office hours (the next working day's 08:30 for one filed in
the evening), urges reach the holder at once; a failing channel is retried, shown to the
admin, and holds up nothing."""

from datetime import datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from services.attendance.service import AttendanceService
from services.notifications.service import NotificationsService
from services.posts.service import PostsService
from tests.api import V1, Office, error, notice_body
from tests.helpers import projected, scans_ran, wait_until

EVENING = datetime(2026, 11, 26, 21, 0, tzinfo=OFFICE_TZ)  # a Thursday, after hours
NEXT_MORNING = datetime(2026, 11, 27, 8, 31, tzinfo=OFFICE_TZ)
MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=OFFICE_TZ)


@pytest.fixture
def office(behind_gateway, set_now, mail_server, webhook_receiver):
    set_now(MORNING)
    api, config = behind_gateway(
        PostsService, AttendanceService, NotificationsService,
        XIAONENG_SMTP_URL=mail_server.url, XIAONENG_WEBHOOK_HOSTS=webhook_receiver.host,
        XIAONENG_DELIVERY_INTERVAL="0.2", XIAONENG_PUBLIC_URL="https://xn.office.example")
    o = Office(api, config=config, set_now=set_now, a="张三", b="李四")
    o.mail, o.robot = mail_server, webhook_receiver
    known_to_attendance(o)
    return o


def known_to_attendance(o):
    """Attendance approves by its own view of the division: a notice filed before it has the
    head would find no approver."""
    projected(o.config["XIAONENG_ATTENDANCE_DATABASE_URL"], [o.a, o.b, o.head], "attendance")


def notifications(o, person, unread=None):
    query = "" if unread is None else f"?unread={'true' if unread else 'false'}"
    return o.api.ok("GET", f"{V1}/me/notifications{query}", person["token"])


def file_notice(o, start, hours=2):
    return o.api.ok("POST", f"{V1}/leave-notices", o.a["token"],
                    notice_body(start, hours=hours, kind="personal", reason="看病"))


def settings(o, person, **chosen):
    return o.api.request("PUT", f"{V1}/me/notification-settings", person["token"], {
        "email": None, "email_enabled": False, "webhook_url": None, "webhook_enabled": False,
        **chosen})


def test_a_head_is_told_of_a_notice_waiting_without_filing_anything(office):
    o = office
    filed = file_notice(o, MORNING + timedelta(hours=1))
    found = wait_until(lambda: notifications(o, o.head)["items"], timeout=5,
                       message="the head's notification")
    [told] = found
    assert told["kind"] == "approve_absence" and told["read_at"] is None
    assert told["link"] == f"/absences/notice/{filed['id']}"
    assert "张三" in told["title"] and "看病" not in told["title"]  # 因私 only: it may be mailed
    assert notifications(o, o.head)["unread"] == 1
    assert notifications(o, o.a)["items"] == []  # nobody is told of what they did themselves

    assert error(o.api.request("POST", f"{V1}/me/notifications/{told['id']}/read",
                               o.a["token"])) == (404, "notification_not_found")
    read = o.api.ok("POST", f"{V1}/me/notifications/{told['id']}/read", o.head["token"])
    assert read["read_at"] is not None
    assert notifications(o, o.head, unread=True) == {"items": [], "total": 0, "unread": 0}

    file_notice(o, MORNING + timedelta(hours=4))
    wait_until(lambda: notifications(o, o.head)["unread"] == 1, timeout=5)
    assert o.api.ok("POST", f"{V1}/me/notifications/read-all", o.head["token"]) == {
        "marked": 1}
    assert notifications(o, o.head)["unread"] == 0


def test_mail_waits_for_the_next_office_hour_and_then_goes(office):
    o = office
    assert settings(o, o.head, email="chuzhang@office.example", email_enabled=True) \
        .status_code == 200
    o.set_now(EVENING)
    file_notice(o, EVENING + timedelta(hours=13))  # tomorrow 10:00
    wait_until(lambda: notifications(o, o.head)["items"], timeout=5)
    [queued] = o.api.ok("GET", f"{V1}/admin/deliveries", o.admin)["items"]
    assert (queued["channel"], queued["status"], queued["due_at"]) == (
        "email", "queued", "2026-11-27T08:30:00+08:00")
    scans_ran("deliver")
    assert o.mail.messages() == []  # not at 21:00

    o.set_now(NEXT_MORNING)
    [(to, subject, text)] = wait_until(o.mail.messages, timeout=5, message="the mail")
    assert to == "chuzhang@office.example" and "待审批" in subject
    assert "https://xn.office.example/absences/notice/" in text
    wait_until(lambda: o.api.ok("GET", f"{V1}/admin/deliveries?status=sent",
                                o.admin)["total"] == 1)


def test_an_urge_reaches_the_holder_at_once_even_in_the_evening(office):
    o = office
    assert settings(o, o.head, webhook_url=o.robot.url, webhook_enabled=True).status_code == 200
    o.set_now(EVENING)
    filed = file_notice(o, EVENING + timedelta(hours=13))
    urged = o.api.ok("POST", f"{V1}/urges", o.leader["token"], {
        "kind": "leave_notice", "id": filed["id"], "note": "请尽快审批"})
    assert (urged["target_staff_id"], urged["urged_by"]) == (o.head["id"], o.leader["id"])

    posts = wait_until(lambda: [b for _, b in o.robot.received()
                                if "催办" in b["text"]["content"]], timeout=5)
    assert posts[0]["msgtype"] == "text" and "请尽快审批" in posts[0]["text"]["content"]
    todo = o.api.ok("GET", f"{V1}/me/todo", o.head["token"])["items"]
    assert ("urge", filed["id"]) in [(i["kind"], i["id"]) for i in todo]
    listed = o.api.ok("GET", f"{V1}/urges?kind=leave_notice&id={filed['id']}", o.a["token"])
    assert [u["note"] for u in listed["items"]] == ["请尽快审批"]

    o.api.ok("POST", f"{V1}/leave-notices/{filed['id']}/approve", o.head["token"])
    todo = o.api.ok("GET", f"{V1}/me/todo", o.head["token"])["items"]
    assert "urge" not in [i["kind"] for i in todo]  # the work moved: the urge is done


def test_urging_is_for_heads_leaders_and_admins_and_only_of_open_work(office):
    o = office
    filed = file_notice(o, MORNING + timedelta(hours=1))
    body = {"kind": "leave_notice", "id": filed["id"], "note": "催一下"}
    assert error(o.api.request("POST", f"{V1}/urges", o.b["token"], body)) == (
        403, "may_not_urge")
    assert error(o.api.request("POST", f"{V1}/urges", o.leader["token"],
                               {**body, "id": "nope"})) == (404, "notice_not_found")
    assert error(o.api.request("POST", f"{V1}/urges", o.leader["token"],
                               {**body, "kind": "leave_request"}))[0] == 404
    assert error(o.api.request("POST", f"{V1}/urges", o.leader["token"],
                               {**body, "kind": "memo"})) == (422, "validation_error")
    o.api.ok("POST", f"{V1}/leave-notices/{filed['id']}/reject", o.head["token"],
             {"note": "时间冲突"})
    assert error(o.api.request("POST", f"{V1}/urges", o.leader["token"], body)) == (
        409, "not_open")
    assert o.api.ok("GET", f"{V1}/urges?kind=leave_notice&id={filed['id']}",
                    o.leader["token"])["items"] == []
    absence = o.api.ok("GET", f"{V1}/leave-notices/{filed['id']}", o.leader["token"])
    assert "urge" not in absence["actions"]


def test_settings_refuse_webhooks_elsewhere_and_malformed_addresses(office):
    o = office
    assert error(settings(o, o.b, webhook_url="http://169.254.169.254/latest/meta-data",
                          webhook_enabled=True)) == (422, "webhook_host_not_allowed")
    assert error(settings(o, o.b, email="not an address", email_enabled=True))[0] == 422
    assert error(settings(o, o.b, email_enabled=True)) == (422, "address_required")
    assert o.api.ok("GET", f"{V1}/me/notification-settings", o.b["token"]) == {
        "email": None, "email_enabled": False, "webhook_url": None, "webhook_enabled": False}
    assert o.api.request("GET", f"{V1}/admin/deliveries", o.b["token"]).status_code == 403


def test_a_failing_channel_is_retried_shown_to_the_admin_and_holds_up_nothing(office):
    o = office
    assert settings(o, o.head, email="chuzhang@office.example", email_enabled=True,
                    webhook_url=o.robot.url.replace("/robot", "/fail"),  # answers 500
                    webhook_enabled=True).status_code == 200
    filed = file_notice(o, MORNING + timedelta(hours=1))
    o.api.ok("POST", f"{V1}/urges", o.admin, {"kind": "leave_notice", "id": filed["id"],
                                               "note": "请审批"})
    assert len(wait_until(lambda: len(m := o.mail.messages()) == 2 and m, timeout=10)) == 2

    def webhook_deliveries(status=""):
        items = o.api.ok("GET", f"{V1}/admin/deliveries?limit=50{status}", o.admin)["items"]
        return [d for d in items if d["channel"] == "webhook" and d["attempts"] >= 1]
    tried = wait_until(lambda: len(found := webhook_deliveries()) == 2 and found, timeout=10)
    assert {d["status"] for d in tried} == {"queued"}  # to be tried again later
    assert all("HTTP 500" in d["last_error"] and d["next_attempt_at"] for d in tried)
    assert len(o.robot.received()) >= 2
    assert notifications(o, o.head)["unread"] == 2  # the console has them all the same

    o.set_now(MORNING + timedelta(days=1, hours=1))  # a day of trying is enough
    wait_until(lambda: len(webhook_deliveries("&status=failed")) == 2, timeout=10)
