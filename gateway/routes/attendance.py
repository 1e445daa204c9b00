"""Attendance: leave-post notices, leave requests, absence reports, the notice board."""

from contracts.rpc import attendance
from gateway.dispatch import ANY, PUBLIC, Route
from gateway.routes.common import ABSENTEES, ADMIN, APPROVERS, HEADS, Fixed, forward


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
    Route("POST", "/duty-checks", (*HEADS, *ADMIN),
          forward("attendance", "record_duty_check", "actor", "body"),
          "在岗检查 (七.6): the division's head (or acting head), its supervising leader or "
          "an admin records who was found away; each not excused by an absence covering "
          "the moment is an unauthorised absence", attendance.DutyCheckIn,
          attendance.DutyCheckOut, status=201),
    Route("GET", "/duty-checks", (*HEADS, *ADMIN),
          forward("attendance", "list_duty_checks", "actor", "query"),
          "spot checks, newest first: of a division, else of those the caller checks",
          response=attendance.DutyCheckOut, many=True, query=attendance.DutyCheckQuery),
    Route("GET", "/public/notice-board", PUBLIC,
          forward("attendance", "notice_board", "query"), "who is away now (离岗告示牌)",
          response=attendance.BoardRow, many=True, query=attendance.BoardQuery),
]
