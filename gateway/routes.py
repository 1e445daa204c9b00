"""The gateway's routes (API.md), each a role list and a call into a service."""

from marshmallow import Schema, fields
from werkzeug.wrappers import Response

from gateway.auth import actor_from_header, issue_token
from gateway.dispatch import ANY, PUBLIC, Route
from gateway.errors import GatewayError
from services.accountability import schemas as accountability
from services.attendance import schemas as attendance
from services.documents import schemas as documents
from services.inquiries import schemas as inquiries
from services.posts import schemas as posts

ADMIN = ("admin",)
ORG_MANAGERS = ("admin", "division_head")
ABSENTEES = ("staff", "division_head")  # who files notices and leave requests
APPROVERS = ("division_head", "leader")


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
    staff_id = fields.String()
    role = fields.String()


class ClockIn(Schema):
    now = fields.AwareDateTime(required=True)


class ClockOut(Schema):
    now = fields.AwareDateTime()
    offset_seconds = fields.Float()


def login(c):
    return issue_token(c.settings, c.call("posts", "authenticate", c.body))


class Fixed(str):
    """An argument passed as it is, not looked up in the request."""


def forward(service, method, *inputs):
    """A handler passing the named inputs (actor, body, query, path params) to a service."""
    return lambda c: c.call(service, method, *(
        name if isinstance(name, Fixed) else c.input(name) for name in inputs))


def posts_call(method, *inputs):
    return forward("posts", method, *inputs)


def post_handovers(c):
    return c.call("posts", "list_handovers", {**c.query, "post_id": c.params["id"]})


ROUTES = [
    Route("POST", "/auth/token", PUBLIC, login, "log in", posts.Login, TokenOut),
    Route("GET", "/me", ANY, lambda c: c.call("posts", "get_staff", c.actor["id"]),
          "the caller's staff record", response=posts.StaffOut),
    Route("POST", "/divisions", ADMIN, posts_call("create_division", "actor", "body"),
          "create a division", posts.DivisionIn, posts.DivisionOut, status=201),
    Route("GET", "/divisions", ANY, posts_call("list_divisions", "query"), "list divisions",
          response=posts.DivisionOut, many=True, query=("limit", "offset")),
    Route("GET", "/divisions/{id}", ANY, posts_call("get_division", "id"), "a division",
          response=posts.DivisionOut),
    Route("PUT", "/divisions/{id}", ADMIN, posts_call("update_division", "actor", "id", "body"),
          "change a division's name, head or supervising leader", posts.DivisionUpdate,
          posts.DivisionOut),
    Route("POST", "/staff", ADMIN, posts_call("create_staff", "actor", "body"),
          "create a staff account", posts.StaffIn, posts.StaffOut, status=201),
    Route("GET", "/staff/{id}", ANY, posts_call("get_staff", "id"), "a staff member",
          response=posts.StaffOut),
    Route("POST", "/posts", ORG_MANAGERS, posts_call("create_post", "actor", "body"),
          "create a post with its A holder and ordered B backups", posts.PostIn, posts.PostOut,
          status=201),
    Route("PUT", "/posts/{id}/backups", ORG_MANAGERS,
          posts_call("set_backups", "actor", "id", "body"),
          "replace a post's B backups (order = takeover order)", posts.BackupsIn, posts.PostOut),
    Route("GET", "/posts/{id}", ANY, posts_call("get_post", "id"), "a post",
          response=posts.PostOut),
    Route("GET", "/posts/{id}/handovers", ANY, post_handovers, "handovers of a post",
          response=posts.HandoverOut, many=True, query=("active", "limit", "offset")),
    Route("GET", "/handovers", ANY, posts_call("list_handovers", "query"), "handovers",
          response=posts.HandoverOut, many=True, query=("active", "post_id", "limit", "offset")),
    Route("GET", "/public/signage", PUBLIC, posts_call("signage", "query"),
          "post signage (工作岗位标识牌)", response=posts.SignageCard, many=True,
          query=("division_id", "limit", "offset")),
]


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
              "approve (the approver only)", attendance.DecisionIn, out),
        Route("POST", path + "/{id}/reject", APPROVERS, decide("rejected"),
              "reject with a note (the approver only)", attendance.DecisionIn, out),
        Route("POST", path + "/{id}/return", ABSENTEES,
              call("report_return", "actor", Fixed(kind), "id", "body"),
              "report back (the absent person)", attendance.ReturnIn, out),
        Route("GET", path, ANY, call("list_absences", Fixed(kind), "query"), f"{kind}s",
              response=out, many=True, query=("status", "staff_id", "limit", "offset")),
        Route("GET", path + "/{id}", ANY, call("get_absence", Fixed(kind), "id"), f"a {kind}",
              response=out),
    ]


