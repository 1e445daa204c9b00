"""Accountability (责任追究): violations, cases, decisions, the annual appraisal."""

from gateway.dispatch import ANY, Route
from gateway.routes.common import OVERSEERS, forward
from services.accountability import schemas as accountability


def accountability_routes():
    """责任追究: violations, cases, decisions, the annual appraisal."""
    def call(method, *inputs):
        return forward("accountability", method, *inputs)


    case = accountability.CaseOut
    return [
        Route("GET", "/violations", OVERSEERS, call("list_violations", "query"),
              "recorded violations with their source events",
              response=accountability.ViolationOut, many=True,
              query=("staff_id", "kind", "limit", "offset")),
        Route("GET", "/cases", OVERSEERS, call("list_cases", "query"), "cases", response=case,
              many=True, query=("staff_id", "status", "limit", "offset")),
        Route("POST", "/cases/{id}/decide", ("leader",), call("decide", "actor", "id", "body"),
              "decide a case: outcome, measures, note", accountability.DecisionIn, case),
        Route("POST", "/cases/{id}/dismiss", ("leader",), call("dismiss", "actor", "id", "body"),
              "dismiss a case with its reason", accountability.DismissalIn, case),
        Route("GET", "/appraisals/{staff_id}", ANY,
              call("appraisal", "actor", "staff_id", "query"),
              "annual appraisal (年度考核): the person, their head, a leader or an admin",
              response=accountability.AppraisalOut, query=("year",)),
    ]


ROUTES = accountability_routes()
