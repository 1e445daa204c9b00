"""Issue 28 across processes: head powers follow the head ``head_id`` names and pass to
whoever acts for an absent head (五.3); nobody judges their own matter (回避)."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import wait_until


def me(api, person):
    return api.ok("GET", f"{V1}/me", person["token"])


def todo_ids(api, person, kind):
    return [i["id"] for i in api.ok("GET", f"{V1}/me/todo", person["token"])["items"]
            if i["kind"] == kind]


def complain_about(api, person, description="窗口工作人员态度生硬"):
    return api.ok("POST", f"{V1}/public/complaints", json={
        "staff_id": person["id"], "category": "attitude", "description": description})


def test_while_the_head_is_on_a_trip_their_b_acts_with_the_heads_powers_until_they_return(api):
    day = datetime(2026, 12, 28, 9, 0, tzinfo=OFFICE_TZ)  # a Monday
    o = Office.on(api, day, a="张三", b="李四")
    o.new_post(o.head, [o.b], "处长岗")
    document = o.document(day, by=o.a, title="关于某中心更名的请示")
    trip = o.away(o.head, day + timedelta(minutes=5), hours=7, reason="到省政府开会")
    assert trip["decided_by"] == o.leader["id"]
    o.set_now(day + timedelta(minutes=6))
    wait_until(lambda: me(api, o.b)["heads"] == [o.division["id"]], timeout=20,
               message="the B holds the head's powers")
    assert {(c["as"], c["staff_id"]) for c in me(api, o.b)["acting_for"]} == {
        ("holder", o.head["id"]), ("head", o.head["id"])}

    first = o.notice(o.a, day + timedelta(hours=1))
    path = f"{V1}/leave-notices/{first['id']}"
    # each service learns of the acting head from posts' event: the waiting notice follows
    wait_until(lambda: api.ok("GET", path, o.a["token"])["approver_id"] == o.b["id"],
               timeout=20, message="the notice waits on the acting head")
    assert api.refused("POST", f"{path}/approve", o.head["token"]) == (403, "not_approver")
    approved = api.ok("POST", f"{path}/approve", o.b["token"])
    assert (approved["decided_by"], approved["decided_for"]) == (o.b["id"], o.head["id"])
    waiting = o.notice(o.a, day + timedelta(hours=4))  # left for the head's return

    wait_until(lambda: document["id"] in todo_ids(api, o.b, "assign_document"), timeout=20)
    assert document["id"] not in todo_ids(api, o.head, "assign_document")
    assert api.refused("POST", f"{V1}/documents/{document['id']}/assign", o.head["token"],
                       {"assignee_id": o.a["id"]}) == (403, "not_division_head")
    assigned = api.ok("POST", f"{V1}/documents/{document['id']}/assign", o.b["token"],
                      {"assignee_id": o.a["id"]})
    assert (assigned["assigned_by"], assigned["assigned_for"]) == (o.b["id"], o.head["id"])

    complaint = complain_about(api, o.a)
    wait_until(lambda: complaint["id"] in todo_ids(api, o.b, "complaint"), timeout=20)
    taken = api.ok("POST", f"{V1}/complaints/{complaint['id']}/investigate", o.b["token"])
    assert (taken["investigator_id"], taken["investigator_for"]) == (o.b["id"], o.head["id"])

    api.ok("POST", f"{V1}/leave-notices/{trip['id']}/return", o.head["token"])
    wait_until(lambda: me(api, o.b)["heads"] == [], timeout=20,
               message="the head's powers come back")
    wait_until(lambda: api.ok("GET", f"{V1}/leave-notices/{waiting['id']}",
                              o.a["token"])["approver_id"] == o.head["id"], timeout=20,
               message="the waiting notice goes back to the head")
    assert waiting["id"] in todo_ids(api, o.head, "approve_absence")
    assert waiting["id"] not in todo_ids(api, o.b, "approve_absence")


def test_head_powers_follow_the_division_not_the_role(api):
    day = datetime(2026, 12, 29, 9, 0, tzinfo=OFFICE_TZ)  # a Tuesday
    o = Office.on(api, day, a="张三", x="王五")
    former = o.head
    api.ok("PUT", f"{V1}/divisions/{o.division['id']}", o.admin, {"head_id": o.x["id"]})
    document = o.document(day, by=o.a)
    wait_until(lambda: "assign" in api.ok("GET", f"{V1}/documents/{document['id']}",
                                          o.x["token"])["actions"], timeout=20,
               message="the new head (role staff) may assign")
    api.ok("POST", f"{V1}/documents/{document['id']}/assign", o.x["token"],
           {"assignee_id": o.a["id"]})

    complaint = complain_about(api, o.a)
    path = f"{V1}/complaints/{complaint['id']}"
    wait_until(lambda: api.request("GET", path, o.x["token"]).status_code == 200, timeout=20,
               message="complaints about the division reach its new head")
    assert api.refused("POST", f"{path}/investigate", former["token"]) == (
        403, "not_your_division")
    duty = {"staff_id": o.a["id"], "nature": "non_performance", "occurred_at": day.isoformat(),
            "description": "未按时报送月报"}
    wait_until(lambda: api.request("GET", f"{V1}/appraisals/{o.a['id']}?year=2026",
                                   o.x["token"]).status_code == 200, timeout=20)
    assert api.refused("POST", f"{V1}/violations", former["token"], duty) == (
        403, "not_your_division")
    recorded = api.ok("POST", f"{V1}/violations", o.x["token"], duty)
    assert recorded["recorded_by"] == o.x["id"]
    notice = o.notice(o.a, day + timedelta(hours=1))
    wait_until(lambda: api.ok("GET", f"{V1}/leave-notices/{notice['id']}",
                              o.a["token"])["approver_id"] == o.x["id"], timeout=20)


def test_a_complaint_naming_the_head_goes_to_the_supervising_leader(api):
    o = Office.on(api, datetime(2026, 12, 30, 9, 0, tzinfo=OFFICE_TZ))
    complaint = complain_about(api, o.head, "处长接待时推诿")
    path = f"{V1}/complaints/{complaint['id']}"
    assert api.ok("GET", path, o.head["token"])["recused"] is True
    assert api.refused("POST", f"{path}/investigate", o.head["token"]) == (403, "recusal")
    assert complaint["id"] not in todo_ids(api, o.head, "complaint")
    assert complaint["id"] in todo_ids(api, o.leader, "complaint")
    api.ok("POST", f"{path}/investigate", o.leader["token"])
    concluded = api.ok("POST", f"{path}/conclude", o.leader["token"], {
        "finding": "substantiated", "reply": "经核查属实，已责令整改"})
    assert concluded["held_against_id"] == o.head["id"]


def test_the_supervising_leader_never_decides_the_case_that_decides_their_own_responsibility(
        api):
    day = datetime(2026, 12, 31, 9, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, day)
    for hours in (1, 2, 3):  # three duty failures: a serious case, and one for the leader
        api.ok("POST", f"{V1}/violations", o.leader["token"], {
            "staff_id": o.head["id"], "nature": "non_performance", "description": "未履职",
            "occurred_at": (day - timedelta(hours=hours)).isoformat()})
    [case] = api.ok("GET", f"{V1}/cases?staff_id={o.head['id']}", o.leader["token"])["items"]
    assert (case["severity"], case["responsible_id"], case["recused"], case["actions"]) == (
        "serious", o.leader["id"], True, [])
    path = f"{V1}/cases/{case['id']}"
    assert api.refused("POST", f"{path}/decide", o.leader["token"], {
        "severity": "light", "outcome": "criticism_education"}) == (403, "recusal")
    assert api.refused("POST", f"{path}/dismiss", o.leader["token"],
                       {"reason": "x"}) == (403, "recusal")
    assert api.refused("POST", f"{V1}/violations/{case['violations'][0]['id']}/waive",
                       o.leader["token"], {"reason": "x"}) == (403, "recusal")
    assert case["id"] not in todo_ids(api, o.leader, "case")

    other = o.org.staff("leader", name="另一位领导")
    assert case["id"] in todo_ids(api, other, "case")
    api.ok("POST", f"{path}/decide", other["token"], {
        "severity": "light", "outcome": "criticism_education", "note": "初次，情节较轻"})
    [linked] = api.ok("GET", f"{V1}/cases?staff_id={o.leader['id']}",
                      other["token"])["items"]
    assert (linked["kind"], linked["status"]) == ("leader_responsibility", "dismissed")
