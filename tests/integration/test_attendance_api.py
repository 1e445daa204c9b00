"""Attendance with posts behind the gateway: notices, approvals, handovers, the board."""

from datetime import datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from services.attendance.service import AttendanceService
from services.posts.service import PostsService
from tests.api import V1, Office, error, notice_body
from tests.helpers import scans_ran, wait_until

MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=OFFICE_TZ)  # a Thursday


def iso(moment):
    return moment.isoformat()


@pytest.fixture
def office(behind_gateway, set_now):
    """A division (head, leader) and post P held by A with backups B1, B2; 09:00 today."""
    set_now(MORNING)
    api, config = behind_gateway(PostsService, AttendanceService, XIAONENG_SCAN_INTERVAL="0.5")
    o = Office(api, config=config, set_now=set_now, a="张三", b1="李四", b2="王五")
    o.post = o.new_post(o.a, [o.b1, o.b2], "审核岗")
    return o


def notice(o, person, start, **body):
    """The response to ``person`` filing a notice (see ``notice_body``)."""
    return o.api.request("POST", f"{V1}/leave-notices", person["token"],
                         notice_body(start, **body))


def approved_notice(o, person, approver, start, **kw):
    filed = notice(o, person, start, **kw)
    assert filed.status_code == 201, filed.text
    return o.api.ok("POST", f"{V1}/leave-notices/{filed.json()['id']}/approve", approver["token"])


def board(o):
    return o.api.ok("GET", f"{V1}/public/notice-board?division_id={o.division['id']}")["items"]


def events(o, type_):
    return o.raised("attendance", type_)


def test_an_approved_notice_hands_the_post_to_the_first_backup_and_the_board_shows_it(office):
    o = office
    filed = notice(o, o.a, MORNING + timedelta(hours=1), kind="personal", reason="看病")
    assert filed.status_code == 201
    assert (filed.json()["status"], filed.json()["approver_id"]) == ("pending", o.head["id"])
    o.api.ok("POST", f"{V1}/leave-notices/{filed.json()['id']}/approve", o.head["token"])
    assert board(o) == []  # not started yet

    o.set_now(MORNING + timedelta(hours=1, seconds=1))
    rows = wait_until(lambda: [r for r in board(o) if r["covered_by"]], timeout=10)
    assert [(r["name"], r["post_title"], r["reason"], r["covered_by"], r["covered_by_id"])
            for r in rows] == [("张三", "审核岗", "因私", "李四", o.b1["id"])]
    assert rows[0]["contact"] == "0571-87000000"
    post = o.api.ok("GET", f"{V1}/posts/{o.post['id']}", o.a["token"])
    assert (post["state"], post["acting_id"]) == ("covered", o.b1["id"])

    back = o.api.ok("POST", f"{V1}/leave-notices/{filed.json()['id']}/return", o.a["token"])
    assert back["status"] == "returned" and back["late"] is False
    wait_until(lambda: o.api.ok("GET", f"{V1}/posts/{o.post['id']}", o.a["token"])["state"]
               == "normal")
    wait_until(lambda: board(o) == [])


def test_a_division_heads_notice_is_approved_by_the_supervising_leader(office):
    o = office
    filed = notice(o, o.head, MORNING + timedelta(hours=1)).json()
    assert filed["approver_id"] == o.leader["id"]
    refused = o.api.request("POST", f"{V1}/leave-notices/{filed['id']}/approve", o.head["token"])
    assert error(refused) == (403, "not_approver")
    approved = o.api.ok("POST", f"{V1}/leave-notices/{filed['id']}/approve", o.leader["token"])
    assert approved["status"] == "approved"


def test_short_notices_are_recorded_and_long_ones_need_a_leave_request(office):
    o = office
    short = notice(o, o.b1, MORNING + timedelta(hours=3), hours=0.5)
    assert short.status_code == 201 and short.json()["status"] == "recorded"
    long = notice(o, o.a, MORNING, hours=20)
    assert error(long) == (422, "use_leave_request")


