"""统计分析 across processes (issue 33): a known month and a half of a division's work —
documents on time, late and overdue, a notice returned late, a leave request, an
unauthorised absence, inquiries with a lapse, applications, complaints by category with one
substantiated, violations (one waived) and the cases they make — built through the API and
read back exactly, in total, by month, by division and for one day; bad periods and readers
refused."""

from datetime import date, datetime, timedelta

import pytest

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office, leave_body
from tests.helpers import wait_until

TUESDAY = datetime(2026, 3, 10, 9, 0, tzinfo=OFFICE_TZ)
PERIOD = "from=2026-03-01&to=2026-04-30"
COUNTS = {"documents": ("assigned", "completed_on_time", "completed_late", "overdue_open"),
          "absences": ("notices", "leave_requests", "late_returns", "unauthorised"),
          "inquiries": ("recorded", "lapsed"),
          "applications": ("accepted", "completed_on_time", "completed_late", "overdue_open"),
          "complaints": ("received", "substantiated"), "violations": (), "cases": ()}


def counts(**given):
    """Every plain count (0 unless given) and the breakdowns' given entries."""
    return {section: {**dict.fromkeys(names, 0), **given.get(section, {})}
            for section, names in COUNTS.items()}


MARCH = counts(
    documents={"assigned": 3, "completed_on_time": 1, "completed_late": 1, "overdue_open": 1},
    absences={"notices": 1, "leave_requests": 1, "late_returns": 1, "unauthorised": 1},
    inquiries={"recorded": 2, "lapsed": 1},
    applications={"accepted": 2, "completed_on_time": 1, "overdue_open": 1},
    complaints={"received": 3, "substantiated": 1, "attitude": 2, "shirking": 1},
    violations={"overdue": 3, "late_return": 1, "unauthorised_absence": 1, "complaint": 1,
                "first_inquiry_lapsed": 1},  # not the duty failure: waived
    cases={"serious": 1, "light": 2})  # A's; B's and the head's (linked to A's)
APRIL = counts(documents={"assigned": 1, "completed_on_time": 1})


def summary(found):
    """An answer's counts as :func:`counts` writes them: breakdowns' entries where not 0."""
    flat = {}
    for section in COUNTS:
        flat[section] = {k: v for k, v in found[section].items() if not isinstance(v, dict)}
        for breakdown in (v for v in found[section].values() if isinstance(v, dict)):
            flat[section].update({k: n for k, n in breakdown.items() if n})
    return flat


def total(*months):
    return {section: {k: sum(m[section].get(k, 0) for m in months)
                      for k in {k for m in months for k in m[section]}} for section in COUNTS}


def overview(api, token, query=PERIOD):
    return api.ok("GET", f"{V1}/stats/overview?{query}", token)


def known_to_accountability(api, o, *people):
    """A violation about someone accountability does not know yet would be parked."""
    for person in people:
        wait_until(lambda p=person: api.request(
            "GET", f"{V1}/appraisals/{p['id']}?year=2026", o.leader["token"]).status_code
            == 200, timeout=20, message="accountability knows everyone")


def document(o, assignee, due_date, title):
    return o.document(o.now, assignee, due_date=due_date, title=title)


def complete(api, kind, record, person):
    api.ok("POST", f"{V1}/{kind}/{record['id']}/complete", person["token"], {"result": "已办结"})


def move(o, moment):
    o.now = moment
    o.set_now(moment)


