"""List and replay parked messages: ``python -m chassis.parked list|replay [--id ID]``.

Parked messages wait in ``xiaoneng.parked`` with the reason in their headers.
Replay sends a message back to the queue it came from with its attempt count
reset; use it once the cause (a bug, a missing record) is fixed.

A replayed message goes back as the broker user of the party that owns its queue (its
credentials from the data directory, else ``AMQP_URI`` when that is the party's user),
keeping its first sender (``x-origin-user``): the consumer believes it exactly as much as
it did the first time, so a forged message replayed is parked again, never applied. It is
published mandatory and confirmed; the parked copy is acknowledged only once the broker
confirmed the replay reached its queue, so a replay to a queue that is gone stays parked.
"""

import argparse
import hashlib
import sys
import time

from amqp.exceptions import ChannelError

from chassis import amqp, identity
from chassis.config import Settings, nameko_config

PARKING_HEADERS = ("x-parked-reason", "x-original-queue", "x-parked-at",
                   "x-attempts", "x-last-error", "x-death", "x-first-death-queue",
                   "x-first-death-reason", "x-first-death-exchange", "x-last-death-queue",
                   "x-last-death-reason", "x-last-death-exchange")


def original_queue(message) -> str | None:
    """The queue a parked message came from: the chassis names it when it parks one; the
    broker, when a quorum queue dead-letters one past its delivery limit."""
    headers = message.headers or {}
    return headers.get("x-original-queue") or headers.get("x-first-death-queue")


def reason_of(message) -> str | None:
    headers = message.headers or {}
    return headers.get("x-parked-reason") or headers.get("x-first-death-reason")
BODY_SHOWN = 4000  # bytes of a parked body the API shows


def fetch(channel, queue_type):
    """Every parked message, unacknowledged: they stay parked unless acked."""
    _, queue = amqp.parked_topology(queue_type)
    bound = queue(channel)
    bound.declare()
    messages = []
    while (message := bound.get(no_ack=False)) is not None:
        messages.append(message)
    return messages


def parked_id(message) -> str:
    """A parked message's id for the API: its queue, when and what was parked (a message
    id alone is neither always there nor unique — one event parked by two consumers)."""
    headers = message.headers or {}
    described = "|".join(str(value or "") for value in (
        original_queue(message), headers.get("x-parked-at"),
        message.properties.get("message_id")))
    return hashlib.sha256(described.encode() + b"|" + body_of(message)).hexdigest()[:20]


def body_of(message) -> bytes:
    """py-amqp hands a body with a content encoding over decoded, any other as bytes."""
    body = message.body
    return body if isinstance(body, bytes) else str(body).encode()


def item(message) -> dict:
    """A parked message as ``GET /admin/parked`` lists it."""
    headers = message.headers or {}
    queue = original_queue(message)
    return {"id": parked_id(message), "service": owner(queue) if queue else None,
            "queue": queue, "reason": reason_of(message),
            "parked_at": headers.get("x-parked-at"),
            "body": body_of(message)[:BODY_SHOWN].decode("utf-8", errors="replace")}


def taken(channel, queue_type, wanted: str, tries=3):
    """``(the parked message with id wanted or None, every message fetched)``, all
    unacknowledged. Whoever else is listing the queue holds its messages for a moment,
    so a message not seen is looked for again before it is called gone."""
    for attempt in range(tries):
        messages = fetch(channel, queue_type)
        found = next((m for m in messages if parked_id(m) == wanted), None)
        if found is not None or attempt == tries - 1:
            return found, messages
        for message in messages:
            message.requeue()
        time.sleep(0.2)


def describe(message):
    headers = message.headers or {}
    return {"message_id": message.properties.get("message_id"),
            "queue": original_queue(message),
            "reason": reason_of(message),
            "parked_at": headers.get("x-parked-at")}


class NotReplayable(Exception):
    """This process cannot send the message back as the party that owns its queue."""


def owner(queue: str) -> str | None:
    """The party whose consumer reads ``queue``: ``rpc-posts``, ``evt-…--posts.on_x`` and
    ``intake-…--documents.on_y`` name it."""
    if queue.startswith("rpc-"):
        return queue[len("rpc-"):]
    _, found, consumer = queue.partition("--")
    return consumer.split(".", 1)[0] if found else None


def replay_uri(settings: Settings, queue: str) -> str:
    party = owner(queue)
    known = identity.load_credentials(settings.data_dir).get(party) if party else None
    if known:
        return identity.with_user(settings.amqp_uri, known["user"], known["password"])
    if party and settings.user_of(party) != settings.own_user:
        raise NotReplayable(f"replay it with {party}'s AMQP_URI: its consumer believes "
                            f"only its own user's republishing")
    return settings.amqp_uri


def replay(settings: Settings, message, uri: str | None = None):
    """Publish ``message`` back to its queue (mandatory, confirmed) as ``uri``'s user (by
    default the owning party's, :func:`replay_uri`); raises if the broker did not take it
    — then the caller leaves the parked copy where it is."""
    headers = {k: v for k, v in (message.headers or {}).items() if k not in PARKING_HEADERS}
    queue = original_queue(message)
    uri = uri or replay_uri(settings, queue)
    with amqp.connection(uri) as connection:  # its own: a returned message spoils a channel
        connection.Producer().publish(
            message.body, exchange="", routing_key=queue, headers=headers,
            delivery_mode=amqp.PERSISTENT, message_id=message.properties.get("message_id"),
            content_type=message.content_type, content_encoding=message.content_encoding,
            user_id=identity.user_of_uri(uri), mandatory=True)


def main(argv=None, config=None):
    parser = argparse.ArgumentParser(prog="python -m chassis.parked")
    parser.add_argument("command", choices=["list", "replay"])
    parser.add_argument("--id", help="replay only the message with this message id")
    args = parser.parse_args(argv)
    settings = Settings.from_mapping(config or nameko_config())
    with amqp.connection(settings.amqp_uri) as conn:
        channel = conn.channel()
        messages = fetch(channel, settings.queue_type)
        for message in messages:
            info = describe(message)
            outcome = ""
            if args.command == "replay" and args.id in (None, info["message_id"]):
                outcome = replay_one(settings, message)
            print(outcome + " | ".join(f"{k}={v}" for k, v in info.items()))
        print(f"{len(messages)} parked message(s)", file=sys.stderr)
        channel.close()  # unacknowledged messages go back to the parked queue


def replay_one(settings, message):
    try:
        replay(settings, message)
    except NotReplayable as exc:
        return f"kept ({exc}) "
    except amqp.CONNECTION_ERRORS + (ChannelError,) as exc:
        return f"kept (the broker did not take it back: {exc}) "
    message.ack()
    return "replayed "


if __name__ == "__main__":
    main()
