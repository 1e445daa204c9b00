"""Documents with posts behind the gateway: assignment, deadlines, handling, numbering."""

from datetime import datetime

import pytest

from chassis.clock import OFFICE_TZ, clock
from chassis.envelope import make_event
from services.documents.service import DocumentsService
from services.posts.service import PostsService
from tests.api import V1, Office, document_body, error
from tests.helpers import publish_event, scans_ran, wait_until

ASSIGNED_ON = datetime(2026, 9, 28, 10, 0, tzinfo=OFFICE_TZ)  # Monday before National Day


@pytest.fixture
def office(behind_gateway, set_now):
    set_now(ASSIGNED_ON)
    api, config = behind_gateway(PostsService, DocumentsService)
    return Office(api, config=config, set_now=set_now, a="张三", b="李四")


def register(o, urgent=False):
    return o.api.ok("POST", f"{V1}/documents", o.a["token"],
                    document_body(ASSIGNED_ON, urgent=urgent))


def assigned(o, **body):
    document = register(o)
    return o.api.ok("POST", f"{V1}/documents/{document['id']}/assign", o.head["token"],
                    {"assignee_id": o.a["id"], **body})


def events(o, type_):
    return o.raised("documents", type_)


def test_an_assignment_is_due_in_ten_working_days_across_national_day(office):
    o = office
    document = assigned(o)
    assert (document["status"], document["due_date"], document["signal"]) == (
        "assigned", "2026-10-16", "green")
    day = o.api.ok("GET", f"{V1}/calendar/working-days?from=2026-09-28&n=10", o.a["token"])
    assert day == {"date": "2026-10-16"}


def test_the_signal_goes_yellow_then_red_and_the_scan_reports_each_once(office):
    o = office
    document = assigned(o, due_date="2026-09-30")
    o.set_now(datetime(2026, 9, 29, 10, 0, tzinfo=OFFICE_TZ))
    assert o.api.ok("GET", f"{V1}/documents/{document['id']}", o.a["token"])["signal"] == "yellow"
    wait_until(lambda: len(events(o, "deadline_warning")) == 1, timeout=10)
    o.set_now(datetime(2026, 10, 8, 9, 0, tzinfo=OFFICE_TZ))
    wait_until(lambda: len(events(o, "overdue")) == 1, timeout=10)
    listed = o.api.ok("GET", f"{V1}/documents?overdue=true", o.a["token"])
    assert [(d["id"], d["signal"]) for d in listed["items"]] == [(document["id"], "red")]
    assert events(o, "overdue")[0]["days_late"] == 8
    scans_ran("scan_deadlines")  # a scan that saw the day reported nothing again
    assert len(events(o, "overdue")) == 1 and len(events(o, "deadline_warning")) == 1


def letter(o, document, kind):
    return o.api.request("GET", f"{V1}/documents/{document['id']}/{kind}-letter", o.a["token"])


