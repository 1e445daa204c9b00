"""The audit trail (审计): every successful write the gateways answered, kept here so
that every gateway instance writes to one trail, and read newest first by admins."""

import sqlalchemy as sa

from chassis.db import DriverInsert
from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import acting, page
from contracts.rpc import accountability as s
from services.accountability.models import AuditEntry
from services.accountability.rules import audit

# One entry a write through any gateway: the hottest insert of the service.
_insert_entry = DriverInsert(AuditEntry.__table__)


class AuditEntrypoints:
    @handle_event("gateway", "write_recorded")
    def on_write_recorded(self, event):
        with self.uow as work:
            _insert_entry(work.session.connection(), {"id": event.id, **event.data})

    @rpc
    def audit_trail(self, actor, query=None):
        audit.check_auditor(acting(actor))
        args = s.AuditQuery().load(query or {})
        select = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id)
        if args.get("actor_id"):
            select = select.where(AuditEntry.actor_id == args["actor_id"])
        if args.get("since"):
            select = select.where(AuditEntry.at >= args["since"])
        if args.get("until"):
            select = select.where(AuditEntry.at < args["until"])
        with self.uow as work:
            return page(work.session, select, s.AuditEntryOut, args)
