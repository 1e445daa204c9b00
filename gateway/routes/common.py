"""What every route module shares: role groups and forwarding to a service."""

from werkzeug.wrappers import Response

from contracts.vocabulary import ROLE_GROUPS
from gateway.console import with_page_headers

# The role groups the routes admit (contracts/vocabulary.py says who each is and why); the
# console never reads them: /me's ``may`` tells it.
ADMIN, ABSENTEES, HEADS, APPROVERS, ORG_MANAGERS, OVERSEERS, COMPLAINT_HANDLERS = (
    ROLE_GROUPS[group] for group in ("ADMIN", "ABSENTEES", "HEADS", "APPROVERS", "ORG_MANAGERS",
                                     "OVERSEERS", "COMPLAINT_HANDLERS"))


class Fixed(str):
    """An argument passed as it is, not looked up in the request."""


def forward(service, method, *inputs):
    """A handler passing the named inputs (actor, body, query, path params) to a service."""
    return lambda c: c.call(service, method, *(
        name if isinstance(name, Fixed) else c.input(name) for name in inputs))


def printable(service, method, *inputs):
    """A handler whose service answers with a printable page (text/html), not JSON."""
    handler = forward(service, method, *inputs)
    return lambda c: with_page_headers(Response(handler(c), mimetype="text/html"))
