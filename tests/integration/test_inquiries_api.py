"""Inquiries with posts behind the gateway: one-time notices, first inquiries, complaints."""

from datetime import datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from services.inquiries.service import InquiriesService
from services.posts.service import PostsService
from tests.api import V1, Office, error
from tests.helpers import scans_ran, wait_until

MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=OFFICE_TZ)  # Thursday
MATERIALS = [{"code": c, "name": n, "required": True} for c, n in (
    ("M1", "申请书"), ("M2", "编制核定文件"), ("M3", "机构设置方案"), ("M4", "法人证书复印件"))]


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(MORNING)
    api, config = behind_gateway(PostsService, InquiriesService)
    o = Office(api, config=config, set_now=set_now, a="张三", b="李四")
    o.matter = api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "事业单位设立登记", "basis": "《事业单位登记管理暂行条例》",
        "time_limit_days": 15, "procedure": "受理—审核—批准—发证",
        "division_id": o.division["id"], "materials": MATERIALS})
    return o


def materials(**status):
    """``M1=True`` present and fine, ``M3="未盖章"`` defective, absent: missing."""
    return [{"code": code, "ok": value is True,
             **({} if value is True else {"defect": value})} for code, value in status.items()]


def events(o, type_):
    return o.raised("inquiries", type_)


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
        assert error(response) == (422, code)
    assert events(o, "notice_violated") == []


def test_the_first_responder_closes_an_inquiry_one_way_once(office):
    o = office
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "王先生", "contact": "139", "question": "如何办理事业单位登记？"})
    assert (inquiry["status"], inquiry["first_responder_id"]) == ("open", o.a["id"])
    path = f"{V1}/inquiries/{inquiry['id']}"
    other = o.api.request("POST", f"{path}/handle", o.b["token"], {"answer": "…"})
    assert error(other) == (403, "not_first_responder")
    guided = o.api.ok("POST", f"{path}/guide", o.a["token"], {"division_id": o.division["id"]})
    assert (guided["status"], guided["guided_division_id"]) == ("guided", o.division["id"])
    twice = o.api.request("POST", f"{path}/handle", o.a["token"], {"answer": "已答复"})
    assert error(twice) == (409, "inquiry_closed")

    outside = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "李女士", "contact": "138", "question": "社保缴费"})
    redirected = o.api.ok("POST", f"{V1}/inquiries/{outside['id']}/redirect", o.a["token"], {
        "external_unit": "市人力社保局", "explanation": "社保事项不属于本单位职责"})
    assert redirected["status"] == "redirected"
    unknown = o.api.request("POST", f"{V1}/inquiries/{outside['id']}/guide", o.a["token"],
                            {"division_id": "ghost"})
    assert error(unknown) == (404, "division_not_found")


def test_an_inquiry_open_past_the_next_working_day_lapses_once(office):
    o = office
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "赵先生", "contact": "137", "question": "编制核定"})
    assert inquiry["lapse_day"] == "2026-11-27"
    o.set_now(MORNING + timedelta(days=1, hours=8))  # Friday 17:00
    scans_ran("scan_lapses")  # the lapse day is not over yet
    assert events(o, "first_inquiry_lapsed") == []
    o.set_now(datetime(2026, 11, 30, 8, 0, tzinfo=OFFICE_TZ))
    [lapse] = wait_until(lambda: events(o, "first_inquiry_lapsed"), timeout=10)
    assert (lapse["inquiry_id"], lapse["first_responder_id"]) == (inquiry["id"], o.a["id"])
    report = o.api.ok("GET", f"{V1}/reports/commitments?half=2026H2", o.head["token"])
    row = next(r for r in report["items"] if r["staff_id"] == o.a["id"])
    assert row["lapses"] == 1 and row["name"] == "张三"
    scans_ran("scan_lapses")
    assert len(events(o, "first_inquiry_lapsed")) == 1


def complain(o, **body):
    return o.api.ok("POST", f"{V1}/public/complaints", json={
        "category": "attitude", "description": "态度生硬", **body})


def refuse(o, path, token, body=None):
    """``(status, code)`` of a POST to ``path`` that must be refused."""
    return o.api.refused("POST", f"{V1}{path}", token, body or {})


