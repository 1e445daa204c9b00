"""Inquiries with posts behind the gateway: matters handled at once (六.2 即办), revised and
withdrawn (三.2, 三.3), written notices naming their 经办人 (二.2, 六.6), and questions
referred to another division or an outside unit (六.4). Every refusal changes nothing."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from chassis.clock import OFFICE_TZ
from chassis.db import make_engine
from services.inquiries.service import InquiriesService
from services.posts.service import PostsService
from tests.api import V1, Office
from tests.helpers import projected, scans_ran, wait_until

MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=OFFICE_TZ)  # Thursday
MATERIALS = [{"code": "M1", "name": "申请书", "required": True},
             {"code": "M2", "name": "编制核定文件", "required": True}]


def matter_body(o, **changes):
    return {"name": "事业单位设立登记", "basis": "《事业单位登记管理暂行条例》",
            "time_limit_days": 15, "procedure": "受理—审核—批准—发证",
            "division_id": o.division["id"], "materials": MATERIALS, **changes}


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(MORNING)
    api, config = behind_gateway(PostsService, InquiriesService)
    o = Office(api, config=config, set_now=set_now, a="张三", b="李四")
    o.other, _, o.other_head = o.org.division()
    o.clerk = o.org.staff(division_id=o.other["id"], name="赵六")
    o.matter = api.ok("POST", f"{V1}/matters", o.head["token"], matter_body(o))
    projected(config["XIAONENG_INQUIRIES_DATABASE_URL"],
              [o.a, o.b, o.head, o.clerk, o.other_head], "inquiries")
    return o


def apply(o, person, matter, **materials):
    """``person`` reviews an application; ``M1=True`` brought and fine, absent: missing."""
    return o.api.ok("POST", f"{V1}/applications", person["token"], {
        "matter_id": matter["id"], "applicant": "省某研究院", "contact": "0571-1",
        "materials": [{"code": c, "ok": ok} for c, ok in materials.items()]})


def refuse(o, method, path, token, body=None):
    return o.api.refused(method, f"{V1}{path}", token, body)


def count(o, table):
    """Rows of an inquiries table (what a refusal must not have added to)."""
    engine = make_engine(o.config["XIAONENG_INQUIRIES_DATABASE_URL"])
    with engine.connect() as connection:
        found = connection.scalar(sa.select(sa.func.count()).select_from(sa.table(table)))
    engine.dispose()
    return found


def test_a_matter_handled_at_once_is_due_the_day_it_is_accepted_and_late_only_after(office):
    o = office
    assert refuse(o, "POST", "/matters", o.head["token"], matter_body(o, time_limit_days=-1)) \
        == (422, "validation_error")
    at_once = o.api.ok("POST", f"{V1}/matters", o.head["token"],
                       matter_body(o, name="编制证明出具", time_limit_days=0))
    assert (at_once["time_limit_days"], at_once["version"], at_once["actions"]) == (
        0, 1, ["revise", "withdraw"])
    accepted = apply(o, o.a, at_once, M1=True, M2=True)
    assert (accepted["status"], accepted["due_date"]) == ("accepted", "2026-11-26")
    returned = apply(o, o.a, at_once, M1=True)
    page = o.api.request("GET", f"{V1}/applications/{returned['id']}/notice"
                                f"?token={returned['token']}").text
    assert "即办" in page and "个工作日内办结" not in page

    o.set_now(MORNING + timedelta(hours=8))  # 17:00 the same day
    scans_ran("scan_lapses")
    assert o.raised("inquiries", "overdue") == []
    o.set_now(MORNING + timedelta(days=1))
    [late] = wait_until(lambda: o.raised("inquiries", "overdue"), timeout=10)
    assert (late["application_id"], late["due_date"], late["days_late"]) == (
        accepted["id"], "2026-11-26", 1)


def test_the_divisions_head_revises_a_matter_and_an_application_keeps_the_version_it_read(
        office):
    o = office
    path = f"/matters/{o.matter['id']}"
    revised = matter_body(o, basis="《事业单位登记管理暂行条例》（2026年修订）",
                          time_limit_days=10,
                          materials=[*MATERIALS, {"code": "M3", "name": "章程草案",
                                                  "required": True}])
    for token, code in ((o.a["token"], "not_your_division"),
                        (o.other_head["token"], "not_your_division")):
        assert refuse(o, "PUT", path, token, revised) == (403, code)
    assert refuse(o, "PUT", path, o.head["token"], {**revised, "division_id": "ghost"}) == (
        404, "division_not_found")
    assert refuse(o, "PUT", "/matters/ghost", o.head["token"], revised) == (
        404, "matter_not_found")
    assert o.api.ok("GET", f"{V1}/public{path}")["version"] == 1  # nothing changed
    assert count(o, "matter_versions") == 1

    returned = apply(o, o.a, o.matter, M1=True)
    second = o.api.ok("PUT", f"{V1}{path}", o.head["token"], revised)
    assert (second["version"], second["time_limit_days"]) == (2, 10)
    assert count(o, "matter_versions") == 2  # the first is kept as it was published
    public = o.api.ok("GET", f"{V1}/public{path}")
    assert (public["version"], [m["code"] for m in public["materials"]]) == (
        2, ["M1", "M2", "M3"])
    assert o.api.ok("GET", f"{V1}/applications/{returned['id']}",
                    o.a["token"])["matter_version"] == 1
    page = o.api.request("GET", f"{V1}/applications/{returned['id']}/notice"
                                f"?token={returned['token']}").text
    assert "第1版" in page and "15个工作日" in page and "章程草案" not in page

    again = o.api.ok("POST", f"{V1}/applications/{returned['id']}/resubmit", o.a["token"], {
        "materials": [{"code": "M1", "ok": True}, {"code": "M2", "ok": True}]})
    assert (again["status"], again["matter_version"]) == ("returned", 2)
    assert [i["code"] for i in again["notice"]["items"]] == ["M3"]
    assert again["notice"]["time_limit_days"] == 10


def test_a_withdrawn_matter_leaves_the_catalogue_and_takes_no_more_applications(office):
    o = office
    returned = apply(o, o.a, o.matter, M1=True)
    path = f"/matters/{o.matter['id']}"
    for token, body, expected in (
            (o.head["token"], {}, (422, "validation_error")),
            (o.head["token"], {"reason": "  "}, (422, "validation_error")),
            (o.a["token"], {"reason": "职能调整"}, (403, "not_your_division")),
            (o.other_head["token"], {"reason": "职能调整"}, (403, "not_your_division"))):
        assert refuse(o, "POST", f"{path}/withdraw", token, body) == expected
    assert o.api.ok("GET", f"{V1}/public{path}")["id"] == o.matter["id"]  # still offered

    gone = o.api.ok("POST", f"{V1}{path}/withdraw", o.head["token"], {"reason": "职能调整"})
    assert (gone["withdraw_reason"], gone["actions"]) == ("职能调整", [])
    assert gone["withdrawn_at"].startswith("2026-11-26T09:00")
    assert o.matter["id"] not in [m["id"] for m in o.api.ok(
        "GET", f"{V1}/public/matters")["items"]]
    assert refuse(o, "GET", f"/public{path}", None) == (404, "matter_not_found")
    assert o.matter["id"] not in [m["id"] for m in o.api.ok(
        "GET", f"{V1}/public/commitments")["matters"]]
    assert o.api.ok("GET", f"{V1}{path}", o.a["token"])["withdrawn_by"] == o.head["id"]
    offered = o.api.ok("POST", f"{V1}/matters", o.head["token"], matter_body(o, name="编制证明"))
    listed = o.api.ok("GET", f"{V1}/matters", o.head["token"])["items"]
    assert [(m["id"], m["actions"]) for m in listed] == [
        (offered["id"], ["revise", "withdraw"]), (o.matter["id"], [])]  # withdrawn ones last

    body = {"matter_id": o.matter["id"], "applicant": "x", "contact": "1",
            "materials": [{"code": "M1", "ok": True}, {"code": "M2", "ok": True}]}
    assert refuse(o, "POST", "/applications", o.a["token"], body) == (409, "matter_withdrawn")
    assert refuse(o, "POST", f"/applications/{returned['id']}/resubmit", o.a["token"],
                  {"materials": body["materials"]}) == (409, "matter_withdrawn")
    assert (count(o, "applications"), count(o, "reviews")) == (1, 1)
    kept = o.api.ok("GET", f"{V1}/applications/{returned['id']}", o.a["token"])
    assert (kept["status"], kept["actions"]) == ("returned", [])
    assert refuse(o, "POST", f"{path}/withdraw", o.head["token"], {"reason": "再撤"}) == (
        409, "matter_withdrawn")
    assert refuse(o, "PUT", path, o.head["token"], matter_body(o)) == (409, "matter_withdrawn")
    assert o.api.ok("GET", f"{V1}{path}", o.head["token"])["version"] == 1


def test_the_written_notices_name_the_reviewer_and_their_office_phone(office):
    o = office
    returned = apply(o, o.a, o.matter, M1=True)
    page = o.api.request("GET", f"{V1}/applications/{returned['id']}/notice",
                         o.a["token"]).text
    assert "经办人：</strong>张三" in page and o.a["phone"] in page
    refused = o.api.ok("POST", f"{V1}/applications", o.b["token"], {
        "matter_id": o.matter["id"], "applicant": "某公司", "contact": "1", "materials": [],
        "refusal_reason": "申请人为企业"})
    page = o.api.request("GET", f"{V1}/applications/{refused['id']}/notice"
                                f"?token={refused['token']}").text
    assert "不予受理告知书" in page and "李四" in page and o.b["phone"] in page
