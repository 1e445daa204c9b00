"""运维 (GET /api/v1/admin/status, /admin/parked): what an operator sees of the running
system, gathered at once with short timeouts so a silent service or an unreachable
management API leaves its part out and the answer says so.

The gateway reads the parked queue as its own broker user (it may read it, as every party
may) and discards from it; a replay goes back as the party that owns the message's queue,
so the gateway asks that service to replay it (chassis.operations) — it never speaks for
a service.
"""

from urllib.parse import quote, unquote, urlsplit

import requests
from amqp.exceptions import ChannelError
from eventlet import GreenPool

from chassis import amqp, identity, parked
from chassis.errors import Conflict, Unavailable
from chassis.operations import not_found, replay_own

TIMEOUT = 2  # seconds, per service and for the management API
MAX_PROBES = 8  # status calls per service, to hear from each of its instances


def status(call, settings):
    """``{services, broker, parked, missing}``: each service's instances, readiness,
    outbox backlog and parked messages, and the broker's view of its queues."""
    broker = broker_view(settings)
    try:
        counts = parked_counts(settings)
    except UNREACHABLE:
        counts = None
    queues = broker.get("queues", {})
    services = list(GreenPool().imap(
        lambda name: service_status(call, name, queues.get(f"rpc-{name}"), counts),
        settings.services))
    broker.pop("queues", None)
    return {"services": services, "broker": broker,
            "parked": None if counts is None else sum(counts.values()),
            "missing": [s["name"] for s in services if not s["instances"]]}


def service_status(call, name, rpc_queue, counts):
    """One service as its instances answer ``status``: asked as many times as its RPC queue
    has consumers (the broker hands the calls round, one to each), else once."""
    consumers = rpc_queue["consumers"] if rpc_queue else None

    def ask(_):
        try:
            return call(name, "status", timeout=TIMEOUT)
        except Exception:  # noqa: BLE001 - a silent instance is what this reports
            return None
    answers = [a for a in GreenPool().imap(ask, range(min(max(consumers or 1, 1), MAX_PROBES)))
               if a]
    instances = {a["instance"]: {"id": a["instance"], "metrics_url": a.get("metrics_url"),
                                 "ready": a["ready"]} for a in answers}
    backlog = [a for a in answers if a["ready"]]
    return {"name": name, "ready": bool(backlog), "instances": list(instances.values()),
            "outbox_unpublished": max((a["outbox_unpublished"] for a in backlog),
                                      default=None),
            "outbox_oldest_seconds": max((a["outbox_oldest_seconds"] for a in backlog),
                                         default=None),
            "parked": None if counts is None else counts.get(name, 0),
            "consumers": consumers}


def broker_view(settings):
    """The broker's own account of this vhost's queues, from its management API with the
    monitoring account (``XIAONENG_BROKER_MONITOR_USERNAME``/``_PASSWORD``), if there is
    one: ``available`` false and the reason otherwise."""
    user, password = settings.broker_monitor
    url = settings.broker_management_url
    if not user:
        return {"available": False, "url": url,
                "reason": "no monitoring account: set XIAONENG_BROKER_MONITOR_USERNAME"}
    path = urlsplit(identity.brokers(settings.amqp_uri)[0]).path  # a cluster: every node's
    vhost = unquote(path[1:]) if len(path) > 1 else "/"
    try:
        response = requests.get(f"{url}/api/queues/{quote(vhost, safe='')}",
                                params={"columns": "name,consumers,messages"},
                                auth=(user, password), timeout=TIMEOUT)
        response.raise_for_status()
        queues = {q["name"]: {"consumers": q.get("consumers", 0),
                              "messages": q.get("messages", 0)} for q in response.json()}
    except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
        return {"available": False, "url": url,
                "reason": f"the management API did not answer: {exc}"[:300]}
    return {"available": True, "url": url, "queues": queues, "queue_count": len(queues),
            "parked_messages": queues.get(amqp.PARKED, {}).get("messages", 0),
            # retrying and parking queues are read by nobody by design
            "queues_without_consumers": sorted(
                name for name, q in queues.items()
                if not q["consumers"] and not name.startswith("xiaoneng."))}


UNREACHABLE = amqp.CONNECTION_ERRORS + (ChannelError,)


def browse(settings, act):
    """``act(channel)`` on a channel of the gateway's own; whatever it did not acknowledge
    goes back to the parked queue when the channel closes."""
    try:
        with amqp.connection(settings.amqp_uri) as connection:
            channel = connection.channel()
            try:
                return act(channel)
            finally:
                channel.close()
    except UNREACHABLE as exc:
        raise Unavailable(f"the message broker is unreachable: {exc}") from None


def parked_items(settings):
    """Every parked message as the API shows it, newest first."""
    def listed(channel):
        found = {}
        for message in parked.fetch(channel, settings.queue_type):
            found.setdefault(parked.parked_id(message), parked.item(message))
        return sorted(found.values(), key=lambda i: i["parked_at"] or "", reverse=True)
    return browse(settings, listed)


def parked_counts(settings):
    """``{owning party: how many of its messages are parked}``."""
    counts = {}
    for item in parked_items(settings):
        counts[item["service"]] = counts.get(item["service"], 0) + 1
    return counts


def find(settings, parked_id):
    """The parked message ``parked_id`` as the API shows it (left parked), or 404."""
    def look(channel):
        message, _ = parked.taken(channel, settings.queue_type, parked_id)
        if message is None:
            raise not_found(parked_id)
        return parked.item(message)
    return browse(settings, look)


def discard(settings, parked_id):
    def drop(channel):
        message, _ = parked.taken(channel, settings.queue_type, parked_id)
        if message is None:
            raise not_found(parked_id)
        message.ack()
        return {"id": parked_id, "discarded": True}
    return browse(settings, drop)


def replay(call, settings, actor, parked_id):
    """Back to its queue as the party that owns it: a service replays its own; the gateway
    only what its own consumers parked."""
    owner = find(settings, parked_id)["service"]
    if owner in settings.services:
        return call(owner, "replay_parked", actor, parked_id)
    if owner == "gateway":
        return browse(settings, lambda channel: replay_own(settings, channel, parked_id,
                                                           "gateway"))
    raise Conflict("nobody here may replay it: its queue belongs to no party of this system",
                   {"id": parked_id, "owner": owner}, code="replay_unowned")
