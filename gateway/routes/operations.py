"""运维, for administrators: each service's status and the parked messages (replay,
discard). The gateway gathers and reads; a replay is the owning service's (gateway.operations)."""

from chassis.schemas import once
from contracts.rpc import operations as s
from gateway import operations
from gateway.dispatch import Route
from gateway.routes.common import ADMIN


def parked_page(c):
    query = once(s.ParkedQuery).load(c.query)
    items = operations.parked_items(c.settings)
    return {"items": items[query["offset"]:query["offset"] + query["limit"]],
            "total": len(items)}


ROUTES = [
    Route("GET", "/admin/status", ADMIN, lambda c: operations.status(c.call, c.settings),
          "each service's instances, readiness, outbox backlog and parked messages, and the "
          "broker's view (or why it is missing)", response=s.StatusOut),
    Route("GET", "/admin/parked", ADMIN, parked_page,
          "messages set aside with their reasons, newest first", response=s.ParkedPage,
          query=s.ParkedQuery),
    Route("POST", "/admin/parked/{id}/replay", ADMIN,
          lambda c: operations.replay(c.call, c.settings, c.actor, c.params["id"]),
          "back to its queue as the party that owns it (a queue that is gone: 409 "
          "replay_unroutable, and it stays parked)", response=s.ReplayOut),
    Route("POST", "/admin/parked/{id}/discard", ADMIN,
          lambda c: operations.discard(c.settings, c.params["id"]),
          "drop a parked message for good", response=s.DiscardOut),
]
