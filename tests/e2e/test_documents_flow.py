"""Documents across processes: due dates on the test clock, work routed to the acting B."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office, unique
from tests.helpers import wait_until


def test_an_absent_assignees_document_is_a_pending_item_the_acting_b_completes(api):
    day = datetime(2026, 12, 7, 9, 0, tzinfo=OFFICE_TZ)  # a Monday
    o = Office.on(api, day, a="张三", b="李四")
    post = o.new_post(o.a, [o.b], "收文办理岗")
    document = o.document(day, o.a, title="关于核定编制的函", from_unit="省卫健委", kind="函")
    assert document["due_date"] == "2026-12-21"

    o.away(o.a, day + timedelta(minutes=5), hours=3, reason="参加培训")
    o.set_now(day + timedelta(minutes=6))

    path = f"{V1}/documents/{document['id']}"
    wait_until(lambda: api.ok("GET", path, o.a["token"])["acting_id"] == o.b["id"], timeout=15,
               message="the document goes to B")

    def pending():
        handovers = api.ok("GET", f"{V1}/posts/{post['id']}/handovers", o.a["token"])["items"]
        return handovers and handovers[0]["pending_items"]
    items = wait_until(pending, timeout=10, message="the handover lists the document")
    assert [(i["kind"], i["id"], i["title"]) for i in items] == [
        ("document", document["id"], "关于核定编制的函")]

    done = api.ok("POST", f"{path}/complete", o.b["token"], {"result": "已函复"})
    assert (done["status"], done["completed_by"], done["assignee_id"]) == (
        "completed", o.b["id"], o.a["id"])


def test_a_document_turns_red_on_the_test_clock_and_lists_as_overdue(api):
    day = datetime(2026, 12, 14, 9, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, day, a="张三")
    document = o.document(day, o.a, due_date="2026-12-15", title="紧急通知",
                          from_unit="省政府办公厅", kind="通知", urgent=True)
    o.set_now(day + timedelta(days=2))
    overdue = api.ok("GET", f"{V1}/documents?overdue=true&assignee_id={o.a['id']}",
                     o.a["token"])
    assert [(d["id"], d["signal"]) for d in overdue["items"]] == [(document["id"], "red")]


def todo(api, person):
    return api.ok("GET", f"{V1}/me/todo", person["token"])["items"]


def test_a_document_received_on_friday_turns_yellow_once_monday_went_by_unassigned(api):
    friday = datetime(2026, 12, 4, 15, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, friday)
    document = o.document(friday, by=o.head, title="关于某中心更名的请示", from_unit="省某厅")

    def signal():
        return [i.get("signal") for i in todo(api, o.head) if i["id"] == document["id"]]
    o.set_now(datetime(2026, 12, 7, 17, 0, tzinfo=OFFICE_TZ))  # Monday: the weekend waits
    wait_until(lambda: signal() == ["green"], timeout=15, message="green on Monday")
    o.set_now(datetime(2026, 12, 8, 8, 30, tzinfo=OFFICE_TZ))
    wait_until(lambda: signal() == ["yellow"], timeout=15, message="yellow on Tuesday")


def test_the_drafter_is_told_when_a_leader_signs_and_the_draft_waits_until_printed(api):
    day = datetime(2026, 12, 9, 10, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, day, a="张三")
    draft = api.ok("POST", f"{V1}/documents/outgoing", o.a["token"],
                   {"title": "关于印发方案的通知", "series": unique("编发")})
    path = f"{V1}/documents/outgoing/{draft['id']}"

    def waiting():
        return [i["id"] for i in todo(api, o.a) if i["kind"] == "number_print"]
    api.ok("POST", f"{path}/sign", o.leader["token"])
    assert waiting() == [draft["id"]]
    told = wait_until(lambda: [n for n in api.ok("GET", f"{V1}/me/notifications", o.a["token"])
                               ["items"] if n["kind"] == "number_print"], timeout=15,
                      message="the drafter is told")
    assert [n["link"] for n in told] == [f"/documents/outgoing/{draft['id']}"]
    api.ok("POST", f"{path}/number", o.head["token"])
    assert waiting() == [draft["id"]]  # numbered, not yet printed
    api.ok("POST", f"{path}/print", o.a["token"])
    assert waiting() == []