def the_first_day(api, o):
    """Tuesday 10 March: three documents, two applications, two inquiries, three
    complaints, a notice, a leave request for tomorrow, an unauthorised absence and a duty
    failure (waived later)."""
    o.docs = [document(o, o.a, "2026-03-12", "关于编制核定的请示"),
              document(o, o.a, "2026-03-11", "关于机构设置的请示"),
              document(o, o.b, "2026-03-12", "关于职能调整的函")]
    matter = api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "事业单位登记", "basis": "《事业单位登记管理暂行条例》", "time_limit_days": 1,
        "procedure": "受理、审核", "division_id": o.division["id"],
        "materials": [{"code": "A", "name": "登记申请书", "required": True}]})
    o.apps = [api.ok("POST", f"{V1}/applications", o.a["token"], {
        "matter_id": matter["id"], "applicant": applicant, "contact": "0571",
        "materials": [{"code": "A", "ok": True}]}) for applicant in ("省某中心", "省某所")]
    inquiries = [api.ok("POST", f"{V1}/inquiries", o.a["token"], {
        "visitor_name": "孙女士", "contact": "136", "question": q}) for q in ("备案", "登记")]
    api.ok("POST", f"{V1}/inquiries/{inquiries[0]['id']}/handle", o.a["token"],
           {"answer": "当场答复"})
    filed = [api.ok("POST", f"{V1}/public/complaints", json={
        "category": category, "description": "投诉", **target}) for category, target in (
        ("attitude", {"staff_id": o.a["id"]}), ("shirking", {"division_id": o.division["id"]}),
        ("attitude", {"division_id": o.division["id"]}))]
    for complaint, finding in zip(filed, ({"finding": "substantiated", "staff_id": o.a["id"]},
                                          {"finding": "unsubstantiated"}), strict=False):
        api.ok("POST", f"{V1}/complaints/{complaint['id']}/investigate", o.head["token"])
        api.ok("POST", f"{V1}/complaints/{complaint['id']}/conclude", o.head["token"],
               {**finding, "reply": "已核查"})
    o.notice = o.away(o.a, TUESDAY + timedelta(minutes=5), hours=1, reason="开会")
    o.leave = api.ok("POST", f"{V1}/leave-requests", o.b["token"], leave_body(
        date(2026, 3, 11), kind="annual_leave"))
    api.ok("POST", f"{V1}/leave-requests/{o.leave['id']}/approve", o.head["token"])
    api.ok("POST", f"{V1}/absence-reports", o.head["token"], {
        "staff_id": o.b["id"], "observed_at": TUESDAY.isoformat(), "note": "未履行离岗告示手续"})
    return api.ok("POST", f"{V1}/violations", o.head["token"], {
        "staff_id": o.b["id"], "nature": "non_performance", "occurred_at": TUESDAY.isoformat(),
        "description": "未按要求报送材料"})


def violations_of(api, o, person, kind):
    return [v for v in api.ok("GET", f"{V1}/violations?staff_id={person['id']}",
                              o.leader["token"])["items"] if v["kind"] == kind]


@pytest.fixture(scope="module")
def office(api):
    """The division's known facts, and another division with one document of its own."""
    o = Office.on(api, TUESDAY, a="张三", b="李四")
    o.other = Office(api, o.admin, c="王五")
    move(o, TUESDAY)
    known_to_accountability(api, o, o.a, o.b, o.head, o.other.c)
    o.other.document(TUESDAY, o.other.c, due_date="2026-04-30")
    duty_failure = the_first_day(api, o)
    move(o, TUESDAY + timedelta(minutes=6))  # the notice begins
    wait_until(lambda: api.ok("GET", f"{V1}/public/notice-board")["total"] >= 1, timeout=15)
    move(o, TUESDAY + timedelta(hours=1, minutes=25))  # 20 minutes late: past the grace
    wait_until(lambda: violations_of(api, o, o.a, "late_return"), timeout=15)
    api.ok("POST", f"{V1}/leave-notices/{o.notice['id']}/return", o.a["token"])
    api.ok("POST", f"{V1}/violations/{duty_failure['id']}/waive", o.leader["token"],
           {"reason": "材料已补报，情有可原"})

    move(o, TUESDAY + timedelta(days=1))  # Wednesday: B on leave; on time, both
    complete(api, "documents", o.docs[0], o.a)
    complete(api, "applications", o.apps[0], o.a)
    move(o, TUESDAY + timedelta(days=1, hours=8))
    api.ok("POST", f"{V1}/leave-requests/{o.leave['id']}/return", o.b["token"])

    move(o, TUESDAY + timedelta(days=3))  # Friday: two documents overdue, one done late
    wait_until(lambda: overview(api, o.head["token"])["documents"]["overdue_open"] == 2,
               timeout=20, message="two documents overdue")
    complete(api, "documents", o.docs[1], o.a)
    # every March fact counted before the clock leaves March: a scan that found the overdue
    # application or the lapse only after the jump would date its violation (and the case
    # it opens) in April
    wait_until(lambda: summary(overview(api, o.head["token"])) == MARCH,
               timeout=30, message="every March fact counted")

    move(o, datetime(2026, 4, 7, 9, 0, tzinfo=OFFICE_TZ))  # April: one more, done at once
    complete(api, "documents", document(o, o.a, "2026-04-09", "关于编制使用的请示"), o.a)
    wait_until(lambda: summary(overview(api, o.head["token"])) == total(MARCH, APRIL),
               timeout=30, message="every fact counted")
    return o