def test_an_anonymous_complaint_about_the_second_window_is_investigated_and_substantiated(
        office):
    o = office
    filed = complain(o, description="二号窗口的工作人员要求请吃饭才办", category="graft")
    assert filed["status"] == "received" and filed["token"]
    [listed] = o.api.ok("GET", f"{V1}/complaints", o.leader["token"])["items"]
    assert (listed["id"], listed["staff_id"], listed["division_id"]) == (filed["id"], None, None)
    assert o.api.ok("GET", f"{V1}/complaints", o.head["token"])["total"] == 0  # untargeted
    assert refuse(o, f"/complaints/{filed['id']}/investigate", o.head["token"]) == (
        403, "not_your_division")
    assert refuse(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "x", "staff_id": o.a["id"]}) == (
        409, "complaint_not_investigating")

    taken = o.api.ok("POST", f"{V1}/complaints/{filed['id']}/investigate", o.leader["token"])
    assert (taken["status"], taken["investigator_id"]) == ("investigating", o.leader["id"])
    assert refuse(o, f"/complaints/{filed['id']}/investigate", o.leader["token"]) == (
        409, "complaint_under_investigation")
    assert refuse(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实"}) == (422, "staff_required")
    assert refuse(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实", "staff_id": "ghost"}) == (
        404, "staff_not_found")
    assert events(o, "complaint_concluded") == []

    concluded = o.api.ok("POST", f"{V1}/complaints/{filed['id']}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实，已依规处理", "staff_id": o.a["id"]})
    assert (concluded["status"], concluded["finding"], concluded["held_against_id"]) == (
        "substantiated", "substantiated", o.a["id"])
    assert refuse(o, f"/complaints/{filed['id']}/conclude", o.leader["token"], {
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
    assert refuse(o, f"/complaints/{filed['id']}/investigate", other_head["token"]) == (
        403, "not_your_division")
    assert refuse(o, f"/complaints/{filed['id']}/investigate", o.a["token"]) == (
        403, "not_your_division")
    o.api.ok("POST", f"{V1}/complaints/{filed['id']}/investigate", o.head["token"])
    assert refuse(o, f"/complaints/{filed['id']}/conclude", other_head["token"], {
        "finding": "unsubstantiated", "reply": "x"}) == (403, "not_your_division")
    assert refuse(o, f"/complaints/{filed['id']}/conclude", o.head["token"], {
        "finding": "maybe", "reply": "x"}) == (422, "validation_error")
    concluded = o.api.ok("POST", f"{V1}/complaints/{filed['id']}/conclude", o.head["token"], {
        "finding": "unsubstantiated", "reply": "经调阅录像，接待过程规范，投诉不属实"})
    assert (concluded["status"], concluded["held_against_id"]) == ("unsubstantiated", None)
    status = o.api.ok("GET", f"{V1}/public/complaints/{filed['id']}?token={filed['token']}")
    assert (status["status"], status["reply"]) == (
        "unsubstantiated", "经调阅录像，接待过程规范，投诉不属实")
    [event] = events(o, "complaint_concluded")
    assert (event["finding"], event["staff_id"]) == ("unsubstantiated", None)


def test_a_complaint_is_read_by_its_divisions_head_and_by_leaders_only(office):
    o = office
    filed = complain(o, staff_id=o.a["id"])
    path = f"{V1}/complaints/{filed['id']}"
    for token in (o.head["token"], o.leader["token"], o.admin):
        assert o.api.ok("GET", path, token)["description"] == "态度生硬"
    _, _, other_head = o.org.division()
    assert o.api.refused("GET", path, other_head["token"]) == (403, "not_your_division")
    assert o.api.refused("GET", path, o.a["token"]) == (403, "not_your_division")
    assert o.api.refused("GET", path) == (401, "missing_token")
    assert o.api.refused("GET", f"{V1}/complaints/ghost", o.leader["token"]) == (
        404, "complaint_not_found")


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
        assert error(response) == (status, code)
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


def test_a_guided_inquiry_stays_open_until_the_receiving_division_answers(office):
    o = office
    other, _, other_head = o.org.division()
    clerk = o.org.staff(division_id=other["id"], name="赵六")
    inquiry = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "周先生", "contact": "139", "question": "事业单位法人登记"})
    guided = o.api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/guide", o.a["token"],
                      {"division_id": other["id"], "note": "已引导至二楼登记窗口"})
    assert (guided["status"], guided["guided_division_id"], guided["guide_note"],
            guided["answer_due_day"]) == ("guided", other["id"], "已引导至二楼登记窗口",
                                          "2026-11-27")
    listed = o.api.ok("GET", f"{V1}/inquiries?guided_division_id={other['id']}&status=guided",
                      clerk["token"])
    assert [i["id"] for i in listed["items"]] == [inquiry["id"]]
    path = f"{V1}/inquiries/{inquiry['id']}"
    for token, status, code in ((o.b["token"], 403, "not_your_division"),
                                (o.head["token"], 403, "not_your_division")):
        response = o.api.request("POST", f"{path}/answer", token, {"answer": "x"})
        assert error(response) == (status, code)
    handled = o.api.request("POST", f"{path}/handle", o.a["token"], {"answer": "x"})
    assert error(handled) == (409, "inquiry_closed")
    answered = o.api.ok("POST", f"{path}/answer", clerk["token"], {"answer": "已当场办理登记"})
    assert (answered["status"], answered["answered_by"]) == ("answered", clerk["id"])
    again = o.api.request("POST", f"{path}/answer", other_head["token"], {"answer": "x"})
    assert error(again) == (409, "inquiry_not_guided")
    closings = [e for e in events(o, "inquiry_closed") if e["inquiry_id"] == inquiry["id"]]
    assert [(e["how"], e["closed_by"]) for e in closings] == [
        ("guided", o.a["id"]), ("answered", clerk["id"])]

    unanswered = o.api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "吴女士", "contact": "137", "question": "编制证明"})
    o.api.ok("POST", f"{V1}/inquiries/{unanswered['id']}/guide", o.a["token"],
             {"division_id": other["id"]})
    o.set_now(MORNING + timedelta(days=4))  # Monday: Friday's end has passed
    lapses = wait_until(lambda: events(o, "first_inquiry_lapsed"), timeout=10)
    assert [(e["inquiry_id"], e["stage"], e["head_id"]) for e in lapses] == [
        (unanswered["id"], "guided", other_head["id"])]
    scans_ran("scan_lapses")
    assert len(events(o, "first_inquiry_lapsed")) == 1


