"""The audit trail (审计): every write a service committed for a request through the
gateway, raised by that service with the write itself (``write_recorded``, through its
outbox: none is lost to a crash), and every refused or throttled sign-in; kept here in one
trail and read newest first by admins."""

import sqlalchemy as sa

from chassis.db import DriverInsert
from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import matching, once, page
from contracts.rpc import accountability as s
from office.acting import acting
from services.accountability.models import AuditEntry
from services.accountability.rules import audit

# One entry a write through any gateway: the hottest insert of the service.
_insert_entry = DriverInsert(AuditEntry.__table__)


def audit_handler(source):
    """The entrypoint keeping ``source``'s audit entries."""
    @handle_event(source, "write_recorded")
    def keep(self, event):
        with self.uow as work:
            _insert_entry(work.session.connection(), {"id": event.id, **event.data})
    keep.__name__ = f"on_{source}_write_recorded"
    return keep


class AuditEntrypoints:
    on_posts_write_recorded = audit_handler("posts")
    on_attendance_write_recorded = audit_handler("attendance")
    on_documents_write_recorded = audit_handler("documents")
    on_inquiries_write_recorded = audit_handler("inquiries")
    on_accountability_write_recorded = audit_handler("accountability")
    on_notifications_write_recorded = audit_handler("notifications")

    @rpc
    def audit_trail(self, actor, query=None):
        audit.check_auditor(acting(actor))
        args = once(s.AuditQuery).load(query or {})
        select = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id)
        select = matching(select, AuditEntry, args, ("actor_id", "correlation_id"))
        if args.get("since"):
            select = select.where(AuditEntry.at >= args["since"])
        if args.get("until"):
            select = select.where(AuditEntry.at < args["until"])
        with self.uow as work:
            return page(work.session, select, s.AuditEntryOut, args)
