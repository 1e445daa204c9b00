"""Documents (办文限时): incoming documents against due dates, outgoing numbering."""

from contracts.rpc import documents
from gateway.dispatch import ANY, Route
from gateway.routes.common import ABSENTEES, HEADS, Fixed, forward, printable


def document_routes():
    """办文限时: incoming documents against their due dates; outgoing numbering."""
    def call(method, *inputs):
        return forward("documents", method, *inputs)

    doc, out = documents.DocumentOut, documents.OutgoingOut
    handle = ABSENTEES  # the assignee or acting B; the service checks which
    return [
        Route("POST", "/documents", ABSENTEES, call("register", "actor", "body"),
              "register an incoming document", documents.DocumentIn, doc, status=201),
        Route("POST", "/documents/{id}/assign", HEADS,
              call("assign", "actor", "id", "body"),
              "assign (批办) with a due date, by default 10 working days: the division's "
              "head, or whoever acts for them", documents.AssignIn, doc),
        Route("POST", "/documents/{id}/return", handle,
              call("request_return", "actor", "id", "body"),
              "ask to return a document outside the remit", documents.ReasonIn, doc),
        Route("POST", "/documents/{id}/return/approve", HEADS,
              call("decide_return", "actor", "id", Fixed("approved"), "body"),
              "agree to the return to the sender (the head)", documents.NoteIn, doc),
        Route("POST", "/documents/{id}/return/reject", HEADS,
              call("decide_return", "actor", "id", Fixed("rejected"), "body"),
              "refuse the return, with a note: the assignee goes on (the head)",
              documents.NoteIn, doc),
        Route("POST", "/documents/{id}/consultations", handle,
              call("open_consultation", "actor", "id", "body"), "open a consultation (会商)",
              documents.ConsultationIn, documents.ConsultationOut, status=201),
        Route("POST", "/documents/{id}/consultations/{cid}/reply", handle,
              call("reply_consultation", "actor", "id", "cid", "body"),
              "record the consultation's reply", documents.ReplyIn, documents.ConsultationOut),
        Route("POST", "/documents/{id}/extensions", handle,
              call("extend", "actor", "id", "body"),
              "ask the head for an extension before the due date passes (one at a time)",
              documents.ExtensionIn, documents.ExtensionOut, status=201),
        Route("POST", "/documents/{id}/extensions/{eid}/approve", HEADS,
              call("decide_extension", "actor", "id", "eid", Fixed("approved"), "body"),
              "approve an extension (the head): the due date moves, the sender is told",
              documents.NoteIn, documents.ExtensionOut),
        Route("POST", "/documents/{id}/extensions/{eid}/reject", HEADS,
              call("decide_extension", "actor", "id", "eid", Fixed("rejected"), "body"),
              "reject an extension with a note (the head): nothing moves",
              documents.NoteIn, documents.ExtensionOut),
        Route("POST", "/documents/{id}/complete", handle, call("complete", "actor", "id", "body"),
              "complete (the assignee or the acting B)", documents.CompleteIn, doc),
        Route("GET", "/documents", ANY, call("list_documents", "actor", "query"), "documents",
              response=doc, many=True,
              query=documents.DocumentQuery),
        Route("GET", "/documents/{id}", ANY, call("get_document", "actor", "id"),
              "a document, incoming or outgoing (see direction)",
              response=documents.DocumentAnyOut),
        Route("GET", "/documents/{id}/extension-letter", ANY,
              printable("documents", "letter", "id", Fixed("extension")),
              "延期办理告知函 to the sending unit, text/html (404 before an extension)"),
        Route("GET", "/documents/{id}/return-letter", ANY,
              printable("documents", "letter", "id", Fixed("return")),
              "退文说明 to the sending unit, text/html (404 before an approved return)"),
        Route("POST", "/documents/outgoing", ABSENTEES, call("create_outgoing", "actor", "body"),
              "draft an outgoing document", documents.OutgoingIn, out, status=201),
        Route("POST", "/documents/outgoing/{id}/sign", ("leader",), call("sign", "actor", "id"),
              "sign (签发)", response=out),
        Route("POST", "/documents/outgoing/{id}/number", ABSENTEES,
              call("number", "actor", "id"), "number (编号): the next of the series this year",
              response=out),
        Route("POST", "/documents/outgoing/{id}/print", ABSENTEES,
              call("print_outgoing", "actor", "id"), "send to print (送印)", response=out),
        Route("GET", "/documents/outgoing/{id}", ANY, call("get_outgoing", "actor", "id"),
              "an outgoing document", response=out),
        Route("GET", "/calendar/working-days", ANY, call("working_day", "query"),
              "the n-th working day after a date (China calendar)",
              response=documents.DateOut, query=documents.WorkingDayQuery),
    ]


ROUTES = document_routes()
