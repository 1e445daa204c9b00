"""Issue 28 across processes: rules nobody can walk around — the 30 minutes cannot be
split (七.1), the report is the return (七.5), extensions and 退文 are the head's (四.1,
四.3, 四.6), a lapse is held against whoever held the work longer (五.4) — and the
contract slips found on the way."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import wait_until

MONDAY = datetime(2026, 12, 21, 9, 0, tzinfo=OFFICE_TZ)


def test_two_half_hours_back_to_back_need_the_heads_approval(api):
    o = Office.on(api, MONDAY, a="张三")
    first = o.notice(o.a, MONDAY, hours=0.5, reason="取文件")
    assert (first["status"], first["hands_over"]) == ("recorded", False)
    second = o.notice(o.a, MONDAY + timedelta(minutes=30), hours=0.5, reason="取文件")
    assert (second["status"], second["chained_with"], second["approver_id"]) == (
        "pending", [first["id"]], o.head["id"])
    later = o.notice(o.a, MONDAY + timedelta(hours=2), hours=0.5, reason="送文件")
    assert (later["status"], later["chained_with"]) == ("recorded", [])


def test_the_report_is_the_return_and_the_approver_corrects_it_with_a_note(api):
    o = Office.on(api, MONDAY, a="张三")
    notice = o.away(o.a, MONDAY + timedelta(hours=2), hours=1)  # 11:00 to 12:00
    path = f"{V1}/leave-notices/{notice['id']}"
    o.set_now(MONDAY + timedelta(hours=3, minutes=40))  # 12:40: reported 40 minutes late
    assert api.refused("POST", f"{path}/return", o.a["token"], {
        "returned_at": (MONDAY + timedelta(hours=3)).isoformat()}) == (
        422, "returned_at_not_allowed")
    back = api.ok("POST", f"{path}/return", o.a["token"])
    assert (back["late"], back["late_minutes"]) == (True, 40)
    corrected = (MONDAY + timedelta(hours=3, minutes=5)).isoformat()
    assert api.refused("POST", f"{path}/acknowledge", o.head["token"],
                       {"returned_at": corrected}) == (422, "note_required")
    known = api.ok("POST", f"{path}/acknowledge", o.head["token"],
                   {"returned_at": corrected, "note": "12:05已回岗，系统销假滞后"})
    assert (known["late"], known["late_minutes"], known["return_correction_note"]) == (
        False, 5, "12:05已回岗，系统销假滞后")
    assert known["return_reported_at"] == back["returned_at"]


def test_the_assignee_asks_for_an_extension_and_a_return_and_the_head_decides_both(api):
    o = Office.on(api, MONDAY, a="张三")
    document = o.document(MONDAY, o.a, due_date="2026-12-25")
    path = f"{V1}/documents/{document['id']}"
    asked = api.ok("POST", f"{path}/extensions", o.a["token"], {
        "new_due_date": "2026-12-31", "basis": "需会商", "opinion": "会商后三日内办结"},
        status=(201,))
    assert api.ok("GET", path, o.a["token"])["due_date"] == "2026-12-25"
    approved = api.ok("POST", f"{path}/extensions/{asked['id']}/approve", o.head["token"])
    assert approved["status"] == "approved"
    assert api.ok("GET", path, o.a["token"])["due_date"] == "2026-12-31"
    api.ok("POST", f"{path}/return", o.a["token"], {"reason": "不属本处职责"})
    refused = api.ok("POST", f"{path}/return/reject", o.head["token"],
                     {"note": "属本处职责，继续办理"})
    assert (refused["status"], refused["actions"]) == ("assigned", ["urge"])
    assert "complete" in api.ok("GET", path, o.a["token"])["actions"]


def overdue_held_against(api, o, person):
    return api.ok("GET", f"{V1}/violations?staff_id={person['id']}&kind=overdue",
                  o.leader["token"])["items"]


def test_an_overdue_document_is_held_against_whoever_held_it_longer(api):
    o = Office.on(api, MONDAY, a="张三", b="李四")
    o.new_post(o.a, [o.b], "收文岗")
    document = o.document(MONDAY, o.a, due_date="2026-12-25")  # Tue to Fri: four days
    leave = api.ok("POST", f"{V1}/leave-requests", o.a["token"], {
        "start_date": "2026-12-25", "end_date": "2026-12-25", "reason": "年休假",
        "contact": "138", "handover_note": "某中心更名请示待办，今日到期"})
    api.ok("POST", f"{V1}/leave-requests/{leave['id']}/approve", o.head["token"])
    o.set_now(datetime(2026, 12, 25, 8, 0, tzinfo=OFFICE_TZ))
    wait_until(lambda: api.ok("GET", f"{V1}/documents/{document['id']}",
                              o.a["token"])["acting_id"] == o.b["id"], timeout=20,
               message="B covers on the last day")
    o.set_now(datetime(2026, 12, 28, 9, 0, tzinfo=OFFICE_TZ))  # Monday: overdue
    [violation] = wait_until(lambda: overdue_held_against(api, o, o.a), timeout=30,
                             message="the overdue held against A")
    assert violation["details"]["days_held"] == {o.a["id"]: 3, o.b["id"]: 1}
    assert overdue_held_against(api, o, o.b) == []


def test_warnings_page_and_a_guided_inquiry_leaves_the_first_responders_to_do(api):
    o = Office.on(api, MONDAY, a="张三")
    o.new_post(o.a, [o.head], "综合岗")
    o.new_post(o.head, [o.a], "处长岗")
    api.ok("POST", f"{V1}/divisions", o.admin, {"name": "综合处", "code": "ZH" + o.a["id"][:6]})
    first = api.ok("GET", f"{V1}/org/warnings?limit=1&offset=0", o.admin)
    assert len(first["items"]) == 1 and first["total"] >= 2
    assert api.ok("GET", f"{V1}/org/warnings?limit=1&offset=1", o.admin)["items"] != \
        first["items"]
    assert api.request("GET", f"{V1}/org/warnings?limit=0", o.admin).status_code == 422

    other, _, _ = o.org.division()
    inquiry = api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "周先生", "contact": "139", "question": "事业单位法人登记"})
    api.ok("POST", f"{V1}/inquiries/{inquiry['id']}/guide", o.a["token"],
           {"division_id": other["id"]})
    mine = api.ok("GET", f"{V1}/me/todo", o.a["token"])["items"]
    assert inquiry["id"] not in [i["id"] for i in mine]
