"""催办 of inquiries and applications: by the head (or acting head) of the division the work
is with, a leader or an admin; the holder — or the B acting for them — is told and finds
it on their to-do until the work moves."""

from chassis.db import found, locked
from chassis.entrypoints import rpc
from chassis.errors import NotFound
from chassis.schemas import once
from contracts.rpc import urges as u
from office import work_items
from office.acting import acting
from services.inquiries import rules, todo
from services.inquiries.models import Application, Inquiry, Urge

MODELS = {"inquiry": Inquiry, "application": Application}


def model(kind):
    if kind not in MODELS:
        raise NotFound(f"inquiries keeps no {kind}", {"kind": kind}, code="not_found")
    return MODELS[kind]


class UrgeEntrypoints:
    """Mixed into InquiriesService; needs ``uow``."""

    @rpc
    def urge(self, actor, kind, work_id, payload):
        actor, data = acting(actor), once(u.NoteIn).load(payload)
        with self.uow as work:
            record = locked(work.session, model(kind), work_id, kind)
            holder, head = todo.holding(work.session, kind, record)
            target = rules.check_urge(holder, actor, head)
            return once(u.UrgeOut).dump(work_items.record_urge(
                work, Urge, kind=kind, work_id=record.id,
                title=todo.work_title(work.session, kind, record),
                status=record.status, holder_id=target,
                by=actor.id, note=data["note"]))

    @rpc
    def urges(self, kind, work_id):
        with self.uow as work:
            found(work.session, model(kind), work_id, kind)
            return once(u.UrgeOut, many=True).dump(work_items.listed(work.session, Urge, kind,
                                                               work_id))