def test_a_leave_request_goes_through_the_same_approval_chain(office):
    o = office
    body = {"start_date": "2026-11-30", "end_date": "2026-12-01", "reason": "探亲",
            "contact": "13900000000"}
    for note in (None, "  "):
        refused = o.api.request("POST", f"{V1}/leave-requests", o.a["token"],
                                {**body, "handover_note": note})
        assert error(refused) == (
            422, "handover_note_required")
    leave = o.api.ok("POST", f"{V1}/leave-requests", o.a["token"], {
        **body, "handover_note": "在办：某局编制调整请示（12月3日到期）；待办：月报"})
    assert (leave["status"], leave["approver_id"], leave["type"]) == (
        "pending", o.head["id"], "leave")
    assert leave["expected_return_at"] == "2026-12-02T08:30:00+08:00"
    o.api.ok("POST", f"{V1}/leave-requests/{leave['id']}/approve", o.head["token"])
    listed = o.api.ok("GET", f"{V1}/leave-requests?status=approved&staff_id={o.a['id']}",
                      o.head["token"])
    assert [item["id"] for item in listed["items"]] == [leave["id"]]
    # a leave request is not a notice
    assert o.api.request("GET", f"{V1}/leave-notices/{leave['id']}",
                         o.a["token"]).status_code == 404


def test_bad_requests_about_notices_are_refused_and_change_nothing(office):
    o = office
    start = MORNING + timedelta(hours=1)
    backwards = o.api.request("POST", f"{V1}/leave-notices", o.a["token"], {
        "start_at": iso(start), "expected_return_at": iso(start - timedelta(hours=1)),
        "reason": "x", "kind": "business", "contact": "1"})
    assert backwards.json()["error"]["code"] == "return_before_start"
    first = approved_notice(o, o.a, o.head, start)
    overlapping = notice(o, o.a, start + timedelta(minutes=30))
    assert error(overlapping) == (
        409, "overlapping_absence")
    again = o.api.request("POST", f"{V1}/leave-notices/{first['id']}/approve", o.head["token"])
    assert error(again) == (409, "already_decided")
    self_dated = o.api.request("POST", f"{V1}/leave-notices/{first['id']}/return",
                               o.a["token"], {"returned_at": iso(MORNING)})
    assert error(self_dated) == (422, "returned_at_not_allowed")  # the report is the return
    someone_else = o.api.request("POST", f"{V1}/leave-notices/{first['id']}/return",
                                 o.b1["token"])
    assert someone_else.status_code == 403

    other = notice(o, o.b1, MORNING + timedelta(hours=5)).json()
    wrong = o.api.request("POST", f"{V1}/leave-notices/{other['id']}/approve", o.leader["token"])
    assert wrong.status_code == 403
    no_note = o.api.request("POST", f"{V1}/leave-notices/{other['id']}/reject", o.head["token"])
    assert no_note.json()["error"]["code"] == "note_required"
    o.api.ok("POST", f"{V1}/leave-notices/{other['id']}/reject", o.head["token"],
             {"note": "人手不足"})
    on_rejected = o.api.request("POST", f"{V1}/leave-notices/{other['id']}/return",
                                o.b1["token"])
    assert error(on_rejected) == (409, "not_away")
    assert o.api.request("POST", f"{V1}/leave-notices/nope/approve",
                         o.head["token"]).status_code == 404
    assert o.api.request("POST", f"{V1}/leave-notices", o.leader["token"],
                         {}).status_code == 403  # wrong role before anything else
    statuses = {n["id"]: n["status"] for n in o.api.ok(
        "GET", f"{V1}/leave-notices", o.head["token"])["items"]}
    assert statuses == {first["id"]: "approved", other["id"]: "rejected"}


def test_a_person_finds_their_absence_under_way_until_they_report_back(office):
    """What 我的待办 opens with: the caller's own absence, started and not reported back."""
    o = office
    start = MORNING + timedelta(hours=1)
    now = approved_notice(o, o.a, o.head, start, hours=1)
    later = approved_notice(o, o.a, o.head, start + timedelta(hours=3), hours=1)

    def listed(away):
        return [n["id"] for n in o.api.ok(
            "GET", f"{V1}/leave-notices?staff_id={o.a['id']}&away={away}", o.a["token"])["items"]]
    assert listed("true") == []  # approved is not yet away
    o.set_now(start + timedelta(seconds=1))
    assert wait_until(lambda: listed("true"), timeout=10) == [now["id"]]
    assert listed("false") == [later["id"]]
    back = o.api.ok("POST", f"{V1}/leave-notices/{now['id']}/return", o.a["token"])
    assert back["status"] == "returned"
    assert (listed("true"), sorted(listed("false"))) == ([], sorted([now["id"], later["id"]]))
    bad = o.api.request("GET", f"{V1}/leave-notices?away=soon", o.a["token"])
    assert error(bad) == (422, "validation_error")


