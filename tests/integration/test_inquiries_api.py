"""Inquiries with posts behind the gateway: one-time notices, first inquiries, complaints."""

import time
from datetime import datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from services.inquiries.service import InquiriesService
from services.posts.service import PostsService
from tests.helpers import raised, wait_until
from tests.integration.api import Organisation

V1 = "/api/v1"
MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=OFFICE_TZ)  # Thursday
MATERIALS = [{"code": c, "name": n, "required": True} for c, n in (
    ("M1", "申请书"), ("M2", "编制核定文件"), ("M3", "机构设置方案"), ("M4", "法人证书复印件"))]


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(MORNING)
    api, config = behind_gateway(PostsService, InquiriesService)
    org = Organisation(api, api.login("admin", "admin"))
    division, leader, head = org.division()
    a, b = (org.staff(division_id=division["id"], name=n) for n in ("张三", "李四"))
    matter = api.ok("POST", f"{V1}/matters", head["token"], {
        "name": "事业单位设立登记", "basis": "《事业单位登记管理暂行条例》",
        "time_limit_days": 15, "procedure": "受理—审核—批准—发证",
        "division_id": division["id"], "materials": MATERIALS})
    return type("Office", (), dict(api=api, org=org, division=division, leader=leader,
                                   head=head, a=a, b=b, matter=matter, config=config,
                                   set_now=set_now))


def materials(**status):
    """``M1=True`` present and fine, ``M3="未盖章"`` defective, absent: missing."""
    return [{"code": code, "ok": value is True,
             **({} if value is True else {"defect": value})} for code, value in status.items()]


def events(o, type_):
    return raised(o.config["XIAONENG_INQUIRIES_DATABASE_URL"], type_)


def test_one_notice_lists_every_problem_and_a_later_surprise_is_a_lapse(office):
    o = office
    first = o.api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": o.matter["id"], "applicant": "省某研究院", "contact": "0571-1",
        "materials": materials(M3="未加盖公章", M4=True)})
    notice = first["notice"]
    assert first["status"] == "returned"
    assert [(i["code"], i["problem"]) for i in notice["items"]] == [
        ("M1", "missing"), ("M2", "missing"), ("M3", "defective")]
    assert (notice["basis"], notice["time_limit_days"], notice["procedure"]) == (
        "《事业单位登记管理暂行条例》", 15, "受理—审核—批准—发证")

    page = o.api.request("GET", f"{V1}/applications/{first['id']}/notice?token={first['token']}")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    for text in ("一次性告知书", notice["number"], "申请书", "编制核定文件", "机构设置方案",
                 "未加盖公章", "省某研究院", "《事业单位登记管理暂行条例》", "15个工作日"):
        assert text in page.text

    second = o.api.ok("POST", f"{V1}/applications/{first['id']}/resubmit", o.b["token"],
                      {"materials": materials(M1=True, M3=True, M4=True)})
    assert [i["code"] for i in second["notice"]["items"]] == ["M2"]
    assert events(o, "notice_violated") == []

    third = o.api.ok("POST", f"{V1}/applications/{first['id']}/resubmit", o.b["token"],
                     {"materials": materials(M1=True, M2=True, M3=True, M4="复印件不清晰")})
    assert third["status"] == "returned"
    [violation] = events(o, "notice_violated")
    assert violation["items"] == [{"code": "M4", "name": "法人证书复印件",
                                   "why": "accepted_before"}]
    assert (violation["reviewer_id"], violation["earlier_reviewer_ids"]) == (
        o.b["id"], sorted({o.a["id"], o.b["id"]}))

    fourth = o.api.ok("POST", f"{V1}/applications/{first['id']}/resubmit", o.b["token"],
                      {"materials": materials(M1=True, M2=True, M3=True, M4=True)})
    assert (fourth["status"], fourth["notice"], fourth["due_date"]) == (
        "accepted", None, "2026-12-17")
    again = o.api.request("POST", f"{V1}/applications/{first['id']}/resubmit", o.b["token"],
                          {"materials": materials(M1=True)})
    assert again.json()["error"]["code"] == "application_not_returned"
    assert len(events(o, "notice_violated")) == 1


def test_the_written_notice_needs_staff_or_the_applications_token(office):
    o = office
    app = o.api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": o.matter["id"], "applicant": "申请人", "contact": "1",
        "materials": materials(M1=True)})
    path = f"{V1}/applications/{app['id']}/notice"
    assert o.api.request("GET", path).status_code == 401
    assert o.api.request("GET", path + "?token=wrong").status_code == 404
    assert o.api.request("GET", path, o.b["token"]).status_code == 200