def test_an_extension_the_head_approves_moves_the_due_date_and_writes_to_the_sender(office):
    o = office
    document = assigned(o)
    path = f"{V1}/documents/{document['id']}"
    assert letter(o, document, "extension").status_code == 404
    no_opinion = o.api.request("POST", f"{path}/extensions", o.a["token"],
                               {"new_due_date": "2026-10-23", "basis": "x"})
    assert error(no_opinion) == (422, "validation_error")
    asked = o.api.ok("POST", f"{path}/extensions", o.a["token"], {
        "new_due_date": "2026-10-23", "basis": "需征求财政厅意见",
        "opinion": "已函请财政厅于10月20日前反馈，收到后3个工作日内办结"}, status=(201,))
    assert (asked["status"], asked["new_due_date"], asked["actions"]) == (
        "requested", "2026-10-23", [])
    assert o.api.ok("GET", path, o.a["token"])["due_date"] == "2026-10-16"  # nothing moves yet
    assert letter(o, document, "extension").status_code == 404
    assert o.api.refused("POST", f"{path}/extensions", o.a["token"], {
        "new_due_date": "2026-10-30", "basis": "x", "opinion": "y"}) == (409, "extension_pending")
    assert o.api.refused("POST", f"{path}/extensions/{asked['id']}/approve", o.a["token"]) == (
        403, "not_division_head")
    assert o.api.ok("GET", path, o.head["token"])["extensions"][0]["actions"] == [
        "approve", "reject"]
    assert [(i["kind"], i["step"]) for i in todo(o, o.head) if i["id"] == document["id"]] == [
        ("document", "extension")]
    assert events(o, "extension_notified") == []

    approved = o.api.ok("POST", f"{path}/extensions/{asked['id']}/approve", o.head["token"],
                        {"note": "同意"})
    assert (approved["status"], approved["decided_by"], approved["decided_for"]) == (
        "approved", o.head["id"], None)
    assert o.api.ok("GET", path, o.a["token"])["due_date"] == "2026-10-23"
    assert o.api.refused("POST", f"{path}/extensions/{asked['id']}/reject", o.head["token"],
                         {"note": "x"}) == (409, "extension_decided")
    [notice] = events(o, "extension_notified")
    assert (notice["old_due_date"], notice["new_due_date"], notice["from_unit"],
            notice["opinion"]) == ("2026-10-16", "2026-10-23", "省教育厅",
                                   "已函请财政厅于10月20日前反馈，收到后3个工作日内办结")
    page = letter(o, document, "extension")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    for text in ("延期办理告知函", "省教育厅", "《关于调整机构编制的请示》", "2026年9月28日",
                 "2026年10月16日", "2026年10月23日", "需征求财政厅意见", "已函请财政厅",
                 "省机构编制委员会办公室"):
        assert text in page.text, text
    earlier = o.api.request("POST", f"{V1}/documents/{document['id']}/extensions", o.a["token"],
                            {"new_due_date": "2026-10-20", "basis": "x", "opinion": "y"})
    assert earlier.json()["error"]["code"] == "extension_not_later"
    again = o.api.ok("POST", f"{path}/extensions", o.a["token"], {
        "new_due_date": "2026-10-30", "basis": "仍待财政厅意见", "opinion": "再延一周"},
        status=(201,))
    assert o.api.refused("POST", f"{path}/extensions/{again['id']}/reject", o.head["token"],
                         {"note": " "}) == (422, "note_required")
    rejected = o.api.ok("POST", f"{path}/extensions/{again['id']}/reject", o.head["token"],
                        {"note": "不得再延，请按期办结"})
    assert (rejected["status"], rejected["decision_note"]) == ("rejected", "不得再延，请按期办结")
    assert o.api.ok("GET", path, o.a["token"])["due_date"] == "2026-10-23"
    assert len(events(o, "extension_notified")) == 1
    o.set_now(datetime(2026, 10, 26, 9, 0, tzinfo=OFFICE_TZ))
    late = o.api.request("POST", f"{V1}/documents/{document['id']}/extensions", o.a["token"],
                         {"new_due_date": "2026-11-30", "basis": "x", "opinion": "y"})
    assert error(late) == (409, "too_late_to_extend")


def test_a_consultation_is_opened_and_answered_without_stopping_the_clock(office):
    o = office
    document = assigned(o)
    consultation = o.api.ok("POST", f"{V1}/documents/{document['id']}/consultations",
                            o.a["token"], {"with_unit": "省财政厅", "topic": "经费渠道"})
    o.api.ok("POST", f"{V1}/documents/{document['id']}/consultations/{consultation['id']}"
             "/reply", o.a["token"], {"reply": "同意"})
    detail = o.api.ok("GET", f"{V1}/documents/{document['id']}", o.a["token"])
    assert detail["consultations"][0]["reply"] == "同意"
    assert detail["due_date"] == "2026-10-16"


def test_a_document_outside_the_remit_goes_back_to_the_sender_once_the_head_agrees(office):
    o = office
    document = assigned(o)
    asked = o.api.ok("POST", f"{V1}/documents/{document['id']}/return", o.a["token"],
                     {"reason": "不属于本处职责"})
    assert asked["status"] == "return_requested"
    assert o.api.request("POST", f"{V1}/documents/{document['id']}/return/approve",
                         o.a["token"]).status_code == 403
    returned = o.api.ok("POST", f"{V1}/documents/{document['id']}/return/approve",
                        o.head["token"])
    assert returned["status"] == "returned"
    assert events(o, "document_returned")[0]["reason"] == "不属于本处职责"
    page = letter(o, document, "return")
    assert page.status_code == 200
    for text in ("退文说明", "省教育厅", "《关于调整机构编制的请示》", "不属于本处职责",
                 "2026年9月28日"):
        assert text in page.text, text
    assert letter(o, {"id": "ghost"}, "return").status_code == 404


def test_the_head_refuses_a_return_with_a_note_and_the_assignee_goes_on(office):
    o = office
    document = assigned(o)
    path = f"{V1}/documents/{document['id']}"
    o.api.ok("POST", f"{path}/return", o.a["token"], {"reason": "应由政策法规处办理"})
    assert [(i["kind"], i["step"]) for i in todo(o, o.head) if i["id"] == document["id"]] == [
        ("document", "return")]
    assert o.api.refused("POST", f"{path}/return/reject", o.head["token"], {}) == (
        422, "note_required")
    assert o.api.refused("POST", f"{path}/return/reject", o.a["token"], {"note": "x"}) == (
        403, "not_division_head")
    refused = o.api.ok("POST", f"{path}/return/reject", o.head["token"],
                       {"note": "属本处职责，请继续办理"})
    assert (refused["status"], refused["return_note"], refused["return_decided_by"]) == (
        "assigned", "属本处职责，请继续办理", o.head["id"])
    assert events(o, "document_returned") == []
    assert letter(o, document, "return").status_code == 404
    done = o.api.ok("POST", f"{path}/complete", o.a["token"], {"result": "已办结"})
    assert done["status"] == "completed"


