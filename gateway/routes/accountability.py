"""Accountability (责任追究): violations, cases, decisions, the annual appraisal."""

from chassis.errors import Unavailable
from contracts.rpc import accountability
from gateway import exports
from gateway.dispatch import ANY, Route
from gateway.routes.common import ABSENTEES, ADMIN, HEADS, OVERSEERS, forward


def appraisal(c):
    """年度考核: accountability's counts (it decides who may read them) with the year's two
    semi-annual checks (三.6), which inquiries keeps; with inquiries down the appraisal still
    answers, its checks ``null`` and ``missing`` saying why (as 我的待办 does)."""
    found = c.call("accountability", "appraisal", c.actor, c.input("staff_id"),
                   c.input("query"))
    try:
        checks = c.call("inquiries", "half_year_checks", found["staff_id"], found["year"])
    except Unavailable:
        return {**found, "half_year_checks": None, "missing": ["inquiries"]}
    return {**found, "half_year_checks": checks, "missing": []}


def accountability_routes():
    """责任追究: violations, cases, decisions, the annual appraisal."""
    def call(method, *inputs):
        return forward("accountability", method, *inputs)

    case, violation = accountability.CaseOut, accountability.ViolationOut
    report = accountability.DutyReportOut

    def judge(verb, body, summary):
        return Route("POST", f"/violations/{{id}}/{verb}", ("leader",),
                     call(verb, "actor", "id", "body"), summary, body, violation)

    return [
        exports.exportable(Route(
            "GET", "/violations", ANY, call("list_violations", "actor", "query"),
            "violations with their source events; staff see their own",
            response=violation, many=True, query=accountability.ViolationQuery),
            exports.VIOLATIONS),
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
        Route("POST", "/duty-reports", ABSENTEES, call("submit_duty_report", "actor", "body"),
              "report on one's year (一.4 个人总结/述职): one per person and year",
              accountability.DutyReportIn, report, status=201),
        Route("GET", "/duty-reports", ANY, call("list_duty_reports", "actor", "query"),
              "duty reports: one's own, one's divisions' for a head, all for leaders and "
              "admins", response=report, many=True, query=accountability.DutyReportQuery),
        Route("GET", "/duty-reports/{id}", ANY, call("get_duty_report", "actor", "id"),
              "a duty report", response=report),
        Route("POST", "/duty-reports/{id}/review", HEADS,
              call("review_duty_report", "actor", "id", "body"),
              "review a report (评议): the person's head (or acting head), a head's by the "
              "supervising leader; never one's own", accountability.DutyReviewIn, report),
        exports.exportable(Route(
            "GET", "/appraisals", ANY, call("division_appraisals", "actor", "query"),
            "a division's appraisals (年度考核), one row a person: its head (or acting head), "
            "a leader or an admin; every division's for a leader or an admin who names none",
            response=accountability.AppraisalRowOut, many=True,
            query=accountability.DivisionAppraisalQuery), exports.APPRAISALS),
        Route("GET", "/appraisals/{staff_id}", ANY, appraisal,
              "annual appraisal (年度考核): the person, their head, a leader or an admin",
              response=accountability.AppraisalOut, query=accountability.YearQuery),
        exports.exportable(Route(
            "GET", "/audit", ADMIN, call("audit_trail", "actor", "query"),
            "the audit trail (审计): every successful write, newest first",
            response=accountability.AuditEntryOut, many=True, query=accountability.AuditQuery),
            exports.AUDIT),
    ]


ROUTES = accountability_routes()
