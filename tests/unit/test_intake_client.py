"""The intake client refuses what the office would park, before it connects."""

import pytest

from contracts.intake import intake_id
from xiaoneng.client import IntakeClient, Refused, message, parse

NOWHERE = "amqp://guest:guest@127.0.0.1:1/"  # a port nothing listens on: never reached


def test_a_message_that_fails_its_contract_is_refused_before_connecting():
    with pytest.raises(Refused, match="title"):
        IntakeClient(NOWHERE).send("document.received", {
            "reference": "EX-1", "division": "ZF", "title": "  ", "from_unit": "某厅",
            "received_at": "2026-11-28T09:00:00+08:00"})
    with pytest.raises(Refused, match="NUL"):  # PostgreSQL would refuse it at the INSERT
        IntakeClient(NOWHERE).send("complaint.received", {
            "reference": "12345-1", "category": "attitude", "description": "态度\x00生硬"})
    with pytest.raises(Refused, match="unknown message type"):
        IntakeClient(NOWHERE).send("document.lost", {})


def test_the_command_line_builds_the_contracts_messages_and_ids_come_from_references():
    kind, data = message(parse(["send-document", "--division", "ZF", "--title", "函",
                                "--from-unit", "省统计局", "--urgent", "--reference", "EX-7"]))
    assert kind == "document.received"
    assert (data["division"], data["urgent"], data["kind"], data["reference"]) == (
        "ZF", True, "函", "EX-7")
    kind, data = message(parse(["send-complaint", "--category", "attitude",
                                "--description", "态度生硬"]))
    assert kind == "complaint.received" and data["division"] is None and data["reference"]
    assert intake_id("document.received", "EX-7") == intake_id("document.received", "EX-7")
    assert intake_id("document.received", "EX-7") != intake_id("complaint.received", "EX-7")
