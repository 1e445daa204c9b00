"""离岗告示制 across processes (issue 31): a leave request's kind on the lobby board and a
contact on every notice (七.3); spot checks (在岗检查, 七.6) that hold whoever is away
without an allowed absence to account, and refuse what is not theirs to record."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office, leave_body, notice_body
from tests.helpers import wait_until

MONDAY = datetime(2027, 1, 4, 9, 0, tzinfo=OFFICE_TZ)


def board(api, o):
    return api.ok("GET", f"{V1}/public/notice-board?division_id={o.division['id']}")["items"]


def mine(api, person, path):
    return api.ok("GET", f"{V1}/{path}?staff_id={person['id']}", person["token"])["total"]


def checks(api, o, token=None):
    return api.ok("GET", f"{V1}/duty-checks?division_id={o.division['id']}",
                  token or o.head["token"])


def unauthorised(api, o, person):
    return [v for v in api.ok("GET", f"{V1}/violations?staff_id={person['id']}",
                              o.leader["token"])["items"] if v["kind"] == "unauthorised_absence"]


def known_to_accountability(api, o, *people):
    """Accountability knows each person (a violation about someone it does not know would be
    parked): their appraisal answers."""
    for person in people:
        wait_until(lambda p=person: api.request(
            "GET", f"{V1}/appraisals/{p['id']}?year=2027", o.leader["token"]).status_code
            == 200, timeout=20, message="accountability knows everyone")


def test_the_board_names_a_trip_or_a_meeting_and_shows_any_other_leave_as_leave(api):
    o = Office.on(api, MONDAY, a="张三", b="李四", c="王五")
    kinds = {"a": "business_trip", "b": "meeting", "c": "sick_leave"}
    for person, kind in kinds.items():
        leave = api.ok("POST", f"{V1}/leave-requests", getattr(o, person)["token"],
                       leave_body(MONDAY.date(), kind=kind, reason="私人事由"))
        assert leave["kind"] == kind
        api.ok("POST", f"{V1}/leave-requests/{leave['id']}/approve", o.head["token"])
    rows = wait_until(lambda: len(board(api, o)) == 3 and board(api, o), timeout=15,
                      message="three away on the board")
    assert sorted((r["name"], r["reason"], r["contact"]) for r in rows) == [
        ("张三", "出差", "13900000000"), ("李四", "开会", "13900000000"),
        ("王五", "请假", "13900000000")]
    assert api.refused("POST", f"{V1}/leave-requests", o.a["token"], leave_body(
        MONDAY.date() + timedelta(days=7), kind="holiday")) == (422, "validation_error")
    assert mine(api, o.a, "leave-requests") == 1


def test_a_notice_or_leave_request_without_a_contact_is_refused_and_nothing_is_kept(api):
    o = Office.on(api, MONDAY + timedelta(days=1), a="张三")
    start = MONDAY + timedelta(days=1, hours=1)
    for contact in (None, "", "   "):
        notice, leave = notice_body(start), leave_body(start.date() + timedelta(days=1))
        for body in (notice, leave):
            del body["contact"]
            if contact is not None:
                body["contact"] = contact
        assert api.refused("POST", f"{V1}/leave-notices", o.a["token"], notice) == (
            422, "contact_required")
        assert api.refused("POST", f"{V1}/leave-requests", o.a["token"], leave) == (
            422, "contact_required")
    assert (mine(api, o.a, "leave-notices"), mine(api, o.a, "leave-requests")) == (0, 0)


def test_a_spot_check_holds_to_account_only_those_away_without_an_allowed_absence(api):
    day = MONDAY + timedelta(days=2, hours=1)  # Wednesday 10:00
    o = Office.on(api, day - timedelta(minutes=40), a="张三", b="李四", c="王五")
    known_to_accountability(api, o, o.a, o.b, o.c)
    on_leave = o.away(o.a, day - timedelta(minutes=30), hours=2, reason="到省政府开会")
    asked = o.notice(o.b, day - timedelta(minutes=20), hours=2)  # not yet approved
    o.set_now(day)
    late = o.notice(o.c, day - timedelta(minutes=15), hours=0.5)  # filed after the check
    checked_at = day - timedelta(minutes=5)
    found = api.ok("POST", f"{V1}/duty-checks", o.head["token"], {
        "division_id": o.division["id"], "checked_at": checked_at.isoformat(),
        "absent_ids": [o.a["id"], o.b["id"], o.c["id"]], "note": "上午在岗检查"})
    assert (asked["status"], late["status"]) == ("pending", "recorded")
    assert (found["division_id"], found["checked_by"], found["note"], found["actions"]) == (
        o.division["id"], o.head["id"], "上午在岗检查", [])
    assert [(p["staff_id"], p["excused"], p["absence_id"]) for p in found["absent"]] == [
        (o.a["id"], True, on_leave["id"]), (o.b["id"], False, None), (o.c["id"], False, None)]

    for person in (o.b, o.c):
        [violation] = wait_until(lambda p=person: unauthorised(api, o, p), timeout=20,
                                 message="the unexcused held to account")
        assert (violation["source"], violation["details"]["duty_check_id"]) == (
            "duty_check", found["id"])
    assert unauthorised(api, o, o.a) == []
    everyone_in = api.ok("POST", f"{V1}/duty-checks", o.leader["token"], {
        "division_id": o.division["id"], "checked_at": day.isoformat(), "absent_ids": []})
    assert everyone_in["absent"] == []

    listed = checks(api, o)
    assert (listed["total"], [c["id"] for c in listed["items"]]) == (
        2, [everyone_in["id"], found["id"]])  # newest first
    for reader in (o.leader["token"], o.admin):
        assert checks(api, o, reader)["total"] == 2
    assert api.ok("GET", f"{V1}/duty-checks?division_id={o.division['id']}&limit=1",
                  o.head["token"])["total"] == 2
    assert [c["id"] for c in api.ok("GET", f"{V1}/duty-checks", o.leader["token"])[
        "items"]] == [everyone_in["id"], found["id"]]  # the leader's divisions


def test_a_spot_check_not_ours_to_record_is_refused_and_changes_nothing(api):
    day = MONDAY + timedelta(days=3, hours=1)  # Thursday 10:00
    o = Office.on(api, day, a="张三", c="王五")
    known_to_accountability(api, o, o.a)
    other, other_leader, other_head = o.org.division()
    stranger = o.org.staff(division_id=other["id"])

    def check(token, absent_ids=(), division_id=None, at=day - timedelta(minutes=5)):
        return api.refused("POST", f"{V1}/duty-checks", token, {
            "division_id": division_id or o.division["id"], "checked_at": at.isoformat(),
            "absent_ids": list(absent_ids)})
    a = o.a["id"]
    assert check(o.c["token"], [a]) == (403, "not_your_division")
    assert check(other_head["token"], [a]) == (403, "not_your_division")
    assert check(other_leader["token"], [a]) == (403, "not_your_division")
    assert check(o.head["token"], [a, stranger["id"]]) == (422, "not_in_division")
    assert check(o.head["token"], [a, a]) == (422, "duplicate_absentee")
    assert check(o.head["token"], [o.head["id"]]) == (403, "recusal")
    assert check(o.head["token"], [a], at=day + timedelta(hours=2)) == (
        422, "checked_at_in_future")
    assert check(o.head["token"], [a], at=day - timedelta(days=1)) == (
        422, "checked_at_not_today")
    assert check(o.head["token"], [a], division_id="no-such-division") == (
        404, "division_not_found")
    for reader in (o.c, other_head, other_leader):
        assert api.refused("GET", f"{V1}/duty-checks?division_id={o.division['id']}",
                           reader["token"]) == (403, "not_your_division")
    assert api.refused("GET", f"{V1}/duty-checks", o.c["token"]) == (403, "not_your_division")
    assert checks(api, o)["total"] == 0

    recorded = api.ok("POST", f"{V1}/duty-checks", o.admin, {
        "division_id": o.division["id"], "checked_at": day.isoformat(), "absent_ids": [a]})
    [violation] = wait_until(lambda: unauthorised(api, o, o.a), timeout=20)
    assert violation["details"]["duty_check_id"] == recorded["id"]  # none of the refused


def test_while_the_head_is_away_the_b_acting_for_them_makes_the_checks(api):
    day = MONDAY + timedelta(days=4)  # Friday 09:00
    o = Office.on(api, day, a="张三", b="李四")
    o.new_post(o.head, [o.b], "处长岗")
    o.away(o.head, day + timedelta(minutes=5), hours=7, reason="到省政府开会")
    o.set_now(day + timedelta(minutes=10))
    wait_until(lambda: api.request("GET", f"{V1}/duty-checks?division_id="
                                   f"{o.division['id']}", o.b["token"]).status_code == 200,
               timeout=20, message="attendance knows the acting head")
    body = {"division_id": o.division["id"], "absent_ids": [o.a["id"]],
            "checked_at": (day + timedelta(minutes=9)).isoformat()}
    assert api.refused("POST", f"{V1}/duty-checks", o.head["token"], body) == (
        403, "not_your_division")
    found = api.ok("POST", f"{V1}/duty-checks", o.b["token"], body)
    assert (found["checked_by"], found["checked_for"]) == (o.b["id"], o.head["id"])
