"""Issue 5's acceptance across processes: one-time notices, lapses, routed inquiries."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import database_url, raised, wait_until


def raised_by_inquiries(system, type_):
    return raised(database_url(system, "inquiries"), type_)


def test_one_time_notices_and_exactly_one_violation(api, system):
    o = Office.on(api, datetime(2026, 12, 8, 9, 0, tzinfo=OFFICE_TZ), clerk="张三")
    division, head, clerk = o.division, o.head, o.clerk
    matter = api.ok("POST", f"{V1}/matters", head["token"], {
        "name": "机构编制事项审核", "basis": "《机构编制管理条例》", "time_limit_days": 20,
        "procedure": "受理、审核、报批、答复", "division_id": division["id"],
        "materials": [{"code": c, "name": n, "required": True} for c, n in (
            ("A", "请示文件"), ("B", "机构设置方案"), ("C", "人员情况表"), ("D", "职能说明"))]})
    assert api.ok("GET", f"{V1}/public/matters/{matter['id']}")["time_limit_days"] == 20

    first = api.ok("POST", f"{V1}/applications", clerk["token"], {
        "matter_id": matter["id"], "applicant": "省某厅", "contact": "0571",
        "materials": [{"code": "C", "ok": False, "defect": "缺少签字"},
                      {"code": "D", "ok": True}]})
    assert sorted(i["code"] for i in first["notice"]["items"]) == ["A", "B", "C"]
    page = api.request("GET", f"{V1}/applications/{first['id']}/notice?token={first['token']}")
    assert "一次性告知书" in page.text and "缺少签字" in page.text and "人员情况表" in page.text

    second = api.ok("POST", f"{V1}/applications/{first['id']}/resubmit", clerk["token"], {
        "materials": [{"code": c, "ok": True} for c in ("A", "C", "D")]})
    assert [i["code"] for i in second["notice"]["items"]] == ["B"]
    third = api.ok("POST", f"{V1}/applications/{first['id']}/resubmit", clerk["token"], {
        "materials": [{"code": "A", "ok": True}, {"code": "B", "ok": True},
                      {"code": "C", "ok": True}, {"code": "D", "ok": False, "defect": "过期"}]})
    assert third["status"] == "returned"
    violations = wait_until(lambda: raised_by_inquiries(system, "notice_violated"), timeout=5)
    assert [v["items"] for v in violations] == [[{"code": "D", "name": "职能说明",
                                                  "why": "accepted_before"}]]


def test_an_open_inquiry_lapses_once_and_goes_to_the_acting_b_meanwhile(api, system):
    day = datetime(2026, 12, 9, 9, 0, tzinfo=OFFICE_TZ)  # Wednesday
    o = Office.on(api, day, a="孙一", b="孙二")
    a, b = o.a, o.b
    post = o.new_post(a, [b], "咨询接待岗")
    inquiry = api.ok("POST", f"{V1}/inquiries", a["token"], {
        "visitor_name": "孙女士", "contact": "136", "question": "编制备案流程"})

    o.away(a, day + timedelta(minutes=5), reason="外出办事")
    o.set_now(day + timedelta(minutes=6))
    wait_until(lambda: api.ok("GET", f"{V1}/inquiries/{inquiry['id']}",
                              a["token"])["acting_id"] == b["id"], timeout=15)

    def pending_kinds():
        handovers = api.ok("GET", f"{V1}/posts/{post['id']}/handovers", a["token"])["items"]
        return handovers and [i["kind"] for i in handovers[0]["pending_items"]]
    assert wait_until(pending_kinds, timeout=10) == ["inquiry"]

    o.set_now(datetime(2026, 12, 11, 9, 0, tzinfo=OFFICE_TZ))  # Friday
    lapses = wait_until(lambda: [e for e in raised_by_inquiries(system, "first_inquiry_lapsed")
                                 if e["inquiry_id"] == inquiry["id"]], timeout=10)
    assert [(e["first_responder_id"], e["acting_id"]) for e in lapses] == [(a["id"], b["id"])]
    handled = api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/handle", b["token"],
                     {"answer": "已答复"})
    assert handled["status"] == "handled" and handled["closed_by"] == b["id"]


def violations_of(api, leader, person):
    return api.ok("GET", f"{V1}/violations?staff_id={person['id']}", leader["token"])["items"]


def test_a_guided_inquiry_left_unanswered_is_held_against_the_receiving_head(api, system):
    o = Office.on(api, datetime(2026, 12, 14, 9, 0, tzinfo=OFFICE_TZ), clerk="郑一")  # Monday
    leader, clerk = o.leader, o.clerk
    receiving, _, receiving_head = o.org.division()
    inquiry = api.ok("POST", f"{V1}/inquiries", clerk["token"], {
        "visitor_name": "郑先生", "contact": "135", "question": "内设机构调整"})
    api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/guide", clerk["token"],
           {"division_id": receiving["id"], "note": "请到机构处咨询"})
    o.set_now(datetime(2026, 12, 16, 9, 0, tzinfo=OFFICE_TZ))  # Wednesday
    [violation] = wait_until(lambda: violations_of(api, leader, receiving_head), timeout=20,
                             message="a violation against the receiving head")
    assert (violation["kind"], violation["details"]["inquiry_id"],
            violation["details"]["stage"]) == ("first_inquiry_lapsed", inquiry["id"], "guided")
    assert violations_of(api, leader, clerk) == []  # the first responder guided it in time


def test_an_overdue_application_is_held_against_the_acting_b(api, system):
    o = Office.on(api, datetime(2026, 12, 16, 9, 0, tzinfo=OFFICE_TZ), a="钱一", b="孙二")
    division, leader, head, a, b = o.division, o.leader, o.head, o.a, o.b
    o.new_post(a, [b], "审核岗")
    matter = api.ok("POST", f"{V1}/matters", head["token"], {
        "name": "编制使用核准", "basis": "《机构编制管理条例》", "time_limit_days": 1,
        "procedure": "受理、核准", "division_id": division["id"],
        "materials": [{"code": "A", "name": "申请表", "required": True}]})
    application = api.ok("POST", f"{V1}/applications", a["token"], {
        "matter_id": matter["id"], "applicant": "省某中心", "contact": "1",
        "materials": [{"code": "A", "ok": True}]})
    assert (application["status"], application["due_date"]) == ("accepted", "2026-12-17")
    leave = api.ok("POST", f"{V1}/leave-requests", a["token"], {
        "start_date": "2026-12-17", "end_date": "2026-12-18", "reason": "培训", "contact": "138",
        "handover_note": "省某中心的编制使用核准申请已受理，17日到期，请孙二办结"})
    api.ok("POST", f"{V1}/leave-requests/{leave['id']}/approve", head["token"])
    o.set_now(datetime(2026, 12, 17, 8, 40, tzinfo=OFFICE_TZ))
    wait_until(lambda: api.ok("GET", f"{V1}/applications/{application['id']}",
                              a["token"])["acting_id"] == b["id"], timeout=20,
               message="the application routed to the acting B")
    o.set_now(datetime(2026, 12, 18, 9, 0, tzinfo=OFFICE_TZ))
    [violation] = wait_until(lambda: violations_of(api, leader, b), timeout=20,
                             message="the overdue held against the acting B")
    assert (violation["kind"], violation["source"], violation["details"]["application_id"]) == (
        "overdue", "application", application["id"])
    assert violations_of(api, leader, a) == []
    done = api.ok("POST", f"{V1}/applications/{application['id']}/complete", b["token"],
                  {"result": "已核准"})
    assert (done["status"], done["completed_on_time"]) == ("completed", False)
