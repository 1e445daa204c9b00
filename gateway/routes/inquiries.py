"""Inquiries: first inquiries, one-time notices, complaints, service commitments."""

from marshmallow import Schema, fields
from werkzeug.wrappers import Response

from contracts.fields import PageArgs
from contracts.rpc import inquiries, referrals
from gateway import exports
from gateway.auth import actor_from_header
from gateway.console import with_page_headers
from gateway.dispatch import ANY, PUBLIC, Route
from gateway.routes.common import (
    ABSENTEES,
    COMPLAINT_HANDLERS,
    HEADS,
    ORG_MANAGERS,
    OVERSEERS,
    Fixed,
    forward,
)


class TokenQuery(Schema):
    token = fields.String(metadata={"description": "the applicant's token (public readers)"})


class Commitment(Schema):
    title = fields.String()
    text = fields.String()


class CommittedMatter(Schema):
    id = fields.String()
    name = fields.String()
    time_limit_days = fields.Integer()


class CommitmentsOut(Schema):
    items = fields.List(fields.Nested(Commitment))
    matters = fields.List(fields.Nested(CommittedMatter))


def one_time_notice(c):
    """一次性告知书 as HTML: for signed-in staff, or the public with the application's token."""
    header = c.request.headers.get("Authorization")
    actor = actor_from_header(c.settings, c.revocations, header) if header else None
    page = c.call("inquiries", "notice_html", c.params["id"], actor, c.query.get("token"))
    return with_page_headers(Response(page, mimetype="text/html"))




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
              "publish a matter (办事事项) with its materials; time limit 0: 即办",
              inquiries.MatterIn, inquiries.MatterRecord, status=201),
        Route("PUT", "/matters/{id}", ORG_MANAGERS,
              call("revise_matter", "actor", "id", "body"),
              "revise a matter: its version rises, earlier versions are kept (admin, the "
              "division's head)", inquiries.MatterIn, inquiries.MatterRecord),
        Route("POST", "/matters/{id}/withdraw", ORG_MANAGERS,
              call("withdraw_matter", "actor", "id", "body"),
              "withdraw a matter from the catalogue (admin, the division's head)",
              inquiries.WithdrawIn, inquiries.MatterRecord),
        Route("GET", "/matters", ANY, call("list_matter_records", "actor", "query"),
              "every matter, withdrawn ones too, with what the caller may do",
              response=inquiries.MatterRecord, many=True, query=PageArgs),
        Route("GET", "/matters/{id}", ANY, call("get_matter_record", "actor", "id"),
              "a matter, withdrawn or not", response=inquiries.MatterRecord),
        Route("GET", "/public/matters", PUBLIC, call("list_matters", "query"),
              "the matter catalogue", response=inquiries.MatterOut, many=True,
              query=PageArgs),
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
        Route("POST", "/inquiries/{id}/answer", ABSENTEES,
              call("answer_inquiry", "actor", "id", "body"),
              "answer a guided inquiry: staff or head of the division it was guided to",
              inquiries.AnswerIn, inquiries.InquiryOut),
        Route("GET", "/inquiries", ANY, call("list_inquiries", "actor", "query"), "inquiries",
              response=inquiries.InquiryOut, many=True,
              query=inquiries.InquiryQuery),
        Route("GET", "/inquiries/{id}", ANY, call("get_inquiry", "actor", "id"), "an inquiry",
              response=inquiries.InquiryOut),
        Route("POST", "/applications", ABSENTEES, call("submit_application", "actor", "body"),
              "submit an application: reviewed on the spot", inquiries.ApplicationIn,
              application, status=201),
        Route("POST", "/applications/{id}/complete", ABSENTEES,
              call("complete_application", "actor", "id", "body"),
              "complete (办结): the reviewer who accepted it or their acting B",
              inquiries.CompleteIn, application),
        Route("POST", "/applications/{id}/resubmit", ABSENTEES,
              call("resubmit", "actor", "id", "body"), "resubmit: a new review",
              inquiries.ResubmissionIn, application),
        Route("GET", "/applications/{id}", ANY, call("get_application", "actor", "id"),
              "an application", response=application),
        Route("POST", "/applications/{id}/referrals", ABSENTEES,
              call("refer", "actor", "id", "body"),
              "refer a question to another division or an outside unit (六.4): its reviewer "
              "or their acting B", referrals.ReferralIn, referrals.ReferralOut, status=201),
        Route("POST", "/referrals/{id}/answer", HEADS,
              call("answer_referral", "actor", "id", "body"),
              "answer a referral: staff or head of the division referred to; for an outside "
              "unit, the reviewer records its answer", referrals.ReferralAnswerIn,
              referrals.ReferralOut),
        Route("GET", "/public/applications/{id}", PUBLIC,
              lambda c: c.call("inquiries", "application_status", c.params["id"],
                               c.query.get("token")),
              "an application's status and its referrals' answers, with its token",
              response=referrals.PublicApplicationOut, query=TokenQuery),
        Route("GET", "/applications/{id}/notice", PUBLIC, one_time_notice,
              "the written notice, text/html: 一次性告知书 (returned) or 不予受理告知书 (refused)",
              query=TokenQuery),
        Route("POST", "/public/complaints", PUBLIC, call("file_complaint", "body", "client"),
              "file a complaint (anonymous allowed)", inquiries.ComplaintIn,
              inquiries.ComplaintOut, status=201),
        Route("GET", "/public/complaints/{id}", PUBLIC,
              lambda c: c.call("inquiries", "complaint_status", c.params["id"],
                               c.query.get("token")),
              "a complaint's status, with its token", response=inquiries.ComplaintOut,
              query=TokenQuery),
        Route("GET", "/complaints", COMPLAINT_HANDLERS, call("list_complaints", "actor", "query"),
              "complaints: a head (or acting head) sees those about their division and its "
              "staff", response=inquiries.ComplaintRecord, many=True,
              query=inquiries.ComplaintQuery),
        Route("GET", "/complaints/{id}", COMPLAINT_HANDLERS, call("get_complaint", "actor", "id"),
              "a complaint, for those who may handle it", response=inquiries.ComplaintRecord),
        Route("POST", "/complaints/{id}/investigate", COMPLAINT_HANDLERS,
              call("investigate_complaint", "actor", "id"),
              "take up a complaint (核查): the caller investigates it; never one naming "
              "the caller (回避)", response=inquiries.ComplaintRecord),
        Route("POST", "/complaints/{id}/conclude", COMPLAINT_HANDLERS,
              call("conclude_complaint", "actor", "id", "body"),
              "conclude: substantiated (认定属实, a violation) or not, with the reply",
              inquiries.ConclusionIn, inquiries.ComplaintRecord),
        exports.exportable(Route(
            "GET", "/reports/commitments", OVERSEERS, call("commitments_report", "query"),
            "the semi-annual check (每半年检查)", response=inquiries.CommitmentReportRow,
            many=True, query=inquiries.HalfQuery), exports.COMMITMENTS),
    ]


ROUTES = inquiry_routes()
