"""The idempotent consumer: inbox, parking of bad messages, retry of failing ones."""

import pytest
import requests
from kombu import Connection, Producer

from chassis import parked
from tests.helpers import parked_messages, publish_event, rpc, staff_changed, wait_until
from tests.integration.toy import service as toy


@pytest.fixture
def consumer(runner_factory, service_config):
    toy.behaviour.update(transient_failures=0, reject=set(), attempts=0, crash=False)

    def start(**overrides):
        config = service_config("toy", **overrides)
        runner = runner_factory(config, toy.ToyConsumer)
        runner.start()
        return config
    return start


def delete_queue(vhost, queue):
    requests.delete(f"http://127.0.0.1:15672/api/queues/{vhost}/{queue}",
                    auth=("guest", "guest"), timeout=10).raise_for_status()


def applied(config):
    with rpc(config, "toy") as proxy:
        return proxy.applied()


def test_the_same_event_delivered_twice_is_applied_once(consumer):
    config = consumer()
    event = staff_changed("李四")
    publish_event(config["AMQP_URI"], event)
    publish_event(config["AMQP_URI"], event)
    publish_event(config["AMQP_URI"], staff_changed("王五"))
    wait_until(lambda: len(applied(config)) >= 2)
    wait_until(lambda: toy.behaviour["attempts"] == 3, message="all three deliveries handled")
    assert sorted(r["name"] for r in applied(config)) == ["李四", "王五"]


def test_malformed_events_are_parked_with_a_reason_and_the_consumer_keeps_running(
        consumer):
    config = consumer()
    uri = config["AMQP_URI"]
    publish_event(uri, b"{not json", content_type="application/json")
    publish_event(uri, {"id": "x", "type": "staff_changed"})
    broken = staff_changed()
    broken["data"]["role"] = "emperor"
    publish_event(uri, broken)
    publish_event(uri, staff_changed("赵六"))

    wait_until(lambda: [r["name"] for r in applied(config)] == ["赵六"])
    messages = wait_until(lambda: len(found := parked_messages(config["vhost"])) == 3
                          and found)
    reasons = [m["properties"]["headers"]["x-parked-reason"] for m in messages]
    assert any("undecodable" in r for r in reasons)
    assert any("occurred_at" in r for r in reasons)
    assert any("role" in r for r in reasons)
    assert {m["properties"]["headers"]["x-original-queue"] for m in messages} == {
        "evt-posts-staff_changed--toy.on_staff_changed"}


def test_a_transient_failure_is_retried_after_a_delay_not_dropped(consumer):
    config = consumer()
    toy.behaviour["transient_failures"] = 1
    publish_event(config["AMQP_URI"], staff_changed("钱七"))
    wait_until(lambda: applied(config), timeout=15)
    assert toy.behaviour["attempts"] == 2
    assert parked_messages(config["vhost"]) == []


def test_a_handler_that_keeps_failing_is_parked_after_the_last_attempt(consumer):
    config = consumer(XIAONENG_MAX_ATTEMPTS="2")
    toy.behaviour["crash"] = True
    publish_event(config["AMQP_URI"], staff_changed("孙八"))
    messages = wait_until(lambda: parked_messages(config["vhost"]), timeout=15)
    assert "failed 2 times" in messages[0]["properties"]["headers"]["x-parked-reason"]
    assert toy.behaviour["attempts"] == 2


def test_a_parked_message_is_listed_and_replayed_once_its_cause_is_fixed(
        consumer, capsys):
    config = consumer()
    toy.behaviour["reject"] = {"周九"}
    publish_event(config["AMQP_URI"], staff_changed("周九"))
    wait_until(lambda: parked_messages(config["vhost"]))

    parked.main(["list"], config)
    listing = capsys.readouterr().out
    assert "queue=evt-posts-staff_changed--toy.on_staff_changed" in listing
    assert "周九 is not known here" in listing
    assert len(parked_messages(config["vhost"])) == 1, "listing leaves it parked"

    toy.behaviour["reject"] = set()
    parked.main(["replay"], config)
    wait_until(lambda: [r["name"] for r in applied(config)] == ["周九"])
    assert parked_messages(config["vhost"]) == []


def test_a_replay_the_broker_cannot_route_stays_parked(consumer, capsys):
    config = consumer()
    toy.behaviour["reject"] = {"吴十"}
    publish_event(config["AMQP_URI"], staff_changed("吴十"))
    wait_until(lambda: parked_messages(config["vhost"]))
    delete_queue(config["vhost"], "evt-posts-staff_changed--toy.on_staff_changed")

    parked.main(["replay"], config)
    assert "kept (the broker did not take it back" in capsys.readouterr().out
    [kept] = parked_messages(config["vhost"])
    assert "吴十 is not known here" in kept["properties"]["headers"]["x-parked-reason"]


def test_a_forged_message_replayed_is_parked_again_not_applied(consumer):
    config = consumer()
    with Connection(config["AMQP_URI"]) as connection:  # a message that says nobody sent it
        Producer(connection).publish(staff_changed("郑十一"), exchange="posts.events",
                                     routing_key="staff_changed", serializer="json")
    wait_until(lambda: parked_messages(config["vhost"]))

    parked.main(["replay"], config)
    [again] = wait_until(lambda: parked_messages(config["vhost"]), message="parked again")
    assert again["properties"]["headers"]["x-parked-reason"].startswith("unverified_sender")
    assert applied(config) == [] and toy.behaviour["attempts"] == 0


def test_a_flood_of_events_is_acknowledged_in_runs_and_nothing_stays_unacknowledged(
        consumer, monkeypatch):
    from chassis import events

    sent = []

    class Recorded(events.AckRuns):
        def _due(self):
            due = super()._due()
            sent.extend(due)
            return due
    monkeypatch.setattr(events, "AckRuns", Recorded)
    config = consumer()
    for i in range(200):
        publish_event(config["AMQP_URI"], staff_changed(f"批{i}", staff_id=f"s-{i}"))
    wait_until(lambda: len(applied(config)) == 200, timeout=30)
    queue = f"{config['vhost']}/evt-posts-staff_changed--toy.on_staff_changed"
    wait_until(lambda: (q := requests.get(f"http://127.0.0.1:15672/api/queues/{queue}",
                                          auth=("guest", "guest"), timeout=10).json())
               .get("messages_unacknowledged") == 0 and q.get("messages") == 0,
               timeout=20, message="the queue empty and nothing unacknowledged")
    runs = [tag for tag, multiple in sent if multiple]
    assert runs and max(runs) >= 200 - 1  # the last run reaches the last delivery
    assert len(sent) < 200, "some frames acknowledged more than one event"
