"""The intake: outside systems hand work in over AMQP (``xiaoneng.intake``) with the pika
client; a message sent twice is applied once; what fails its contract (text no database
keeps included) or names a division nobody knows is parked with its reason."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pika

from tests.api import V1, Organisation
from tests.helpers import parked_messages, wait_until

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS_QUEUE = "intake-document.received--documents.on_document_received"


def client(system, *args):
    """``python -m xiaoneng.client …`` as an outside system's operator runs it, with the
    intake's broker user the office gave it."""
    done = subprocess.run(
        [sys.executable, "-m", "xiaoneng.client", "--amqp-uri", system.uri_of("intake"),
         *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def settled(vhost, queue):
    """Nothing ready and nothing unacknowledged in the queue (rabbitmqctl: no stats lag)."""
    listed = subprocess.run(["rabbitmqctl", "-q", "list_queues", "-p", vhost, "name",
                             "messages_ready", "messages_unacknowledged"],
                            capture_output=True, text=True, check=True).stdout
    return any(line.split() == [queue, "0", "0"] for line in listed.splitlines())


def intake_documents(api, token, title):
    items = api.ok("GET", f"{V1}/documents?status=received&limit=200", token)["items"]
    return [d for d in items if d["title"] == title]


def test_a_document_sent_by_the_pika_client_is_received_in_its_division_once(
        api, system, vhost):
    admin = api.login("admin", "admin")
    division, _, head = Organisation(api, admin).division()
    title, reference = f"关于报送编制数据的函 {uuid.uuid4().hex[:6]}", f"EX-{uuid.uuid4().hex}"
    args = ["send-document", "--division", division["code"], "--title", title,
            "--from-unit", "省统计局", "--reference", reference]

    sent = client(system, *args)
    [document] = wait_until(lambda: intake_documents(api, head["token"], title), timeout=20,
                            message="the document in the division's list")
    assert (document["division_id"], document["from_unit"], document["status"]) == (
        division["id"], "省统计局", "received")
    assert sent["type"] == "document.received" and sent["reference"] == reference

    assert client(system, *args)["id"] == sent["id"]  # the sender tries again
    wait_until(lambda: settled(vhost, DOCUMENTS_QUEUE), message="the repeat handled")
    assert len(intake_documents(api, head["token"], title)) == 1


def test_a_hotline_complaint_reaches_the_division_it_names(api, system):
    admin = api.login("admin", "admin")
    division, _, _ = Organisation(api, admin).division()
    description = f"窗口人员态度生硬 {uuid.uuid4().hex[:6]}"
    client(system, "send-complaint", "--category", "attitude", "--description", description,
           "--division", division["code"], "--contact", "13800000000")

    def listed():
        items = api.ok("GET", f"{V1}/complaints?division_id={division['id']}",
                       admin)["items"]
        return [c for c in items if c["description"] == description]
    [complaint] = wait_until(listed, timeout=20, message="the complaint listed")
    assert (complaint["category"], complaint["status"]) == ("attitude", "received")


def test_what_fails_its_contract_or_names_no_known_division_is_parked_with_its_reason(
        api, system, vhost):
    parameters = pika.URLParameters(system.uri_of("intake"))
    connection = pika.BlockingConnection(parameters)
    channel = connection.channel()
    channel.confirm_delivery()
    malformed = {"id": str(uuid.uuid4()), "type": "document.received", "source": "intake",
                 "occurred_at": "2026-11-28T09:00:00+08:00", "version": 1,
                 "correlation_id": None, "data": {"division": "ZF", "title": ""}}
    unknown = {**malformed, "id": str(uuid.uuid4()), "data": {
        "reference": "EX-x", "division": "NO-SUCH", "title": "函", "from_unit": "某厅",
        "received_at": "2026-11-28T09:00:00+08:00"}}
    nul = {**unknown, "id": str(uuid.uuid4()), "data": {**unknown["data"], "division": "ZF",
                                                         "title": "函\x00"}}
    for body in (malformed, unknown, "not json at all", nul):
        channel.basic_publish("xiaoneng.intake", "document.received",
                              body if isinstance(body, str) else json.dumps(body),
                              pika.BasicProperties(
                                  delivery_mode=2, content_type="application/json",
                                  user_id=parameters.credentials.username),
                              mandatory=True)
    connection.close()

    def parked():
        return [m["properties"]["headers"] for m in parked_messages(vhost)
                if m["properties"]["headers"].get("x-original-queue") == DOCUMENTS_QUEUE]
    reasons = wait_until(lambda: len(found := parked()) >= 4 and found, timeout=20,
                         message="four parked messages")
    reasons = sorted(h["x-parked-reason"] for h in reasons)
    assert any("title" in r and "NUL" in r for r in reasons), reasons  # at once, not retried
    assert any("schema" in r and "reference" in r for r in reasons), reasons
    assert any("unknown_division" in r or "NO-SUCH" in r for r in reasons), reasons
    assert any("undecodable" in r for r in reasons), reasons