ROUTES += [
    *absence_routes("notice", "/leave-notices", attendance.NoticeIn),
    *absence_routes("leave", "/leave-requests", attendance.LeaveIn),
    Route("POST", "/absence-reports", APPROVERS,
          forward("attendance", "report_absence", "actor", "body"),
          "report an unauthorised absence (擅自离岗)", attendance.ReportIn, attendance.ReportOut,
          status=201),
    Route("GET", "/public/notice-board", PUBLIC,
          forward("attendance", "notice_board", "query"), "who is away now (离岗告示牌)",
          response=attendance.BoardRow, many=True, query=("division_id", "limit", "offset")),
]


def document_routes():
    """办文限时: incoming documents against their due dates; outgoing numbering."""
    def call(method, *inputs):
        return forward("documents", method, *inputs)

    doc, out = documents.DocumentOut, documents.OutgoingOut
    handle = ABSENTEES  # the assignee or acting B; the service checks which
    return [
        Route("POST", "/documents", ABSENTEES, call("register", "actor", "body"),
              "register an incoming document", documents.DocumentIn, doc, status=201),
        Route("POST", "/documents/{id}/assign", ("division_head",),
              call("assign", "actor", "id", "body"),
              "assign (批办) with a due date, by default 10 working days",
              documents.AssignIn, doc),
        Route("POST", "/documents/{id}/return", handle,
              call("request_return", "actor", "id", "body"),
              "ask to return a document outside the remit", documents.ReasonIn, doc),
        Route("POST", "/documents/{id}/return/approve", ("division_head",),
              call("approve_return", "actor", "id"), "approve the return to the sender",
              response=doc),
        Route("POST", "/documents/{id}/consultations", handle,
              call("open_consultation", "actor", "id", "body"), "open a consultation (会商)",
              documents.ConsultationIn, documents.ConsultationOut, status=201),
        Route("POST", "/documents/{id}/consultations/{cid}/reply", handle,
              call("reply_consultation", "actor", "id", "cid", "body"),
              "record the consultation's reply", documents.ReplyIn, documents.ConsultationOut),
        Route("POST", "/documents/{id}/extensions", handle,
              call("extend", "actor", "id", "body"),
              "extend the due date before it passes; the sender is notified",
              documents.ExtensionIn, doc),
        Route("POST", "/documents/{id}/complete", handle, call("complete", "actor", "id", "body"),
              "complete (the assignee or the acting B)", documents.CompleteIn, doc),
        Route("GET", "/documents", ANY, call("list_documents", "query"), "documents",
              response=doc, many=True,
              query=("status", "assignee_id", "overdue", "limit", "offset")),
        Route("GET", "/documents/{id}", ANY, call("get_document", "id"), "a document",
              response=doc),
        Route("POST", "/documents/outgoing", ABSENTEES, call("create_outgoing", "actor", "body"),
              "draft an outgoing document", documents.OutgoingIn, out, status=201),
        Route("POST", "/documents/outgoing/{id}/sign", ("leader",), call("sign", "actor", "id"),
              "sign (签发)", response=out),
        Route("POST", "/documents/outgoing/{id}/number", ABSENTEES,
              call("number", "actor", "id"), "number (编号): the next of the series this year",
              response=out),
        Route("POST", "/documents/outgoing/{id}/print", ABSENTEES,
              call("print_outgoing", "actor", "id"), "send to print (送印)", response=out),
        Route("GET", "/documents/outgoing/{id}", ANY, call("get_outgoing", "id"),
              "an outgoing document", response=out),
        Route("GET", "/calendar/working-days", ANY, call("working_day", "query"),
              "the n-th working day after a date (China calendar)",
              response=documents.DateOut, query=("from", "n")),
    ]


ROUTES += document_routes()


class CommitmentsOut(Schema):
    items = fields.List(fields.Dict())
    matters = fields.List(fields.Dict())


def one_time_notice(c):
    """一次性告知书 as HTML: for signed-in staff, or the public with the application's token."""
    header = c.request.headers.get("Authorization")
    actor = actor_from_header(c.settings, header) if header else None
    page = c.call("inquiries", "notice_html", c.params["id"], actor, c.query.get("token"))
    return Response(page, mimetype="text/html")