def test_bad_applications_are_refused_and_write_nothing(office):
    o = office
    for body, code in [
        ({"matter_id": "ghost", "applicant": "x", "contact": "1", "materials": []},
         "unknown_matter"),
        ({"matter_id": o.matter["id"], "applicant": "x", "contact": "1",
          "materials": [{"code": "M9", "ok": True}]}, "unknown_material"),
        ({"matter_id": o.matter["id"], "applicant": "x", "contact": "1",
          "materials": [{"code": "M1", "ok": "yes"}]}, "validation_error"),
    ]:
        response = o.api.request("POST", f"{V1}/applications", o.a["token"], body)
        assert (response.status_code, response.json()["error"]["code"]) == (422, code)
    assert events(o, "notice_violated") == []


def test_the_first_responder_closes_an_inquiry_one_way_once(office):
    o = office
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "王先生", "contact": "139", "question": "如何办理事业单位登记？"})
    assert (inquiry["status"], inquiry["first_responder_id"]) == ("open", o.a["id"])
    path = f"{V1}/inquiries/{inquiry['id']}"
    other = o.api.request("POST", f"{path}/handle", o.b["token"], {"answer": "…"})
    assert (other.status_code, other.json()["error"]["code"]) == (403, "not_first_responder")
    guided = o.api.ok("POST", f"{path}/guide", o.a["token"], {"division_id": o.division["id"]})
    assert (guided["status"], guided["guided_division_id"]) == ("guided", o.division["id"])
    twice = o.api.request("POST", f"{path}/handle", o.a["token"], {"answer": "已答复"})
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "inquiry_closed")

    outside = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "李女士", "contact": "138", "question": "社保缴费"})
    redirected = o.api.ok("POST", f"{V1}/inquiries/{outside['id']}/redirect", o.a["token"], {
        "external_unit": "市人力社保局", "explanation": "社保事项不属于本单位职责"})
    assert redirected["status"] == "redirected"
    unknown = o.api.request("POST", f"{V1}/inquiries/{outside['id']}/guide", o.a["token"],
                            {"division_id": "ghost"})
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "division_not_found")


def test_an_inquiry_open_past_the_next_working_day_lapses_once(office):
    o = office
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "赵先生", "contact": "137", "question": "编制核定"})
    assert inquiry["lapse_day"] == "2026-11-27"
    o.set_now(MORNING + timedelta(days=1, hours=8))  # Friday 17:00
    time.sleep(2.5)  # a few scans: the lapse day is not over yet
    assert events(o, "first_inquiry_lapsed") == []
    o.set_now(datetime(2026, 11, 30, 8, 0, tzinfo=OFFICE_TZ))
    [lapse] = wait_until(lambda: events(o, "first_inquiry_lapsed"), timeout=10)
    assert (lapse["inquiry_id"], lapse["first_responder_id"]) == (inquiry["id"], o.a["id"])
    report = o.api.ok("GET", f"{V1}/reports/commitments?half=2026H2", o.head["token"])
    row = next(r for r in report["items"] if r["staff_id"] == o.a["id"])
    assert row["lapses"] == 1 and row["name"] == "张三"
    assert len(events(o, "first_inquiry_lapsed")) == 1


def complain(o, **body):
    return o.api.ok("POST", f"{V1}/public/complaints", json={
        "category": "attitude", "description": "态度生硬", **body})


def post(o, path, token, body=None):
    response = o.api.request("POST", f"{V1}{path}", token, body or {})
    return response.status_code, response.json().get("error", {}).get("code")


def test_an_anonymous_complaint_about_the_second_window_is_investigated_and_substantiated(
        office):
    o = office
    filed = complain(o, description="二号窗口的工作人员要求请吃饭才办", category="graft")
    assert filed["status"] == "received" and filed["token"]
    [listed] = o.api.ok("GET", f"{V1}/complaints", o.leader["token"])["items"]
    assert (listed["id"], listed["staff_id"], listed["division_id"]) == (filed["id"], None, None)
    assert o.api.ok("GET", f"{V1}/complaints", o.head["token"])["total"] == 0  # untargeted
    assert post(o, f"/complaints/{filed['id']}/investigate", o.head["token"]) == (
        403, "not_your_division")
    assert post(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "x", "staff_id": o.a["id"]}) == (
        409, "complaint_not_investigating")

    taken = o.api.ok("POST", f"{V1}/complaints/{filed['id']}/investigate", o.leader["token"])
    assert (taken["status"], taken["investigator_id"]) == ("investigating", o.leader["id"])
    assert post(o, f"/complaints/{filed['id']}/investigate", o.leader["token"]) == (
        409, "complaint_under_investigation")
    assert post(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实"}) == (422, "staff_required")
    assert post(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实", "staff_id": "ghost"}) == (
        404, "staff_not_found")
    assert events(o, "complaint_concluded") == []

    concluded = o.api.ok("POST", f"{V1}/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实，已依规处理", "staff_id": o.a["id"]})
    assert (concluded["status"], concluded["finding"], concluded["held_against_id"]) == (
        "substantiated", "substantiated", o.a["id"])
    assert post(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "unsubstantiated", "reply": "x"}) == (409, "complaint_concluded")
    [event] = events(o, "complaint_concluded")
    assert (event["finding"], event["staff_id"], event["category"]) == (
        "substantiated", o.a["id"], "graft")
    status = o.api.ok("GET", f"{V1}/public/complaints/{filed['id']}?token={filed['token']}")
    assert (status["status"], status["reply"]) == ("substantiated", "经核查属实，已依规处理")


