"""The absence scan (attendance/absences.py) on a fake unit of work: absences start when
their time comes, a late return is reported once, and a pending notice does nothing."""

from datetime import UTC, datetime, timedelta

import pytest

from services.attendance import absences
from services.attendance.models import Absence, Base
from tests.fakes import FakeWork

NINE = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in the office
GRACE = timedelta(minutes=15)


@pytest.fixture
def work():
    return FakeWork(Base, "attendance")


def notice(work, absence_id, status="approved", start=NINE, hours=1, kind="business"):
    return work.add(Absence(
        id=absence_id, kind="notice", staff_id=f"staff-{absence_id}", status=status,
        start_at=start, expected_return_at=start + timedelta(hours=hours), reason="开会",
        reason_kind=kind, contact="1", approver_id="head", created_at=start, late=False,
        late_minutes=0, late_reported=False))


def test_an_approved_notice_starts_at_its_time_and_a_pending_one_does_not(work):
    notice(work, "n1")
    notice(work, "n2", status="pending")
    notice(work, "n3", start=NINE + timedelta(hours=2))
    assert absences.scan(work, NINE, GRACE) == (1, 0)
    [started] = work.raised("absence_started")
    assert (started["absence_id"], started["reason"]) == ("n1", "开会")
    assert absences.scan(work, NINE, GRACE) == (0, 0) and work.events == []


def test_a_personal_reason_shows_only_as_personal_on_what_is_published(work):
    notice(work, "n1", kind="personal")
    absences.scan(work, NINE, GRACE)
    assert work.raised("absence_started")[0]["reason"] == "因私"


def test_a_late_return_is_reported_once_after_the_grace(work):
    notice(work, "n1")
    absences.scan(work, NINE, GRACE)
    work.raised()
    assert absences.scan(work, NINE + timedelta(hours=1, minutes=15), GRACE) == (0, 0)
    assert work.events == []  # within the grace
    absences.scan(work, NINE + timedelta(hours=1, minutes=16), GRACE)
    [late] = work.raised("late_return")
    assert (late["staff_id"], late["approver_id"]) == ("staff-n1", "head")
    absences.scan(work, NINE + timedelta(hours=2), GRACE)
    assert work.events == []  # once
