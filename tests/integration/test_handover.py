"""The A/B handover in posts, driven by attendance's events as they arrive on the broker."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from chassis.db import InboxRecord, OutboxRecord, make_engine
from chassis.envelope import make_event
from services.posts.service import PostsService
from tests.helpers import publish_event, rpc, wait_until

ADMIN = {"id": "admin", "role": "admin"}
NOW = datetime.now(UTC)


class Office:
    """A division with a post P held by A and backed up by B1 then B2."""

    def __init__(self, config):
        self.config = config
        self.division = self.rpc("create_division", ADMIN, {"name": "编制处", "code": "BZ"})
        self.a, self.b1, self.b2 = (self.staff(n) for n in ("A", "B1", "B2"))
        self.post = self.rpc("create_post", ADMIN, {
            "title": "审核岗", "division_id": self.division["id"], "duties": ["审核"],
            "holder_id": self.a, "backup_ids": [self.b1, self.b2]})

    def rpc(self, method, *args):
        with rpc(self.config, "posts") as posts:
            return getattr(posts, method)(*args)

    def staff(self, name):
        return self.rpc("create_staff", ADMIN, {
            "username": f"{name.lower()}{uuid.uuid4().hex[:6]}", "password": "password-1",
            "name": name, "title": "科员", "phone": "1", "role": "staff",
            "division_id": self.division["id"]})["id"]

    def away(self, staff_id, absence_id=None, hands_over=True):
        absence_id = absence_id or str(uuid.uuid4())
        return absence_id, make_event("attendance", "absence_started", {
            "absence_id": absence_id, "staff_id": staff_id, "kind": "notice", "reason": "因私",
            "start_at": NOW, "expected_return_at": NOW + timedelta(hours=2),
            "approver_id": "head", "hands_over": hands_over}, now=NOW)

    def back(self, staff_id, absence_id):
        return make_event("attendance", "absence_ended", {
            "absence_id": absence_id, "staff_id": staff_id, "returned_at": NOW,
            "late": False, "late_minutes": 0}, now=NOW)

    def send(self, event):
        publish_event(self.config["AMQP_URI"], event, source="attendance", type_=event["type"])

    def post_state(self):
        post = self.rpc("get_post", self.post["id"])
        return post["state"], post["acting_id"]

    def handovers(self):
        return self.rpc("list_handovers", {"post_id": self.post["id"]})["items"]

    def events(self, type_):
        """How many events of this type posts has raised."""
        return self._count(OutboxRecord.routing_key == type_)

    def applied(self, handler):
        """How many events this handler of posts has applied."""
        return self._count(InboxRecord.consumer == f"posts.{handler}")

    def _count(self, condition):
        engine = make_engine(self.config["XIAONENG_POSTS_DATABASE_URL"])
        with engine.connect() as conn:
            count = conn.scalar(sa.select(sa.func.count()).where(condition))
        engine.dispose()
        return count

    def settle(self, expected):
        wait_until(lambda: self.post_state() == expected, timeout=10,
                   message=f"post becomes {expected}")


@pytest.fixture
def office(runner_factory, service_config):
    config = service_config("posts", XIAONENG_SERVICES="posts")
    runner_factory(config, PostsService).start()
    return Office(config)


def test_an_absent_holders_post_goes_to_the_first_backup_and_back_on_return(office):
    absence_id, started = office.away(office.a)
    office.send(started)
    office.settle(("covered", office.b1))
    [handover] = office.handovers()
    assert (handover["from_id"], handover["to_id"], handover["reason"]) == (
        office.a, office.b1, "因私")
    assert handover["pending_items"] == [] and handover["ended_at"] is None

    office.send(office.back(office.a, absence_id))
    office.settle(("normal", None))
    assert office.handovers()[0]["ended_at"] is not None
    assert (office.events("handover_started"), office.events("handover_ended")) == (1, 1)


def test_the_second_backup_covers_when_the_first_is_away_too(office):
    _, b1_away = office.away(office.b1)
    office.send(b1_away)
    absence_id, a_away = office.away(office.a)
    office.send(a_away)
    office.settle(("covered", office.b2))


def test_the_post_moves_on_when_the_acting_backup_leaves_in_turn(office):
    office.send(office.away(office.a)[1])
    office.settle(("covered", office.b1))
    b1_absence, b1_away = office.away(office.b1)
    office.send(b1_away)
    office.settle(("covered", office.b2))
    office.send(office.back(office.b1, b1_absence))
    wait_until(lambda: office.events("handover_started") == 2)
    assert office.post_state() == ("covered", office.b2)  # B2 keeps it while present
    assert [h["to_id"] for h in office.handovers() if h["ended_at"] is None] == [office.b2]


def test_with_every_backup_away_the_post_is_uncovered_and_the_failure_raised_once(office):
    for person in (office.b1, office.b2):
        office.send(office.away(person)[1])
    # both backups are away before A leaves (posts applies events concurrently)
    wait_until(lambda: office.applied("on_absence_started") == 2)
    _, a_away = office.away(office.a)
    office.send(a_away)
    office.send(a_away)  # redelivered
    office.settle(("uncovered", None))
    wait_until(lambda: office.events("handover_failed") == 1)
    assert office.handovers() == []


def test_redelivered_and_repeated_starts_make_one_handover(office):
    absence_id, started = office.away(office.a)
    office.send(started)
    office.send(started)
    office.send(office.away(office.a, absence_id)[1])  # same absence, a new event id
    office.settle(("covered", office.b1))
    wait_until(lambda: len(office.handovers()) == 1)
    assert office.events("handover_started") == 1


def test_an_end_that_overtakes_its_start_leaves_the_post_with_its_holder(office):
    absence_id, started = office.away(office.a)
    office.send(office.back(office.a, absence_id))
    wait_until(lambda: office.applied("on_absence_ended") == 1)
    office.send(started)
    wait_until(lambda: office.applied("on_absence_started") == 1)
    assert office.post_state() == ("normal", None)
    assert office.handovers() == []


def test_a_short_absence_hands_nothing_over_and_fails_nothing(office):
    """七.1: 30 minutes or less needs no notice; the post stays with its holder, and with
    every B away too there is no failure to report."""
    for person in (office.b1, office.b2):
        office.send(office.away(person)[1])
    wait_until(lambda: office.applied("on_absence_started") == 2)
    office.send(office.away(office.a, hands_over=False)[1])
    wait_until(lambda: office.applied("on_absence_started") == 3)
    assert office.post_state() == ("normal", None)
    assert office.handovers() == [] and office.events("handover_failed") == 0
