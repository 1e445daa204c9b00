"""Accountability (责任追究): violations, cases, decisions, the annual appraisal."""

from contracts.rpc import accountability
from gateway.dispatch import ANY, Route
from gateway.routes.common import ADMIN, HEADS, OVERSEERS, forward


def accountability_routes():
    """责任追究: violations, cases, decisions, the annual appraisal."""
    def call(method, *inputs):
        return forward("accountability", method, *inputs)

    case, violation = accountability.CaseOut, accountability.ViolationOut

    def judge(verb, body, summary):
        return Route("POST", f"/violations/{{id}}/{verb}", ("leader",),
                     call(verb, "actor", "id", "body"), summary, body, violation)

    return [
        Route("GET", "/violations", ANY, call("list_violations", "actor", "query"),
              "violations with their source events; staff see their own",
              response=violation, many=True,
              query=accountability.ViolationQuery),
        Route("POST", "/violations", (*HEADS, *ADMIN),
              call("record_duty_failure", "actor", "body"),
              "record a duty failure (一.5): a head (or acting head) for their division's "
              "staff, a leader or an admin; never one's own",
              accountability.DutyFailureIn, violation, status=201),
        Route("GET", "/violations/{id}", ANY, call("get_violation", "actor", "id"),
              "a violation: staff see their own", response=violation),
        Route("POST", "/violations/{id}/contest", ANY, call("contest", "actor", "id", "body"),
              "explain (情况说明): the person it is held against", accountability.ContestIn,
              violation),
        judge("uphold", accountability.UpholdIn, "uphold a violation (维持), with a note"),
        judge("waive", accountability.WaiveIn,
              "waive a violation (撤销), with the reason: it leaves every count"),
        Route("GET", "/cases", OVERSEERS, call("list_cases", "actor", "query"), "cases",
              response=case, many=True, query=accountability.CaseQuery),
        Route("GET", "/cases/{id}", OVERSEERS, call("get_case", "actor", "id"), "a case",
              response=case),
        Route("POST", "/cases/{id}/decide", ("leader",), call("decide", "actor", "id", "body"),
              "decide a case (裁定): severity by circumstances, outcome, measures, note",
              accountability.DecisionIn, case),
        Route("POST", "/cases/{id}/dismiss", ("leader",), call("dismiss", "actor", "id", "body"),
              "dismiss a case with its reason", accountability.DismissalIn, case),
        Route("GET", "/appraisals/{staff_id}", ANY,
              call("appraisal", "actor", "staff_id", "query"),
              "annual appraisal (年度考核): the person, their head, a leader or an admin",
              response=accountability.AppraisalOut, query=accountability.YearQuery),
        Route("GET", "/audit", ADMIN, call("audit_trail", "actor", "query"),
              "the audit trail (审计): every successful write, newest first",
              response=accountability.AuditEntryOut, many=True,
              query=accountability.AuditQuery),
    ]


ROUTES = accountability_routes()
