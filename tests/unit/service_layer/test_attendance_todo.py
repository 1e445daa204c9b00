"""我的待办 in attendance: the approver's item says whose absence it is and why, a late
return report says it was late (step ``late``), and a notification of the item — which may
reach a group chat — says a personal reason only as the public board does."""

from datetime import UTC, datetime, timedelta

from services.attendance import todo
from services.attendance.models import Absence

NINE = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in the office


def notice(status="pending", reason="到省政府开会", kind="business", late_minutes=0):
    return Absence(
        id="n1", kind="notice", staff_id="a", status=status, start_at=NINE,
        expected_return_at=NINE + timedelta(hours=2), reason=reason, reason_kind=kind,
        contact="1", approver_id="head", created_at=NINE, late=late_minutes > 0,
        late_minutes=late_minutes, late_reported=False,
        returned_at=NINE + timedelta(hours=2, minutes=late_minutes) if status == "returned"
        else None)


def test_the_approvers_item_names_the_person_and_the_reason():
    item = todo.item(notice(), "张三")
    assert (item["kind"], item["title"], item["step"]) == (
        "approve_absence", "张三：到省政府开会", None)


def test_a_late_return_report_says_so_and_by_how_much():
    on_time, late = todo.item(notice("returned"), "张三"), \
        todo.item(notice("returned", late_minutes=30), "张三")
    assert (on_time["kind"], on_time["title"], on_time["step"]) == (
        "return_report", "张三：到省政府开会", None)
    assert (late["kind"], late["title"], late["step"]) == (
        "return_report", "张三：到省政府开会（迟归30分钟）", "late")


def test_a_notification_of_the_item_keeps_a_personal_reason_private():
    personal = notice(reason="看病", kind="personal")
    assert todo.item(personal, "张三")["title"] == "张三：看病"  # the approver's own to-do
    assert todo.item(personal, "张三", told=True)["title"] == "张三：因私"
    assert todo.item(notice(), "张三", told=True)["title"] == "张三：到省政府开会"
