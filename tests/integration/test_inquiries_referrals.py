"""Referrals (六.4) with posts behind the gateway: the reviewer of an accepted application
asks another division — on the to-do of its staff and head, each told, until one of them
answers, once — or an outside unit, whose answer the reviewer records; the party reads
the answers with the application's token. Every refusal changes nothing."""

from datetime import datetime

import pytest

from chassis.clock import OFFICE_TZ
from services.inquiries.service import InquiriesService
from services.posts.service import PostsService
from tests.api import V1, Office
from tests.helpers import projected

MORNING = datetime(2026, 11, 27, 9, 0, tzinfo=OFFICE_TZ)  # Friday
QUESTION = "该单位拟承担的行政职能是否已有划转文件？"


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(MORNING)
    api, config = behind_gateway(PostsService, InquiriesService)
    o = Office(api, config=config, set_now=set_now, a="张三", b="李四")
    o.other, _, o.other_head = o.org.division()
    o.clerk = o.org.staff(division_id=o.other["id"], name="赵六")
    projected(config["XIAONENG_INQUIRIES_DATABASE_URL"],
              [o.a, o.b, o.head, o.clerk, o.other_head], "inquiries")
    matter = api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "事业单位设立登记", "basis": "《事业单位登记管理暂行条例》",
        "time_limit_days": 15, "procedure": "受理—审核—批准—发证",
        "division_id": o.division["id"],
        "materials": [{"code": "M1", "name": "申请书", "required": True}]})
    o.application = api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": matter["id"], "applicant": "省某研究院", "contact": "0571-1",
        "materials": [{"code": "M1", "ok": True}]})
    o.path = f"{V1}/applications/{o.application['id']}"
    return o


def refer(o, token, body):
    return o.api.request("POST", f"{o.path}/referrals", token, body)


def referral_items(o, person):
    return [i for i in o.api.ok("GET", f"{V1}/me/todo", person["token"])["items"]
            if i["kind"] == "referral"]


def public_view(o, token=None):
    return o.api.request("GET", f"{V1}/public/applications/{o.application['id']}"
                                f"?token={token or o.application['token']}")


def test_a_referral_waits_on_the_other_divisions_to_do_until_answered_once(office):
    o = office
    assert o.api.ok("GET", o.path, o.a["token"])["actions"] == ["complete", "refer"]
    for token, body, expected in (
            (o.b["token"], {"division_id": o.other["id"], "question": QUESTION},
             (403, "not_reviewer")),
            (o.a["token"], {"division_id": o.division["id"], "question": QUESTION},
             (422, "own_division")),
            (o.a["token"], {"division_id": o.other["id"], "external_unit": "市编办",
                            "question": QUESTION}, (422, "referral_target")),
            (o.a["token"], {"question": QUESTION}, (422, "referral_target")),
            (o.a["token"], {"division_id": "ghost", "question": QUESTION},
             (404, "division_not_found")),
            (o.a["token"], {"division_id": o.other["id"], "question": " "},
             (422, "validation_error"))):
        assert o.api.refused("POST", f"{o.path}/referrals", token, body) == expected
    assert o.api.ok("GET", o.path, o.a["token"])["referrals"] == []
    assert o.raised("inquiries", "todo_added") == []

    response = refer(o, o.a["token"], {"division_id": o.other["id"], "question": QUESTION})
    referral = response.json()
    assert response.status_code == 201
    assert (referral["status"], referral["division_id"], referral["due_date"],
            referral["answer"], referral["actions"]) == (
        "open", o.other["id"], "2026-11-30", None, [])  # Friday → Monday
    told = [e for e in o.raised("inquiries", "todo_added") if e["kind"] == "referral"]
    assert sorted(e["staff_id"] for e in told) == sorted([o.clerk["id"], o.other_head["id"]])
    [item] = referral_items(o, o.clerk)
    assert (item["id"], item["link"], item["due"]) == (
        referral["id"], f"/applications/{o.application['id']}", "2026-11-30")
    assert referral_items(o, o.a) == [] and referral_items(o, o.head) == []
    seen = o.api.ok("GET", o.path, o.clerk["token"])
    assert (seen["applicant"], seen["referrals"][0]["actions"]) == (None, ["answer"])

    answer = f"{V1}/referrals/{referral['id']}/answer"
    for person in (o.a, o.b, o.head):
        assert o.api.refused("POST", answer, person["token"], {"answer": "x"}) == (
            403, "not_your_division")
    assert o.api.refused("POST", answer, o.clerk["token"], {"answer": ""}) == (
        422, "validation_error")
    assert o.api.ok("GET", o.path, o.a["token"])["referrals"][0]["status"] == "open"
    answered = o.api.ok("POST", answer, o.clerk["token"], {"answer": "已有省政府划转文件"})
    assert (answered["status"], answered["answer"], answered["answered_by"]) == (
        "answered", "已有省政府划转文件", o.clerk["id"])
    assert o.api.refused("POST", answer, o.other_head["token"], {"answer": "再答"}) == (
        409, "referral_answered")
    assert referral_items(o, o.clerk) == [] and referral_items(o, o.other_head) == []
    assert o.api.ok("GET", o.path, o.a["token"])["referrals"][0]["answer"] == "已有省政府划转文件"

    public = public_view(o).json()
    assert (public["id"], public["status"], public["due_date"], public["referrals"]) == (
        o.application["id"], "accepted", "2026-12-18",
        [{"question": QUESTION, "answer": "已有省政府划转文件"}])
    assert (public["matter"]["name"], public["matter"]["version"]) == ("事业单位设立登记", 1)
    assert public_view(o, "wrong").status_code == 404


def test_the_reviewer_records_an_outside_units_answer_and_only_while_it_is_open(office):
    o = office
    referral = refer(o, o.a["token"], {"external_unit": "省民政厅",
                                       "question": "是否需要社会组织登记？"}).json()
    assert (referral["status"], referral["external_unit"], referral["actions"]) == (
        "open", "省民政厅", ["answer"])
    assert [e for e in o.raised("inquiries", "todo_added") if e["kind"] == "referral"] == []
    assert public_view(o).json()["referrals"] == [{"question": "是否需要社会组织登记？",
                                                   "answer": None}]
    answer = f"{V1}/referrals/{referral['id']}/answer"
    for person in (o.b, o.clerk, o.head):
        assert o.api.refused("POST", answer, person["token"], {"answer": "x"}) == (
            403, "not_reviewer")
    o.api.ok("POST", answer, o.a["token"], {"answer": "不需要，属事业单位登记范围"})
    assert o.api.refused("POST", answer, o.a["token"], {"answer": "x"}) == (
        409, "referral_answered")
    assert public_view(o).json()["referrals"][0]["answer"] == "不需要，属事业单位登记范围"

    o.api.ok("POST", f"{o.path}/complete", o.a["token"], {"result": "已登记"})
    assert o.api.refused("POST", f"{o.path}/referrals", o.a["token"], {
        "external_unit": "省民政厅", "question": "x"}) == (409, "application_not_accepted")
    assert len(o.api.ok("GET", o.path, o.a["token"])["referrals"]) == 1
    assert o.api.refused("POST", f"{V1}/referrals/ghost/answer", o.a["token"], {
        "answer": "x"}) == (404, "referral_not_found")
