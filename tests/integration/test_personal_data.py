"""个人信息保护, decided by the services (the console only shows what it is given): a personal
reason, a contact and a handover note are for the person, their approver, their head,
leaders and admins; a visitor's or party's name and contact for the divisions handling
the matter, leaders and admins; whoever a complaint names never reads the complainant's
contact."""

from datetime import datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from services.attendance.service import AttendanceService
from services.inquiries.service import InquiriesService
from services.posts.service import PostsService
from tests.api import V1, Office, error, notice_body
from tests.helpers import projected, wait_until

MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=OFFICE_TZ)  # a Thursday
PHONE = "13900001111"


@pytest.fixture
def office(behind_gateway, set_now):
    """张三 and 李四 in one division; 赵六, staff of another division."""
    set_now(MORNING)
    api, config = behind_gateway(PostsService, AttendanceService, InquiriesService)
    o = Office(api, config=config, set_now=set_now, a="张三", b="李四")
    other_division, _, o.other_head = o.org.division()
    o.outsider = o.org.staff(division_id=other_division["id"], name="赵六")
    return o


def known_everywhere(o):
    """Attendance and inquiries know everyone's division and its head: what a reader is not
    shown is then withheld, not merely unknown yet."""
    for service in ("attendance", "inquiries"):
        projected(o.config[f"XIAONENG_{service.upper()}_DATABASE_URL"],
                  [o.a, o.b, o.head, o.outsider, o.other_head], service)


def test_a_staff_member_of_another_division_reads_no_personal_reason_or_phone(office):
    o = office
    known_everywhere(o)
    filed = o.api.ok("POST", f"{V1}/leave-notices", o.a["token"], notice_body(
        MORNING + timedelta(hours=1), kind="personal", reason="陪孩子看病", contact=PHONE))
    leave = o.api.ok("POST", f"{V1}/leave-requests", o.a["token"], {
        "start_date": "2026-11-30", "end_date": "2026-11-30", "reason": "家中有事",
        "contact": PHONE, "handover_note": "在办：某局编制调整请示"})

    def read(person, record, kind):
        return o.api.ok("GET", f"{V1}/{kind}/{record['id']}", person["token"])

    def listed(person):
        items = o.api.ok("GET", f"{V1}/leave-notices?staff_id={o.a['id']}",
                         person["token"])["items"]
        return next(i for i in items if i["id"] == filed["id"])

    for entitled in (o.a, o.head, o.leader):  # the person, their approver and head, a leader
        assert (read(entitled, filed, "leave-notices")["reason"],
                read(entitled, filed, "leave-notices")["contact"]) == ("陪孩子看病", PHONE)
        assert read(entitled, leave, "leave-requests")["handover_note"] == "在办：某局编制调整请示"
    for other in (o.b, o.outsider, o.other_head):  # a colleague; another division, its head
        for record in (read(other, filed, "leave-notices"), listed(other)):
            assert (record["reason"], record["contact"]) == ("因私", None)
        seen = read(other, leave, "leave-requests")
        assert (seen["reason"], seen["contact"], seen["handover_note"]) == ("请假", None, None)


def test_a_visitors_name_and_phone_are_for_the_divisions_handling_the_inquiry(office):
    o = office
    known_everywhere(o)
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "王先生", "contact": PHONE, "question": "事业单位登记要带什么材料"})

    def read(person):
        one = o.api.ok("GET", f"{V1}/inquiries/{inquiry['id']}", person["token"])
        listed = next(i for i in o.api.ok("GET", f"{V1}/inquiries?limit=200",
                                          person["token"])["items"] if i["id"] == inquiry["id"])
        assert (listed["visitor_name"], listed["contact"]) == (
            one["visitor_name"], one["contact"])
        return one["visitor_name"], one["contact"]

    for entitled in (o.a, o.b, o.head, o.leader, {"token": o.admin}):
        assert read(entitled) == ("王先生", PHONE)
    assert read(o.outsider) == (None, None)

    o.api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/guide", o.a["token"], {
        "division_id": o.outsider["division_id"], "note": "属其职责"})
    assert read(o.outsider) == ("王先生", PHONE)  # guided there: it handles it now


def test_a_partys_name_is_for_those_handling_the_application(office):
    o = office
    known_everywhere(o)
    matter = o.api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "事业单位设立登记", "basis": "《事业单位登记管理暂行条例》",
        "time_limit_days": 15, "procedure": "受理—审核—批准—发证",
        "division_id": o.division["id"],
        "materials": [{"code": "M1", "name": "申请书", "required": True}]})
    application = o.api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": matter["id"], "applicant": "省某研究院", "contact": PHONE,
        "materials": []})
    path = f"{V1}/applications/{application['id']}"

    seen = o.api.ok("GET", path, o.outsider["token"])
    assert (seen["applicant"], seen["contact"], seen["status"]) == (None, None, "returned")
    assert o.api.ok("GET", path, o.b["token"])["applicant"] == "省某研究院"
    assert error(o.api.request("GET", f"{path}/notice", o.outsider["token"])) == (
        403, "not_handling")
    assert "省某研究院" in o.api.request("GET", f"{path}/notice", o.head["token"]).text
    assert "省某研究院" in o.api.request(  # the party, with its token, signed in or not
        "GET", f"{path}/notice?token={application['token']}", o.outsider["token"]).text


def test_whoever_a_complaint_names_never_reads_how_to_reach_the_complainant(office):
    o = office
    known_everywhere(o)
    filed = o.api.ok("POST", f"{V1}/public/complaints", json={
        "staff_id": o.head["id"], "category": "attitude", "description": "处长态度生硬",
        "contact": PHONE})
    about_a = o.api.ok("POST", f"{V1}/public/complaints", json={
        "staff_id": o.a["id"], "category": "attitude", "description": "窗口态度生硬",
        "contact": PHONE})

    def contacts(person):
        items = o.api.ok("GET", f"{V1}/complaints?division_id={o.division['id']}",
                         person["token"])["items"]
        return {i["id"]: i["contact"] for i in items}

    wait_until(lambda: len(contacts(o.head)) == 2, message="both complaints listed")
    assert contacts(o.head) == {filed["id"]: None, about_a["id"]: PHONE}
    assert contacts(o.leader) == {filed["id"]: PHONE, about_a["id"]: PHONE}