def test_a_late_return_is_raised_once_and_the_return_records_how_late(office):
    o = office
    start = MORNING + timedelta(minutes=5)
    first = approved_notice(o, o.a, o.head, start, hours=1)
    o.set_now(start + timedelta(hours=1, minutes=16))
    wait_until(lambda: len(events(o, "late_return")) == 1, timeout=10)
    o.set_now(start + timedelta(hours=1, minutes=40))
    scans_ran("scan")  # still away 25 minutes later: no second report
    assert len(events(o, "late_return")) == 1
    back = o.api.ok("POST", f"{V1}/leave-notices/{first['id']}/return", o.a["token"])
    assert (back["late"], back["late_minutes"]) == (True, 40)
    assert len(events(o, "late_return")) == 1


def test_heads_report_unauthorised_absences_of_their_own_staff_only(office):
    o = office
    report = o.api.ok("POST", f"{V1}/absence-reports", o.head["token"], {
        "staff_id": o.a["id"], "observed_at": iso(MORNING), "note": "未履行离岗告示手续"})
    assert (report["staff_id"], report["approver_id"]) == (o.a["id"], o.head["id"])
    other_division, _, other_head = o.org.division()
    refused = o.api.request("POST", f"{V1}/absence-reports", other_head["token"], {
        "staff_id": o.a["id"], "observed_at": iso(MORNING), "note": "x"})
    assert refused.status_code == 403
    unknown = o.api.request("POST", f"{V1}/absence-reports", o.leader["token"], {
        "staff_id": "ghost", "observed_at": iso(MORNING), "note": "x"})
    assert unknown.status_code == 404
    assert len(events(o, "unauthorised_absence")) == 1


def test_the_handover_note_reaches_the_b_and_the_approver_acknowledges_the_return(office):
    o = office
    note = "在办：某局编制调整请示，材料在柜中；待办：12月统计月报"
    leave = o.api.ok("POST", f"{V1}/leave-requests", o.a["token"], {
        "start_date": "2026-11-30", "end_date": "2026-11-30", "reason": "参加培训",
        "contact": "13900000000", "handover_note": note})
    o.api.ok("POST", f"{V1}/leave-requests/{leave['id']}/approve", o.head["token"])
    o.set_now(datetime(2026, 11, 30, 8, 40, tzinfo=OFFICE_TZ))
    [handover] = wait_until(lambda: o.api.ok("GET", f"{V1}/handovers?active=true",
                                             o.b1["token"])["items"], timeout=10)
    assert (handover["to_id"], handover["note"]) == (o.b1["id"], note)

    path = f"{V1}/leave-requests/{leave['id']}"
    early = o.api.request("POST", f"{path}/acknowledge", o.head["token"])
    assert error(early) == (409, "not_returned")
    o.set_now(datetime(2026, 12, 1, 8, 20, tzinfo=OFFICE_TZ))
    o.api.ok("POST", f"{path}/return", o.a["token"])

    def waiting():
        return o.api.ok("GET", f"{V1}/leave-requests?approver_id={o.head['id']}"
                               f"&acknowledged=false", o.head["token"])["items"]
    assert [item["id"] for item in waiting()] == [leave["id"]]
    refused = o.api.request("POST", f"{path}/acknowledge", o.leader["token"])
    assert error(refused) == (403, "not_approver")
    done = o.api.ok("POST", f"{path}/acknowledge", o.head["token"])
    assert done["return_acknowledged_at"] is not None
    assert waiting() == []
    again = o.api.request("POST", f"{path}/acknowledge", o.head["token"])
    assert error(again) == (409, "already_acknowledged")
    wrong_kind = o.api.request("POST", f"{V1}/leave-notices/{leave['id']}/acknowledge",
                               o.head["token"])
    assert wrong_kind.status_code == 404