def test_a_head_handles_complaints_about_their_staff_and_the_public_reads_the_reply(office):
    o = office
    filed = complain(o, staff_id=o.a["id"])
    status = o.api.ok("GET", f"{V1}/public/complaints/{filed['id']}?token={filed['token']}")
    assert (status["status"], status["category"], status["reply"]) == (
        "received", "attitude", None)
    assert o.api.request("GET", f"{V1}/public/complaints/{filed['id']}?token=x"
                         ).status_code == 404
    [listed] = o.api.ok("GET", f"{V1}/complaints?status=received", o.head["token"])["items"]
    assert (listed["staff_id"], listed["division_id"]) == (o.a["id"], o.division["id"])
    _, _, other_head = o.org.division()
    assert o.api.ok("GET", f"{V1}/complaints", other_head["token"])["total"] == 0
    assert post(o, f"/complaints/{filed['id']}/investigate", other_head["token"]) == (
        403, "not_your_division")
    assert post(o, f"/complaints/{filed['id']}/investigate", o.a["token"]) == (
        403, "wrong_role")
    o.api.ok("POST", f"{V1}/complaints/{filed['id']}/investigate", o.head["token"])
    assert post(o, f"/complaints/{filed['id']}/conclude", other_head["token"], {
        "finding": "unsubstantiated", "reply": "x"}) == (403, "not_your_division")
    assert post(o, f"/complaints/{filed['id']}/conclude", o.head["token"], {
        "finding": "maybe", "reply": "x"}) == (422, "validation_error")
    concluded = o.api.ok("POST", f"{V1}/complaints/{filed['id']}/conclude", o.head["token"], {
        "finding": "unsubstantiated", "reply": "经调阅录像，接待过程规范，投诉不属实"})
    assert (concluded["status"], concluded["held_against_id"]) == ("unsubstantiated", None)
    status = o.api.ok("GET", f"{V1}/public/complaints/{filed['id']}?token={filed['token']}")
    assert (status["status"], status["reply"]) == (
        "unsubstantiated", "经调阅录像，接待过程规范，投诉不属实")
    [event] = events(o, "complaint_concluded")
    assert (event["finding"], event["staff_id"]) == ("unsubstantiated", None)


def test_bad_and_flooding_complaints_are_refused(office):
    o = office
    for body, status, code in [
        ({"staff_id": o.a["id"], "category": "attitude", "description": "   "}, 422,
         "validation_error"),
        ({"staff_id": o.a["id"], "category": "rudeness", "description": "x"}, 422,
         "validation_error"),
        ({"staff_id": "ghost", "category": "other", "description": "x"}, 404,
         "staff_not_found"),
        ({"division_id": "ghost", "category": "other", "description": "x"}, 404,
         "division_not_found"),
    ]:
        response = o.api.request("POST", f"{V1}/public/complaints", json=body)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    by_division = complain(o, division_id=o.division["id"])
    statuses = [o.api.request("POST", f"{V1}/public/complaints", json={
        "category": "other", "description": f"第{i}次"}).status_code for i in range(6)]
    assert statuses == [201] * 4 + [429] * 2
    filed = events(o, "complaint_filed")
    assert len(filed) == 5  # the refused ones raised nothing
    assert (filed[0]["complaint_id"], filed[0]["division_id"]) == (
        by_division["id"], o.division["id"])


def test_the_semi_annual_check_counts_per_staff_member(office):
    o = office
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.b["token"], {
        "visitor_name": "钱先生", "contact": "1", "question": "咨询"})
    o.api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/handle", o.b["token"], {"answer": "已答"})
    o.api.ok("POST", f"{V1}/applications", o.b["token"], {
        "matter_id": o.matter["id"], "applicant": "x", "contact": "1", "materials": []})
    for finding in ("substantiated", "unsubstantiated"):
        filed = complain(o, inquiry_id=inquiry["id"], category="overdue")
        o.api.ok("POST", f"{V1}/complaints/{filed['id']}/investigate", o.head["token"])
        o.api.ok("POST", f"{V1}/complaints/{filed['id']}/conclude", o.head["token"], {
            "finding": finding, "reply": "已核查"})
    report = o.api.ok("GET", f"{V1}/reports/commitments?half=2026H2", o.leader["token"])
    row = next(r for r in report["items"] if r["staff_id"] == o.b["id"])
    assert (row["inquiries_handled"], row["notices_issued"], row["complaints"]) == (1, 1, 1)
    assert o.api.request("GET", f"{V1}/reports/commitments?half=2026H3",
                         o.leader["token"]).status_code == 422
    assert o.api.request("GET", f"{V1}/reports/commitments?half=2026H2",
                         o.a["token"]).status_code == 403