def test_a_head_reads_the_divisions_figures_exactly_in_total_and_by_month(api, office):
    o = office
    found = overview(api, o.head["token"])
    assert (found["from"], found["to"]) == ("2026-03-01", "2026-04-30")
    assert summary(found) == total(MARCH, APRIL)
    assert [(m["month"], summary(m)) for m in found["monthly"]] == [
        ("2026-03", MARCH), ("2026-04", APRIL)]
    assert [(d["division_id"], d["division_name"]) for d in found["by_division"]] == [
        (o.division["id"], o.division["name"])]
    assert overview(api, o.head["token"], "")["from"] == "2026-01-01"  # this year so far
    assert overview(api, o.head["token"], "")["documents"]["assigned"] == 4


def test_one_day_counts_only_what_happened_or_fell_due_that_day(api, office):
    found = overview(api, office.head["token"], "from=2026-03-11&to=2026-03-11")
    assert summary(found)["documents"] == {"assigned": 0, "completed_on_time": 1,
                                           "completed_late": 0, "overdue_open": 0}
    assert summary(found)["applications"] == {"accepted": 0, "completed_on_time": 1,
                                              "completed_late": 0, "overdue_open": 1}
    assert (found["absences"]["leave_requests"], found["absences"]["notices"],
            found["inquiries"]["lapsed"]) == (1, 0, 1)
    assert [m["month"] for m in found["monthly"]] == ["2026-03"]


def test_a_leader_reads_every_division_or_one(api, office):
    o = office
    found = overview(api, o.leader["token"])
    rows = {d["division_id"]: summary(d) for d in found["by_division"]}
    assert rows[o.division["id"]] == total(MARCH, APRIL)
    assert rows[o.other.division["id"]]["documents"] == {
        "assigned": 1, "completed_on_time": 0, "completed_late": 0, "overdue_open": 0}
    assert found["documents"]["assigned"] == 5  # both divisions'
    one = overview(api, o.admin, f"{PERIOD}&division_id={o.other.division['id']}")
    assert [d["division_id"] for d in one["by_division"]] == [o.other.division["id"]]
    assert one["documents"]["assigned"] == 1


def test_bad_periods_other_divisions_and_staff_are_refused(api, office):
    o, path = office, f"{V1}/stats/overview"
    assert api.refused("GET", f"{path}?from=2026-04-30&to=2026-03-01",
                       o.head["token"]) == (422, "invalid_period")
    assert api.refused("GET", f"{path}?from=2023-03-01&to=2026-03-01",
                       o.leader["token"]) == (422, "period_too_long")
    assert api.refused("GET", f"{path}?division_id={o.division['id']}",
                       o.other.head["token"]) == (403, "not_your_division")
    assert api.refused("GET", path, o.a["token"]) == (403, "not_allowed")
    assert api.refused("GET", f"{path}?division_id=no-such-division",
                       o.leader["token"]) == (404, "division_not_found")
