"""Documents across processes: due dates on the test clock, work routed to the acting B."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
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
