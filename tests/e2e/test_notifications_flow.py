"""People are told, across the whole system started as processes, with a real SMTP server
and a group robot stand-in run by the test: a head who files nothing learns within
seconds, in the console, that a notice waits, and by mail at 08:30 the next working day
when it came in the evening; an urge reaches the holder's robot at once; a document that
turns yellow warns and urges its holder by itself."""

from datetime import datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from tests.api import V1, Api, Office, notice_body
from tests.helpers import wait_until
from tests.receivers import MailServer, WebhookReceiver
from tests.system_fixtures import running, system_environ

EVENING = datetime(2026, 12, 3, 21, 0, tzinfo=OFFICE_TZ)  # a Thursday
NEXT_MORNING = datetime(2026, 12, 4, 8, 31, tzinfo=OFFICE_TZ)


@pytest.fixture(scope="module")
def receivers(tmp_path_factory):
    directory = tmp_path_factory.mktemp("receivers")
    mail, robot = MailServer(directory / "mail"), WebhookReceiver(directory)
    yield mail, robot
    mail.stop()
    robot.stop()


@pytest.fixture(scope="module")
def told(vhost, e2e_databases, tmp_path_factory, receivers):
    mail, robot = receivers
    environ = system_environ(
        vhost, e2e_databases, tmp_path_factory.mktemp("xiaoneng"), XIAONENG_TEST_CLOCK="1",
        XIAONENG_SCAN_INTERVAL="1", XIAONENG_RELAY_INTERVAL="1",
        XIAONENG_DELIVERY_INTERVAL="0.5", XIAONENG_SMTP_URL=mail.url,
        XIAONENG_MAIL_FROM="xiaoneng@office.example", XIAONENG_WEBHOOK_HOSTS=robot.host)
    with running(environ) as system:
        yield Api(system.url), mail, robot


def unread(api, person):
    return api.ok("GET", f"{V1}/me/notifications?unread=true", person["token"])["items"]


def test_a_head_who_files_nothing_is_told_at_once_and_mailed_in_office_hours(told):
    api, mail, _ = told
    o = Office.on(api, EVENING, a="张三")
    api.ok("PUT", f"{V1}/me/notification-settings", o.head["token"], {
        "email": "chuzhang@office.example", "email_enabled": True})
    filed = wait_until(lambda: api.request("POST", f"{V1}/leave-notices", o.a["token"],
                                           notice_body(EVENING + timedelta(hours=13)))
                       .status_code == 201 or None, message="attendance knows the head")
    assert filed
    [notice] = wait_until(lambda: unread(api, o.head), timeout=5,
                          message="the head told within seconds")
    assert notice["kind"] == "approve_absence" and notice["link"].startswith("/absences/notice/")
    assert mail.messages() == []  # 21:00: the mail waits

    api.set_clock(o.admin, NEXT_MORNING)
    [(to, subject, text)] = wait_until(mail.messages, timeout=10, message="the 08:30 mail")
    assert to == "chuzhang@office.example" and "张三" in subject and notice["link"] in text


def test_an_urge_reaches_the_holders_robot_at_once_and_a_yellow_document_urges_itself(told):
    api, _, robot = told
    o = Office.on(api, EVENING, clerk="李四")
    api.ok("PUT", f"{V1}/me/notification-settings", o.clerk["token"], {
        "webhook_url": robot.url, "webhook_enabled": True})
    document = o.document(EVENING - timedelta(hours=10), assignee=o.clerk,
                          due_date="2026-12-14", title="关于调整编制的请示")
    api.ok("POST", f"{V1}/urges", o.leader["token"], {
        "kind": "document", "id": document["id"], "note": "请于明日上午办结"})

    def robot_said(words):
        return [b["text"]["content"] for _, b in robot.received()
                if words in b["text"]["content"]]
    [said] = wait_until(lambda: robot_said("请于明日上午办结"), timeout=10,
                        message="the urge, at 21:00 all the same")
    assert "关于调整编制的请示" in said
    assert not robot_said("【待办文】")  # the assignment itself waits for office hours

    api.set_clock(o.admin, datetime(2026, 12, 11, 9, 0, tzinfo=OFFICE_TZ))  # due Monday
    kinds = wait_until(lambda: {n["kind"] for n in unread(api, o.clerk)} >= {
        "document", "urge", "deadline_warning"} and {n["kind"] for n in unread(api, o.clerk)},
        timeout=10, message="the yellow warning and the system's own urge")
    assert "deadline_warning" in kinds
    urges = api.ok("GET", f"{V1}/urges?kind=document&id={document['id']}",
                   o.head["token"])["items"]
    assert [u["urged_by"] for u in urges] == [None, o.leader["id"]]  # the system's, newest
