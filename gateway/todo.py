"""我的待办 (GET /api/v1/me/todo): what waits for the caller, gathered from every service
at once, each with a short timeout; a service that does not answer leaves its part out
and the answer says which, so the page still loads. Each item gets the console page it is
handled on (``contracts.todo.link``): the services say what an item is, not where."""

from datetime import date

from contracts.todo import link
from gateway.gathering import TIMEOUT, ask_each

SOURCES = ("attendance", "documents", "inquiries", "accountability")
URGENCY = {"red": 0, "yellow": 1}


def gather(call, actor, services):
    """``{"items", "total", "missing"}`` for ``actor``, most urgent first."""
    try:  # the caller's division decides what a head sees
        division_id = call("posts", "get_staff", actor["id"], timeout=TIMEOUT)["division_id"]
        missing = []
    except Exception:
        division_id, missing = None, ["posts"]
    answers, silent = ask_each(call, [s for s in SOURCES if s in services], "todo", actor,
                               division_id)
    missing += silent
    items = [{**item, "link": link(item)} for found in answers.values() for item in found]
    items.sort(key=urgency)
    return {"items": items, "total": len(items), "missing": sorted(missing)}


def urgency(item):
    """Red, then yellow, then by due date (none last), then the oldest."""
    return (URGENCY.get(item.get("signal"), 2), item.get("due") or date.max.isoformat(),
            item.get("since") or "")
