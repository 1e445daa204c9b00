"""我的待办 (GET /api/v1/me/todo): what waits for the caller, gathered from every service
at once, each with a short timeout; a service that does not answer leaves its part out
and the answer says which, so the page still loads."""

from datetime import date

from eventlet import GreenPool

SOURCES = ("attendance", "documents", "inquiries", "accountability")
TIMEOUT = 2  # seconds, per service
URGENCY = {"red": 0, "yellow": 1}


def gather(call, actor, services):
    """``{"items", "total", "missing"}`` for ``actor``, most urgent first."""
    try:  # the caller's division decides what a head sees
        division_id = call("posts", "get_staff", actor["id"], timeout=TIMEOUT)["division_id"]
        missing = []
    except Exception:
        division_id, missing = None, ["posts"]

    def ask(service):
        try:
            return service, call(service, "todo", actor, division_id, timeout=TIMEOUT)
        except Exception:
            return service, None
    items = []
    for service, found in GreenPool().imap(ask, [s for s in SOURCES if s in services]):
        if found is None:
            missing.append(service)
        else:
            items += found
    items.sort(key=urgency)
    return {"items": items, "total": len(items), "missing": sorted(missing)}


def urgency(item):
    """Red, then yellow, then by due date (none last), then the oldest."""
    return (URGENCY.get(item.get("signal"), 2), item.get("due") or date.max.isoformat(),
            item.get("since") or "")
