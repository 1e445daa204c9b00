"""Documents across processes: due dates on the test clock, work routed to the acting B."""

from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.helpers import set_clock, wait_until
from tests.integration.api import Organisation

V1 = "/api/v1"


def test_an_absent_assignees_document_is_a_pending_item_the_acting_b_completes(api):
    admin = api.login("admin", "admin")
    day = datetime(2026, 12, 7, 9, 0, tzinfo=OFFICE_TZ)  # a Monday
    set_clock(api, admin, day)
    org = Organisation(api, admin)
    division, _, head = org.division()
    a, b = (org.staff(division_id=division["id"], name=n) for n in ("张三", "李四"))
    post = org.post(division, a, [b], "收文办理岗")
    document = api.ok("POST", f"{V1}/documents", a["token"], {
        "title": "关于核定编制的函", "from_unit": "省卫健委", "received_at": day.isoformat(),
        "urgent": False, "kind": "函"})
    document = api.ok("POST", f"{V1}/documents/{document['id']}/assign", head["token"],
                      {"assignee_id": a["id"]})
    assert document["due_date"] == "2026-12-21"

    notice = api.ok("POST", f"{V1}/leave-notices", a["token"], {
        "start_at": (day + timedelta(minutes=5)).isoformat(),
        "expected_return_at": (day + timedelta(hours=3)).isoformat(),
        "reason": "参加培训", "kind": "business", "contact": "13800000000"})
    api.ok("POST", f"{V1}/leave-notices/{notice['id']}/approve", head["token"])
    set_clock(api, admin, day + timedelta(minutes=6))

    path = f"{V1}/documents/{document['id']}"
    wait_until(lambda: api.ok("GET", path, a["token"])["acting_id"] == b["id"], timeout=15,
               message="the document goes to B")

    def pending():
        handovers = api.ok("GET", f"{V1}/posts/{post['id']}/handovers", a["token"])["items"]
        return handovers and handovers[0]["pending_items"]
    items = wait_until(pending, timeout=10, message="the handover lists the document")
    assert [(i["kind"], i["id"], i["title"]) for i in items] == [
        ("document", document["id"], "关于核定编制的函")]

    done = api.ok("POST", f"{path}/complete", b["token"], {"result": "已函复"})
    assert (done["status"], done["completed_by"], done["assignee_id"]) == (
        "completed", b["id"], a["id"])


def test_a_document_turns_red_on_the_test_clock_and_lists_as_overdue(api):
    admin = api.login("admin", "admin")
    day = datetime(2026, 12, 14, 9, 0, tzinfo=OFFICE_TZ)
    set_clock(api, admin, day)
    org = Organisation(api, admin)
    division, _, head = org.division()
    a = org.staff(division_id=division["id"])
    document = api.ok("POST", f"{V1}/documents", a["token"], {
        "title": "紧急通知", "from_unit": "省政府办公厅", "received_at": day.isoformat(),
        "urgent": True, "kind": "通知"})
    api.ok("POST", f"{V1}/documents/{document['id']}/assign", head["token"],
           {"assignee_id": a["id"], "due_date": "2026-12-15"})
    set_clock(api, admin, day + timedelta(days=2))
    overdue = api.ok("GET", f"{V1}/documents?overdue=true&assignee_id={a['id']}", a["token"])
    assert [(d["id"], d["signal"]) for d in overdue["items"]] == [(document["id"], "red")]
