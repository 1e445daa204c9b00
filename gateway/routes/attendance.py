"""Attendance: leave-post notices, leave requests, absence reports, the notice board."""

from contracts.rpc import attendance
from gateway.dispatch import ANY, PUBLIC, Route
from gateway.routes.common import ABSENTEES, APPROVERS, Fixed, forward


def absence_routes(kind, path, body):
    """Filing, deciding, reporting back and reading notices or leave requests."""
    def call(method, *inputs):
        return forward("attendance", method, *inputs)

    def decide(decision):
        return call("decide", "actor", Fixed(kind), "id", Fixed(decision), "body")

    out = attendance.AbsenceOut
    return [
        Route("POST", path, ABSENTEES, call(f"file_{kind}", "actor", "body"),
              f"file a {kind}", body, out, status=201),
        Route("POST", path + "/{id}/approve", APPROVERS, decide("approved"),
              "approve (the approver only: the head, or whoever acts for them)",
              attendance.DecisionIn, out),
        Route("POST", path + "/{id}/reject", APPROVERS, decide("rejected"),
              "reject with a note (the approver only)", attendance.DecisionIn, out),
        Route("POST", path + "/{id}/return", ABSENTEES,
              call("report_return", "actor", Fixed(kind), "id", "body"),
              "report back (the absent person): the report is the return",
              attendance.ReturnIn, out),
        Route("POST", path + "/{id}/acknowledge", APPROVERS,
              call("acknowledge_return", "actor", Fixed(kind), "id", "body"),
              "take note of the return report (the approver only), correcting its time "
              "with a note if need be", attendance.AcknowledgeIn, out),
        Route("GET", path, ANY, call("list_absences", "actor", Fixed(kind), "query"),
              f"{kind}s", response=out, many=True, query=attendance.AbsenceQuery),
        Route("GET", path + "/{id}", ANY, call("get_absence", "actor", Fixed(kind), "id"),
              f"a {kind}", response=out),
    ]


ROUTES = [
    *absence_routes("notice", "/leave-notices", attendance.NoticeIn),
    *absence_routes("leave", "/leave-requests", attendance.LeaveIn),
    Route("POST", "/absence-reports", APPROVERS,
          forward("attendance", "report_absence", "actor", "body"),
          "report an unauthorised absence (擅自离岗)", attendance.ReportIn, attendance.ReportOut,
          status=201),
    Route("GET", "/public/notice-board", PUBLIC,
          forward("attendance", "notice_board", "query"), "who is away now (离岗告示牌)",
          response=attendance.BoardRow, many=True, query=attendance.BoardQuery),
]
