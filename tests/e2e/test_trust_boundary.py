"""The broker is a trust boundary: each party connects as its own broker user, every message
says who sent it (``user_id``, checked by RabbitMQ), and a consumer believes a message only
from the party it claims to come from. An intruder holding the broker account the system
was given (here ``guest``, an administrator) forges an event, an RPC and an intake message:
none has an effect, each is parked with ``unverified_sender``, and the real services go on
working. A party's user cannot hear another's RPCs nor speak on another's exchange."""

import json
import uuid

import pika
import pytest
from pika.exceptions import ChannelClosedByBroker

from tests.api import V1, Organisation, error
from tests.helpers import parked_messages, wait_until

OVERDUE_QUEUE = "evt-documents-overdue--accountability.on_overdue"
INTAKE_QUEUE = "intake-document.received--documents.on_document_received"


def envelope(type_, source, data):
    return {"id": str(uuid.uuid4()), "type": type_, "source": source,
            "occurred_at": "2026-12-01T09:00:00+08:00", "version": 1,
            "correlation_id": None, "data": data}


class Intruder:
    """A connection with the system's broker account, publishing with confirms."""

    def __init__(self, uri):
        self.parameters = pika.URLParameters(uri)
        self.connection = pika.BlockingConnection(self.parameters)
        self.channel = self.connection.channel()
        self.channel.confirm_delivery()

    def publish(self, exchange, routing_key, body, **properties):
        self.channel.basic_publish(
            exchange, routing_key, json.dumps(body, ensure_ascii=False),
            pika.BasicProperties(delivery_mode=2, content_type="application/json",
                                 **properties), mandatory=True)

    def close(self):
        if self.connection.is_open:
            self.connection.close()


@pytest.fixture
def intruder(vhost):
    connection = Intruder(f"amqp://guest:guest@127.0.0.1:5672/{vhost}")
    yield connection
    connection.close()


def parked_from(vhost, queue):
    return [m["properties"]["headers"] for m in parked_messages(vhost)
            if m["properties"]["headers"].get("x-original-queue") == queue]


def test_forged_event_rpc_and_intake_message_change_nothing_and_are_parked(
        api, system, vhost, intruder):
    admin = api.login("admin", "admin")
    division, _, head = Organisation(api, admin).division()

    overdue = envelope("overdue", "documents", {
        "document_id": "forged", "title": "伪造的超时", "division_id": division["id"],
        "assignee_id": head["id"], "acting_id": None, "due_date": "2026-11-30",
        "days_late": 3})
    intruder.publish("documents.events", "overdue", overdue, message_id=overdue["id"])
    intruder.publish("documents.events", "overdue", {**overdue, "id": str(uuid.uuid4())},
                     user_id="guest")  # saying truly who it is does not make it documents

    username = f"intruder{uuid.uuid4().hex[:6]}"
    replies = intruder.channel.queue_declare("", exclusive=True).method.queue
    intruder.channel.queue_bind(replies, "nameko-rpc", replies)
    intruder.publish("nameko-rpc", "posts.create_staff", {
        "args": [{"id": "x", "role": "admin"},
                 {"username": username, "password": "Forged-Admin-1", "name": "入侵者",
                  "title": "科员", "role": "admin", "division_id": None}],
        "kwargs": {}}, reply_to=replies, correlation_id="forged-1")

    title = f"伪造来文 {uuid.uuid4().hex[:6]}"
    intruder.publish("xiaoneng.intake", "document.received", envelope(
        "document.received", "intake", {
            "reference": f"EX-{uuid.uuid4().hex}", "division": division["code"],
            "title": title, "from_unit": "某厅", "received_at": "2026-12-01T09:00:00+08:00"}))

    expected = {OVERDUE_QUEUE: 2, "rpc-posts": 1, INTAKE_QUEUE: 1}
    for queue, count in expected.items():
        reasons = wait_until(lambda q=queue, n=count: len(found := parked_from(vhost, q)) >= n
                             and found, timeout=20, message=f"{count} parked from {queue}")
        assert all(h["x-parked-reason"].startswith("unverified_sender") for h in reasons)

    assert api.ok("GET", f"{V1}/violations?staff_id={head['id']}", admin)["total"] == 0
    assert error(api.request("POST", f"{V1}/auth/token", json={
        "username": username, "password": "Forged-Admin-1"})) == (401, "invalid_credentials")
    documents = api.ok("GET", f"{V1}/documents?limit=200", head["token"])["items"]
    assert not [d for d in documents if d["title"] == title]
    assert intruder.channel.basic_get(replies, auto_ack=True) == (None, None, None)

    # and the real services go on working
    staff = Organisation(api, admin).staff(division_id=division["id"])
    assert api.ok("GET", f"{V1}/me", staff["token"])["id"] == staff["id"]


def test_nobody_may_claim_to_be_another_broker_user(system, intruder):
    documents_user = pika.URLParameters(system.uri_of("documents")).credentials.username
    with pytest.raises(ChannelClosedByBroker) as refused:
        intruder.publish("documents.events", "overdue", {}, user_id=documents_user)
    assert refused.value.reply_code == 406  # PRECONDITION_FAILED: user_id is not the user


def test_a_party_can_neither_hear_anothers_rpc_nor_speak_on_anothers_exchange(system):
    documents = Intruder(system.uri_of("documents"))
    try:
        user = documents.parameters.credentials.username
        own = f"rpc.reply-documents-{uuid.uuid4()}"  # a queue name documents may declare
        documents.channel.queue_declare(own, exclusive=True)
        with pytest.raises(ChannelClosedByBroker) as refused:
            documents.channel.queue_bind(own, "nameko-rpc", "posts.authenticate")
        assert refused.value.reply_code == 403  # the sign-in's password reaches posts alone

        documents.channel = documents.connection.channel()
        documents.channel.confirm_delivery()
        with pytest.raises(ChannelClosedByBroker) as refused:
            documents.publish("posts.events", "staff_changed", {}, user_id=user)
        assert refused.value.reply_code == 403
    finally:
        documents.close()

    intake = Intruder(system.uri_of("intake"))
    try:
        with pytest.raises(ChannelClosedByBroker) as refused:
            intake.publish("documents.events", "overdue", {},
                           user_id=intake.parameters.credentials.username)
        assert refused.value.reply_code == 403  # the intake speaks on xiaoneng.intake only
    finally:
        intake.close()