def test_an_outgoing_document_is_found_at_the_documents_address_too(office):
    o = office
    draft = o.api.ok("POST", f"{V1}/documents/outgoing", o.a["token"],
                     {"title": "关于核定编制的批复", "series": "编发"})
    found = o.api.ok("GET", f"{V1}/documents/{draft['id']}", o.a["token"])
    assert (found["direction"], found["status"], found["title"]) == (
        "outgoing", "draft", "关于核定编制的批复")
    assert o.api.ok("GET", f"{V1}/documents/{assigned(o)['id']}",
                    o.a["token"])["direction"] == "incoming"
    missing = o.api.request("GET", f"{V1}/documents/ghost", o.a["token"])
    assert error(missing) == (404, "document_not_found")


def test_an_outgoing_document_is_read_at_its_own_address_by_anyone_signed_in(office):
    o = office
    draft = o.api.ok("POST", f"{V1}/documents/outgoing", o.a["token"],
                     {"title": "关于核定编制的批复", "series": "编发"})
    path = f"{V1}/documents/outgoing/{draft['id']}"
    for reader in (o.a, o.b, o.leader):
        assert o.api.ok("GET", path, reader["token"])["title"] == "关于核定编制的批复"
    assert o.api.refused("GET", path) == (401, "missing_token")
    assert o.api.refused("GET", f"{V1}/documents/outgoing/ghost", o.a["token"]) == (
        404, "outgoing_not_found")
    incoming = register(o)
    assert o.api.refused("GET", f"{V1}/documents/outgoing/{incoming['id']}",
                         o.a["token"]) == (404, "outgoing_not_found")


def test_bad_document_requests_are_refused_and_change_nothing(office):
    o = office
    document = register(o)
    path = f"{V1}/documents/{document['id']}"
    for body, code in [({"assignee_id": o.a["id"], "due_date": "2026-10-03"}, "not_a_working_day"),
                       ({"assignee_id": o.a["id"], "due_date": "2026-09-01"}, "due_date_in_past"),
                       ({"assignee_id": "ghost"}, "staff_not_found")]:
        response = o.api.request("POST", f"{path}/assign", o.head["token"], body)
        assert response.json()["error"]["code"] == code
    assert o.api.ok("GET", path, o.a["token"])["status"] == "received"
    urgent = register(o, urgent=True)
    response = o.api.request("POST", f"{V1}/documents/{urgent['id']}/assign", o.head["token"],
                             {"assignee_id": o.a["id"]})
    assert response.json()["error"]["code"] == "urgent_needs_due_date"

    o.api.ok("POST", f"{path}/assign", o.head["token"], {"assignee_id": o.a["id"]})
    again = o.api.request("POST", f"{path}/assign", o.head["token"], {"assignee_id": o.b["id"]})
    assert error(again) == (409, "already_assigned")
    foreign = o.api.request("POST", f"{path}/complete", o.b["token"], {"result": "办结"})
    assert error(foreign) == (403, "not_your_document")
    done = o.api.ok("POST", f"{path}/complete", o.a["token"], {"result": "已办结"})
    assert done["status"] == "completed" and done["completed_by"] == o.a["id"]
    twice = o.api.request("POST", f"{path}/complete", o.a["token"], {"result": "再办"})
    assert twice.status_code == 409


def test_an_outgoing_document_is_signed_numbered_and_printed_in_order(office):
    o = office
    draft = o.api.ok("POST", f"{V1}/documents/outgoing", o.a["token"],
                     {"title": "关于印发方案的通知", "series": "编发"})
    unsigned = o.api.request("POST", f"{V1}/documents/outgoing/{draft['id']}/number",
                             o.a["token"])
    assert error(unsigned) == (409, "not_signed")
    assert o.api.request("POST", f"{V1}/documents/outgoing/{draft['id']}/sign",
                         o.head["token"]).status_code == 403
    o.api.ok("POST", f"{V1}/documents/outgoing/{draft['id']}/sign", o.leader["token"])
    stranger = o.api.request("POST", f"{V1}/documents/outgoing/{draft['id']}/number",
                             o.b["token"])
    assert stranger.status_code == 403
    numbered = o.api.ok("POST", f"{V1}/documents/outgoing/{draft['id']}/number",
                        o.head["token"])
    assert (numbered["number"], numbered["seq"]) == ("编发〔2026〕1号", 1)
    second = o.api.ok("POST", f"{V1}/documents/outgoing", o.b["token"],
                      {"title": "第二件", "series": "编发"})
    o.api.ok("POST", f"{V1}/documents/outgoing/{second['id']}/sign", o.leader["token"])
    assert o.api.ok("POST", f"{V1}/documents/outgoing/{second['id']}/number",
                    o.b["token"])["number"] == "编发〔2026〕2号"
    printed = o.api.ok("POST", f"{V1}/documents/outgoing/{draft['id']}/print", o.a["token"])
    assert printed["status"] == "printed"


