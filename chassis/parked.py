"""List and replay parked messages: ``python -m chassis.parked list|replay [--id ID]``.

Parked messages wait in ``xiaoneng.parked`` with the reason in their headers.
Replay sends a message back to the queue it came from with its attempt count
reset; use it once the cause (a bug, a missing record) is fixed.
"""

import argparse
import sys

from chassis import amqp
from chassis.config import Settings, nameko_config

PARKING_HEADERS = ("x-parked-reason", "x-original-queue", "x-parked-at",
                   "x-attempts", "x-last-error")


def fetch(channel, queue_type):
    """Every parked message, unacknowledged: they stay parked unless acked."""
    _, queue = amqp.parked_topology(queue_type)
    bound = queue(channel)
    bound.declare()
    messages = []
    while (message := bound.get(no_ack=False)) is not None:
        messages.append(message)
    return messages


def describe(message):
    headers = message.headers or {}
    return {"message_id": message.properties.get("message_id"),
            "queue": headers.get("x-original-queue"),
            "reason": headers.get("x-parked-reason"),
            "parked_at": headers.get("x-parked-at")}


def replay(amqp_uri, message):
    headers = {k: v for k, v in (message.headers or {}).items() if k not in PARKING_HEADERS}
    amqp.publish(amqp_uri, message.body, exchange="",
                 routing_key=message.headers["x-original-queue"], headers=headers,
                 message_id=message.properties.get("message_id"),
                 content_type=message.content_type, content_encoding=message.content_encoding)


def main(argv=None, config=None):
    parser = argparse.ArgumentParser(prog="python -m chassis.parked")
    parser.add_argument("command", choices=["list", "replay"])
    parser.add_argument("--id", help="replay only the message with this message id")
    args = parser.parse_args(argv)
    settings = Settings.from_mapping(config or nameko_config())
    amqp_uri = settings.amqp_uri
    with amqp.connection(amqp_uri) as conn:
        channel = conn.channel()
        messages = fetch(channel, settings.queue_type)
        for message in messages:
            info = describe(message)
            chosen = args.command == "replay" and args.id in (None, info["message_id"])
            if chosen:
                replay(amqp_uri, message)
                message.ack()
            print(("replayed " if chosen else "") + " | ".join(
                f"{k}={v}" for k, v in info.items()))
        print(f"{len(messages)} parked message(s)", file=sys.stderr)
        channel.close()  # unacknowledged messages go back to the parked queue


if __name__ == "__main__":
    main()
