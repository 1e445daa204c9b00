"""The review of an application (inquiries/applications.py) on a fake unit of work: one
notice lists every problem; a problem an earlier review should have raised is a lapse of
the one-time notice (一次性告知) reported against the earlier reviewer; an accepted
application gets its due date on the working-day calendar."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from chassis.calendar import WorkingCalendar
from chassis.clock import clock
from services.inquiries import applications
from services.inquiries.models import Application, Base, Matter, Review
from tests.fakes import FakeWork

CATALOGUE = [{"code": "id", "name": "身份证", "required": True},
             {"code": "form", "name": "申请表", "required": True},
             {"code": "photo", "name": "照片", "required": False}]


@pytest.fixture
def work(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    work = FakeWork(Base, "inquiries")
    work.add(Matter(id="m", name="事业单位登记", basis="《条例》", time_limit_days=5,
                    procedure="受理、审核、办结", division_id="d", materials=CATALOGUE,
                    version=1))
    work.add(Application(id="app", matter_id="m", matter_version=1, applicant="某单位",
                         contact="1", status="submitted", token_hash="x",
                         created_at=clock.now()))
    return work


def review(work, reviewer, *materials, refusal=None):
    application = work.session.get(Application, "app")
    notice = applications.review(work, WorkingCalendar(), application,
                                 work.session.get(Matter, "m"),
                                 {"materials": list(materials), "refusal_reason": refusal},
                                 reviewer)
    return application, notice


def given(code, ok=True, defect=None):
    return {"code": code, "ok": ok, **({"defect": defect} if defect else {})}


def test_one_notice_lists_every_problem_at_once(work):
    application, notice = review(work, "r1", given("photo", ok=False, defect="模糊"))
    assert application.status == "returned"
    assert sorted(i["code"] for i in notice.items) == ["form", "id", "photo"]
    assert notice.number == "一次性告知〔2026〕1号"
    assert work.events == []  # a first review cannot lapse


def test_what_an_earlier_review_accepted_or_left_out_is_a_lapse_against_its_reviewer(work):
    review(work, "r1", given("id"), given("photo"))  # 申请表 missing: listed
    work.raised()
    review(work, "r2", given("id", ok=False, defect="过期"), given("photo"))
    [violated] = work.raised("notice_violated")
    assert (violated["reviewer_id"], violated["earlier_reviewer_ids"]) == ("r2", ["r1"])
    assert [(i["code"], i["why"]) for i in violated["items"]] == [("id", "accepted_before")]


def test_an_accepted_application_is_due_in_working_days(work):
    application, notice = review(work, "r1", given("id"), given("form"))
    assert (application.status, notice, application.reviewer_id) == ("accepted", None, "r1")
    assert application.due_date == date(2026, 12, 8)  # 5 working days from Tue 1 Dec


def test_an_application_for_a_matter_handled_at_once_is_due_the_day_it_is_accepted(work):
    work.session.get(Matter, "m").time_limit_days = 0  # 即办
    application, _ = review(work, "r1", given("id"), given("form"))
    assert (application.status, application.due_date) == ("accepted", date(2026, 12, 1))


def test_a_review_keeps_the_version_of_the_matter_it_read(work):
    _, notice = review(work, "r1", given("id"))
    work.session.get(Matter, "m").version = 2
    application, _ = review(work, "r2", given("id"), given("form"))
    versions = [r.matter_version for r in work.session.scalars(
        sa.select(Review).order_by(Review.seq))]
    assert (versions, application.matter_version) == ([1, 2], 2)