def todo(o, person):
    return o.api.ok("GET", f"{V1}/me/todo", person["token"])["items"]


def test_a_document_left_unassigned_a_working_day_turns_yellow_and_rises_on_the_heads_todo(
        office):
    o = office
    waiting = register(o)  # received on Monday 9/28
    held = o.api.ok("POST", f"{V1}/documents/{register(o)['id']}/assign", o.head["token"],
                    {"assignee_id": o.head["id"]})  # due 10/16: ahead of an item with no due

    def order():
        return [(i["kind"], i["id"], i.get("signal")) for i in todo(o, o.head)]
    o.set_now(datetime(2026, 9, 29, 17, 0, tzinfo=OFFICE_TZ))  # the first working day after
    assert order() == [("document", held["id"], "green"),
                       ("assign_document", waiting["id"], "green")]
    o.set_now(datetime(2026, 9, 30, 9, 0, tzinfo=OFFICE_TZ))  # Tuesday went by unassigned
    assert order() == [("assign_document", waiting["id"], "yellow"),
                       ("document", held["id"], "green")]
    o.api.ok("POST", f"{V1}/documents/{waiting['id']}/assign", o.head["token"],
             {"assignee_id": o.a["id"]})
    assert waiting["id"] not in [i["id"] for i in todo(o, o.head)]


def test_a_signed_draft_waits_on_the_drafters_todo_until_it_is_printed(office):
    o = office
    draft = o.api.ok("POST", f"{V1}/documents/outgoing", o.a["token"],
                     {"title": "关于印发方案的通知", "series": "编发"})
    path = f"{V1}/documents/outgoing/{draft['id']}"

    def waiting():
        return [(i["title"], i["step"], i["link"]) for i in todo(o, o.a)
                if i["kind"] == "number_print"]
    assert waiting() == []
    signed = o.api.ok("POST", f"{path}/sign", o.leader["token"])
    assert waiting() == [("关于印发方案的通知", "number", f"/documents/outgoing/{draft['id']}")]
    [told] = [e for e in events(o, "todo_added") if e["kind"] == "number_print"]
    assert (told["staff_id"], told["id"], told["step"]) == (o.a["id"], draft["id"], "number")
    assert [i["since"] for i in todo(o, o.a) if i["kind"] == "number_print"] == [
        signed["signed_at"]]
    assert [o.api.ok("GET", path, p["token"])["actions"] for p in (o.a, o.head, o.b)] == [
        ["number"], ["number"], []]

    o.api.ok("POST", f"{path}/number", o.a["token"])
    assert waiting() == [("关于印发方案的通知", "print", f"/documents/outgoing/{draft['id']}")]
    assert o.api.ok("GET", path, o.head["token"])["actions"] == ["print"]
    o.api.ok("POST", f"{path}/print", o.head["token"])
    assert waiting() == []


def test_an_absent_assignees_documents_go_to_the_acting_backup_and_back(office):
    o = office
    document = assigned(o)

    def handover(type_, **data):
        event = make_event("posts", type_, data, now=clock.now())
        publish_event(o.config["AMQP_URI"], event, type_=type_)
    handover("handover_started", handover_id="h1", post_id="p1", post_title="审核岗",
             division_id=o.division["id"], from_id=o.a["id"], to_id=o.b["id"],
             absence_id="n1", reason="因私", started_at=clock.now())
    path = f"{V1}/documents/{document['id']}"
    wait_until(lambda: o.api.ok("GET", path, o.a["token"])["acting_id"] == o.b["id"])
    [routed] = wait_until(lambda: events(o, "work_routed"))
    assert routed["handover_id"] == "h1"
    assert [item["id"] for item in routed["items"]] == [document["id"]]

    handover("handover_ended", handover_id="h1", post_id="p1", from_id=o.a["id"],
             to_id=o.b["id"], ended_at=clock.now(), why="holder_returned")
    wait_until(lambda: o.api.ok("GET", path, o.a["token"])["acting_id"] is None)
    refused = o.api.request("POST", f"{path}/complete", o.b["token"], {"result": "x"})
    assert refused.status_code == 403
