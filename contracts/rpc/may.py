"""What a caller may start or read beyond one record (GET /api/v1/me: ``may`` and
``divisions``). Each service that decides more than a route's roles answers ``may(actor)``
with ``{verb: divisions}``, found by running the very checks that refuse the route as
predicates, one division at a time; the gateway adds the routes' roles."""

from collections.abc import Callable, Iterable

from chassis.errors import permitted

EVERY = "all"  # the verb reaches every division
ELSEWHERE = ""  # a division the caller has no tie to: a check it passes passes everywhere


def reach(check: Callable[[str], object], division_ids: Iterable[str]) -> list[str]:
    """``["all"]`` when ``check(division_id)`` passes for a division the caller has no tie
    to; else the ids among ``division_ids`` it passes for (none: not allowed)."""
    found = permitted({d: (lambda d=d: check(d)) for d in (ELSEWHERE, *division_ids)})
    return [EVERY] if ELSEWHERE in found else found
