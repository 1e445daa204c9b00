"""GET /api/v1/me: the caller's record, and what they may start or read beyond one record.

``may`` lists verbs, each a route of the table (``VERBS``): a verb is listed when the route
lets the caller's role through (``dispatch.lets_through``, the check every request meets)
and, where the owning service decides more (a head acts for their own division only), that
service's rules pass for some division: each service's ``may`` RPC runs the checks that
refuse the route as predicates, division by division. ``divisions`` says where such a verb
reaches: ``"all"`` or the ids. A service that does not answer leaves its verbs out, and
``missing`` names it (its routes would not answer either), so the console still loads.
Documents and the gateway decide their verbs by role alone: they are not asked, and their
verbs are listed by the role whether documents answers or not.
"""

from marshmallow import fields

from contracts.rpc import posts
from contracts.rpc.may import EVERY
from gateway.dispatch import ANY, Route, lets_through
from gateway.gathering import ask_each

SOURCES = ("posts", "attendance", "inquiries", "accountability")
VERBS = {  # the domain's verb: the service that owns it, and the route that does it
    "file_notice": ("attendance", "POST", "/leave-notices"),
    "file_leave_request": ("attendance", "POST", "/leave-requests"),
    "report_absence": ("attendance", "POST", "/absence-reports"),
    "check_duty": ("attendance", "POST", "/duty-checks"),
    "register_document": ("documents", "POST", "/documents"),
    "draft_outgoing": ("documents", "POST", "/documents/outgoing"),
    "record_inquiry": ("inquiries", "POST", "/inquiries"),
    "submit_application": ("inquiries", "POST", "/applications"),
    "publish_matter": ("inquiries", "POST", "/matters"),
    "read_complaints": ("inquiries", "GET", "/complaints"),
    "read_commitments": ("inquiries", "GET", "/reports/commitments"),
    "record_violation": ("accountability", "POST", "/violations"),
    "read_violations": ("accountability", "GET", "/violations"),
    "read_cases": ("accountability", "GET", "/cases"),
    "submit_duty_report": ("accountability", "POST", "/duty-reports"),
    "read_appraisals": ("accountability", "GET", "/appraisals"),
    "read_statistics": ("accountability", "GET", "/stats/overview"),
    "read_audit": ("accountability", "GET", "/audit"),
    "manage_organisation": ("posts", "POST", "/divisions"),
    "manage_posts": ("posts", "POST", "/posts"),
    "operate": ("gateway", "GET", "/admin/status"),
}


class MeOut(posts.MeOut):
    may = fields.List(fields.String(), metadata={
        "description": "what the caller may start or read beyond one record: "
                       + ", ".join(VERBS)})
    divisions = fields.Dict(keys=fields.String(), values=fields.Raw(), metadata={
        "description": "where a verb decided by division reaches: \"all\" or division ids"})
    missing = fields.List(fields.String(), metadata={
        "description": "services that did not answer: their verbs are left out"})


def route(routes):
    """The GET /me route, judging the verbs by ``routes`` (the gateway's table)."""
    by_key = {(r.method, r.path): r for r in routes}
    routed = {verb: (owner, by_key[method, path])  # a KeyError: a verb names no route
              for verb, (owner, method, path) in VERBS.items()}
    return Route("GET", "/me", ANY, lambda c: me(c, routed),
                 "the caller's staff record, with whom they act for now (acting_for), what "
                 "they may start or read (may) and where (divisions)", response=MeOut)


def me(c, routed):
    """The record with ``may``, ``divisions`` and ``missing`` (see the module)."""
    record = c.call("posts", "me", c.actor["id"])
    found, missing = ask_each(c.call, [s for s in SOURCES if s in c.settings.services], "may",
                              c.actor)
    answers = {verb: reach for answer in found.values() for verb, reach in answer.items()}
    allowed = [verb for verb, (owner, route) in routed.items()
               if lets_through(route, c.actor["role"])
               and owner not in missing and answers.get(verb) != []]
    return {**record, "may": allowed, "missing": sorted(missing), "divisions": {
        verb: EVERY if EVERY in reach else reach
        for verb, reach in answers.items() if verb in allowed}}

