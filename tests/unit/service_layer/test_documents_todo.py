"""我的待办 in documents on a fake unit of work: a signed draft waits on its drafter until
it is printed (四.5), a received document's 分办 item carries its waiting signal (四.1), and
an item says the step it asks for where its kind does not (退文, 延期, 重新分办, 编号, 送印)."""

from datetime import UTC, datetime, timedelta

import pytest

from contracts.todo import link
from office.acting import Acting
from services.documents import todo
from services.documents.models import (
    Base,
    DivisionView,
    Document,
    Extension,
    Outgoing,
    StaffView,
)
from tests.fakes import FakeWork

SIGNED = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 10:00 in the office


@pytest.fixture
def work():
    work = FakeWork(Base, "documents")
    work.add(DivisionView(division_id="d", name="综合处", head_id="h", leader_id="l"))
    return work


def draft(work, status, drafter_id="s", number=None):
    return work.add(Outgoing(id=f"{status}-{drafter_id}", title="关于印发方案的通知",
                             series="编发", drafter_id=drafter_id, status=status,
                             created_at=SIGNED - timedelta(days=1),
                             signed_at=None if status == "draft" else SIGNED, number=number))


def items(work, person, role="staff"):
    return todo.items(work.session, Acting(person, role), lambda d: "green",
                      lambda d: "yellow")


def test_a_signed_draft_waits_on_its_drafter_until_it_is_printed(work):
    for status in ("draft", "signed", "printed"):
        draft(work, status)
    draft(work, "numbered", number="编发〔2026〕3号")
    draft(work, "signed", drafter_id="other")
    mine = {(i["kind"], i["id"], i["title"], i["step"], link(i)) for i in items(work, "s")}
    assert mine == {
        ("number_print", "signed-s", "关于印发方案的通知", "number",
         "/documents/outgoing/signed-s"),
        ("number_print", "numbered-s", "关于印发方案的通知", "print",
         "/documents/outgoing/numbered-s")}
    assert {i["since"] for i in items(work, "s")} == {"2026-12-07T10:00:00+08:00"}


def test_the_heads_item_to_assign_a_received_document_carries_its_waiting_signal(work):
    work.add(Document.received("d", "s", title="关于某所编制的函", from_unit="省某局", kind="函",
                               urgent=False, received_at=SIGNED))
    [item] = items(work, "h", "division_head")
    assert (item["kind"], item["signal"]) == ("assign_document", "yellow")


def document(work, title, status, assignee_id):
    found = work.add(Document.received("d", "s", title=title, from_unit="省某局", kind="函",
                                       urgent=False, received_at=SIGNED))
    found.status, found.assignee_id, found.assigned_at = status, assignee_id, SIGNED
    found.due_date = SIGNED.date() + timedelta(days=14)
    return found


def test_the_heads_items_say_which_step_they_ask_for(work):
    work.add(StaffView(staff_id="gone", name="李四", division_id="d", active=False))
    document(work, "关于某所编制的函", "return_requested", "a")
    extended = document(work, "关于某中心更名的请示", "assigned", "a")
    work.add(Extension(id="e", document_id=extended.id, old_due_date=extended.due_date,
                       new_due_date=extended.due_date + timedelta(days=7), basis="需会商",
                       requested_by="a", requested_at=SIGNED))
    document(work, "关于调整编制的请示", "assigned", "gone")
    assert {(i["kind"], i["title"], i["step"]) for i in items(work, "h", "division_head")} == {
        ("document", "关于某所编制的函", "return"),
        ("document", "关于某中心更名的请示", "extension"),
        ("assign_document", "关于调整编制的请示", "reassign")}
    assert {i["step"] for i in items(work, "a")} == {None}  # the assignee's: to handle
