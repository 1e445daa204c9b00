"""Hand work to the office over AMQP, as the provincial document exchange or the 12345
hotline would (the intake; message shapes in contracts/intake.py and the README)::

    python -m xiaoneng.client send-document --division ZF --title 关于…的函 \\
        --from-unit 省财政厅 [--kind 函] [--urgent] [--reference EX-2026-0001]
    python -m xiaoneng.client send-complaint --category attitude --description … \\
        [--division ZF] [--contact 138…] [--reference 12345-…]

A blocking pika connection with publisher confirms; messages are persistent and
mandatory (one that no queue takes is refused, not dropped); a lost connection is
opened again and the message sent again, which is safe: the envelope's id comes from
the reference, so the office applies a message sent twice once. ``AMQP_URI`` (or
``--amqp-uri``) names the broker and the intake's own broker user — the one the office
gave the outside system, which may only publish to ``xiaoneng.intake`` — and every message
says so (``user_id``, checked by the broker): the office takes work only from that user.
``amqps://`` connects over TLS.
"""

import argparse
import json
import os
import sys
import time
import uuid
from datetime import UTC, datetime

import pika
from marshmallow import ValidationError
from pika.exceptions import AMQPError, UnroutableError

from contracts import INTAKE
from contracts.intake import SCHEMAS, intake_id

EXCHANGE = "xiaoneng.intake"


class Refused(Exception):
    """The message is not what the office takes, or nobody in the office takes it."""


class IntakeClient:
    def __init__(self, amqp_uri, attempts=5, first_wait=0.5):
        self.parameters = pika.URLParameters(amqp_uri)
        self.user = self.parameters.credentials.username
        self.attempts, self.first_wait = attempts, first_wait
        self.connection = self.channel = None

    def send(self, message_type, data):
        """Validate, publish and wait for the broker's confirm; returns the envelope."""
        try:
            checked = SCHEMAS[message_type]().load(data)
        except KeyError:
            raise Refused(f"unknown message type {message_type!r}") from None
        except ValidationError as exc:
            raise Refused(f"{message_type}: {exc.messages}") from None
        envelope = {"id": intake_id(message_type, checked["reference"]), "type": message_type,
                    "source": INTAKE, "occurred_at": datetime.now(UTC).isoformat(),
                    "version": 1, "correlation_id": checked["reference"],
                    "data": SCHEMAS[message_type]().dump(checked)}
        self._publish(message_type, envelope)
        return envelope

    def close(self):
        if self.connection is not None and self.connection.is_open:
            self.connection.close()
        self.connection = self.channel = None

    def _publish(self, message_type, envelope):
        body = json.dumps(envelope, ensure_ascii=False).encode()
        properties = pika.BasicProperties(
            delivery_mode=pika.DeliveryMode.Persistent, content_type="application/json",
            content_encoding="utf-8", message_id=envelope["id"], user_id=self.user)
        for attempt in range(1, self.attempts + 1):
            try:
                self._open().basic_publish(EXCHANGE, message_type, body, properties,
                                           mandatory=True)
                return
            except UnroutableError:
                raise Refused(f"no queue takes {message_type}: is the office's system "
                              f"running on this broker?") from None
            except (AMQPError, OSError) as exc:  # a lost connection, a nack: send again
                self.close()
                if attempt == self.attempts:
                    raise
                wait = self.first_wait * 2 ** (attempt - 1)
                print(f"intake: {type(exc).__name__}; sending again in {wait:.1f}s",
                      file=sys.stderr)
                time.sleep(wait)

    def _open(self):
        if self.channel is None:
            self.connection = pika.BlockingConnection(self.parameters)
            self.channel = self.connection.channel()
            self.channel.confirm_delivery()
        return self.channel


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m xiaoneng.client",
                                     description="Hand work to the office (the intake).")
    parser.add_argument("--amqp-uri", default=os.environ.get(
        "AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/"))
    commands = parser.add_subparsers(dest="command", required=True)
    document = commands.add_parser("send-document", help="an incoming document (收文)")
    document.add_argument("--division", required=True, help="the division's code, e.g. ZF")
    document.add_argument("--title", required=True)
    document.add_argument("--from-unit", required=True)
    document.add_argument("--kind", default="函")
    document.add_argument("--urgent", action="store_true")
    document.add_argument("--received-at", help="ISO 8601 with zone; default now")
    document.add_argument("--reference", help="your id for it; default a new one")
    complaint = commands.add_parser("send-complaint", help="a complaint from the hotline")
    complaint.add_argument("--category", required=True)
    complaint.add_argument("--description", required=True)
    complaint.add_argument("--division", help="the division's code, if known")
    complaint.add_argument("--contact")
    complaint.add_argument("--reference", help="your id for it; default a new one")
    return parser.parse_args(argv)


def message(args):
    reference = args.reference or str(uuid.uuid4())
    if args.command == "send-document":
        return "document.received", {
            "reference": reference, "division": args.division, "title": args.title,
            "from_unit": args.from_unit, "kind": args.kind, "urgent": args.urgent,
            "received_at": args.received_at or datetime.now(UTC).isoformat()}
    return "complaint.received", {
        "reference": reference, "category": args.category, "description": args.description,
        "division": args.division, "contact": args.contact}


def main(argv=None):
    args = parse(argv)
    client = IntakeClient(args.amqp_uri)
    try:
        envelope = client.send(*message(args))
    except Refused as exc:
        sys.exit(f"refused: {exc}")
    finally:
        client.close()
    print(json.dumps({"id": envelope["id"], "type": envelope["type"],
                      "reference": envelope["data"]["reference"]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
