"""What every route module shares: role groups and forwarding to a service."""

from werkzeug.wrappers import Response

from gateway.console import with_page_headers

ADMIN = ("admin",)
ABSENTEES = ("staff", "division_head")  # who files notices, handles documents and inquiries
# Head powers follow the head (``head_id``), not the role, and pass to whoever acts for an
# absent head (五.3: a B, who may be staff, else the supervising leader): the gateway lets
# every role that may hold them through, and the owning service decides.
HEADS = ("staff", "division_head", "leader")
APPROVERS = HEADS  # a head's (or acting head's) approvals, a leader's for heads
ORG_MANAGERS = ("admin", *HEADS)
OVERSEERS = ("division_head", "leader", "admin")


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