def inquiry_routes():
    """首问 · 一次性告知 · 服务承诺."""
    def call(method, *inputs):
        return forward("inquiries", method, *inputs)

    def close(verb, outcome, body):
        return Route("POST", f"/inquiries/{{id}}/{verb}", ABSENTEES,
                     call("close_inquiry", "actor", "id", Fixed(outcome), "body"),
                     f"close the inquiry: {outcome}", body, inquiries.InquiryOut)

    application = inquiries.ApplicationOut
    return [
        Route("POST", "/matters", ORG_MANAGERS, call("create_matter", "actor", "body"),
              "publish a matter (办事事项) with its materials", inquiries.MatterIn,
              inquiries.MatterOut, status=201),
        Route("GET", "/public/matters", PUBLIC, call("list_matters", "query"),
              "the matter catalogue", response=inquiries.MatterOut, many=True,
              query=("limit", "offset")),
        Route("GET", "/public/matters/{id}", PUBLIC, call("get_matter", "id"), "a matter",
              response=inquiries.MatterOut),
        Route("GET", "/public/commitments", PUBLIC, call("commitments"),
              "published service commitments (服务承诺)", response=CommitmentsOut),
        Route("POST", "/inquiries", ABSENTEES, call("record_inquiry", "actor", "body"),
              "record an inquiry; the caller is its first responder (首问责任人)",
              inquiries.InquiryIn, inquiries.InquiryOut, status=201),
        close("handle", "handled", inquiries.HandleIn),
        close("guide", "guided", inquiries.GuideIn),
        close("redirect", "redirected", inquiries.RedirectIn),
        Route("GET", "/inquiries", ANY, call("list_inquiries", "query"), "inquiries",
              response=inquiries.InquiryOut, many=True,
              query=("status", "first_responder_id", "guided_division_id", "limit", "offset")),
        Route("GET", "/inquiries/{id}", ANY, call("get_inquiry", "id"), "an inquiry",
              response=inquiries.InquiryOut),
        Route("POST", "/applications", ABSENTEES, call("submit_application", "actor", "body"),
              "submit an application: reviewed on the spot", inquiries.ApplicationIn,
              application, status=201),
        Route("POST", "/applications/{id}/resubmit", ABSENTEES,
              call("resubmit", "actor", "id", "body"), "resubmit: a new review",
              inquiries.ResubmissionIn, application),
        Route("GET", "/applications/{id}", ANY, call("get_application", "id"),
              "an application", response=application),
        Route("GET", "/applications/{id}/notice", PUBLIC, one_time_notice,
              "the written one-time notice (一次性告知书), text/html", query=("token",)),
        Route("POST", "/public/complaints", PUBLIC, call("file_complaint", "body", "client"),
              "file a complaint (anonymous allowed)", inquiries.ComplaintIn,
              inquiries.ComplaintOut, status=201),
        Route("GET", "/public/complaints/{id}", PUBLIC,
              lambda c: c.call("inquiries", "complaint_status", c.params["id"],
                               c.query.get("token")),
              "a complaint's status, with its token", response=inquiries.ComplaintOut,
              query=("token",)),
        Route("GET", "/reports/commitments", ("division_head", "leader", "admin"),
              call("commitments_report", "query"), "the semi-annual check (每半年检查)",
              response=inquiries.CommitmentReportRow, many=True, query=("half",)),
    ]


ROUTES += inquiry_routes()


def accountability_routes():
    """责任追究: violations, cases, decisions, the annual appraisal."""
    def call(method, *inputs):
        return forward("accountability", method, *inputs)

    overseers = ("division_head", "leader", "admin")
    case = accountability.CaseOut
    return [
        Route("GET", "/violations", overseers, call("list_violations", "query"),
              "recorded violations with their source events",
              response=accountability.ViolationOut, many=True,
              query=("staff_id", "kind", "limit", "offset")),
        Route("GET", "/cases", overseers, call("list_cases", "query"), "cases", response=case,
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


ROUTES += accountability_routes()


def clock_routes():
    """The test clock's routes, present only with XIAONENG_TEST_CLOCK=1."""
    from chassis.clock import clock

    def read(c):
        return {"now": clock.now().isoformat(), "offset_seconds": clock.offset.total_seconds()}

    def set_clock(c):
        try:
            now = ClockIn().load(c.body)["now"]
        except Exception as exc:  # marshmallow's messages, as the API's error
            raise GatewayError("invalid", "validation_error", "now must be an ISO datetime "
                               "with offset", {"fields": getattr(exc, "messages", {})}) from None
        clock.set_offset(clock.offset_to(now))
        c.dispatch_event("clock_set", {"offset": clock.offset.total_seconds()})
        return read(c)

    return [Route("GET", "/admin/clock", ADMIN, read, "the test clock", response=ClockOut),
            Route("POST", "/admin/clock", ADMIN, set_clock, "set the test clock", ClockIn,
                  ClockOut)]