def test_an_application_is_refused_in_writing_with_its_reason(office):
    o = office
    refused = o.api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": o.matter["id"], "applicant": "某公司", "contact": "0571-2",
        "materials": materials(M1=True, M2=True, M3=True, M4=True),
        "refusal_reason": "申请人为企业，不属于事业单位登记范围"})
    assert (refused["status"], refused["refusal_reason"], refused["notice"]) == (
        "refused", "申请人为企业，不属于事业单位登记范围", None)
    page = o.api.request("GET", f"{V1}/applications/{refused['id']}/notice"
                                f"?token={refused['token']}")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    for text in ("不予受理告知书", "某公司", "事业单位设立登记", "不属于事业单位登记范围",
                 "《事业单位登记管理暂行条例》", "2026年11月26日"):
        assert text in page.text, text
    again = o.api.request("POST", f"{V1}/applications/{refused['id']}/resubmit", o.a["token"],
                          {"materials": []})
    assert error(again) == (
        409, "application_not_returned")


def test_an_accepted_application_is_completed_on_time_or_reported_overdue_once(office):
    o = office
    body = {"matter_id": o.matter["id"], "applicant": "省某研究院", "contact": "0571-1",
            "materials": materials(M1=True, M2=True, M3="未盖章", M4=True)}
    returned = o.api.ok("POST", f"{V1}/applications", o.a["token"], body)
    mismatch = o.api.request("POST", f"{V1}/applications/{returned['id']}/resubmit",
                             o.b["token"], {**body, "matter_id": "other"})
    assert error(mismatch) == (422, "matter_mismatch")
    accepted = o.api.ok("POST", f"{V1}/applications/{returned['id']}/resubmit", o.b["token"], {
        **body, "materials": materials(M1=True, M2=True, M3=True, M4=True)})
    assert (accepted["status"], accepted["reviewer_id"], accepted["due_date"]) == (
        "accepted", o.b["id"], "2026-12-17")  # 15 working days
    path = f"{V1}/applications/{accepted['id']}"
    foreign = o.api.request("POST", f"{path}/complete", o.a["token"], {"result": "x"})
    assert error(foreign) == (403, "not_reviewer")

    o.set_now(datetime(2026, 12, 18, 9, 0, tzinfo=OFFICE_TZ))
    [overdue] = wait_until(lambda: events(o, "overdue"), timeout=10)
    assert (overdue["application_id"], overdue["reviewer_id"], overdue["days_late"],
            overdue["source"]) == (accepted["id"], o.b["id"], 1, "application")
    done = o.api.ok("POST", f"{path}/complete", o.b["token"], {"result": "已登记发证"})
    assert (done["status"], done["completed_on_time"], done["completed_on"]) == (
        "completed", False, "2026-12-18")
    twice = o.api.request("POST", f"{path}/complete", o.b["token"], {"result": "x"})
    assert error(twice) == (
        409, "application_not_accepted")
    scans_ran("scan_lapses")
    assert len(events(o, "overdue")) == 1
    [completed] = events(o, "application_completed")
    assert completed["on_time"] is False
