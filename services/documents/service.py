"""The documents service: 办文办事限时制, incoming documents against the clock."""

import uuid
from pathlib import Path

import sqlalchemy as sa

from chassis.calendar import Calendar
from chassis.calls import ServiceCalls
from chassis.clock import OFFICE_TZ, clock
from chassis.db import found, locked
from chassis.entrypoints import periodic, rpc
from chassis.errors import NotFound
from chassis.events import handle_event, handle_intake
from chassis.schemas import matching, once, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.fields import Actor
from contracts.rpc import documents as s
from contracts.rpc import urges as u
from office import projections, work_items
from office.acting import Acting, acting
from services.documents import deadlines, letters, routing, rules, todo, views
from services.documents.models import (
    Consultation,
    DivisionView,
    Document,
    Extension,
    Outgoing,
    StaffView,
    Urge,
)
from services.documents.outgoing import OutgoingEntrypoints

MIGRATIONS = str(Path(__file__).parent / "migrations")


class DocumentsService(OutgoingEntrypoints, ServiceBase):
    """办文办事限时制: due dates on the China calendar, warnings, overdue reports, 文号."""

    name = "documents"
    uow = UnitOfWork(MIGRATIONS)
    call = ServiceCalls()
    calendar = Calendar()

    @rpc
    def register(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.DocumentIn).load(payload)
        division_id = self.call("posts", "get_staff", actor["id"])["division_id"]
        rules.check_registrar(division_id)
        with self.uow as work:
            document = Document.received(division_id, actor["id"], **data)
            work.session.add(document)
            work_items.announce(work, self._division(work, document).head_now,
                                todo.to_assign(document), by=actor["id"],
                                urgent=document.urgent)
            return self._dump(work, document, actor)

    @rpc
    def assign(self, actor, document_id, payload):
        actor, data = once(Actor).load(actor), once(s.AssignIn).load(payload)
        assignee = self.call("posts", "get_staff", data["assignee_id"])
        with self.uow as work:
            document = locked(work.session, Document, document_id, "document")
            division = self._division(work, document)
            previous = document.assignee_id
            facts = rules.DocumentFacts.of(document)
            rules.check_assignment(facts, actor["id"], division.head_now,
                                   rules.AssigneeFacts.of(assignee), data["due_date"],
                                   assignee_left=self._assignee_left(work, document))
            document.due_date = rules.due_date_on_assignment(facts, data["due_date"],
                                                             clock.today(), self.calendar)
            document.status, document.assignee_id = rules.DOCUMENT["assign"].target, \
                assignee["id"]
            document.assigned_at = clock.now()
            document.assigned_by = actor["id"]
            document.assigned_for = division.acting_for(actor["id"])
            work.emit("document_assigned", {
                "document_id": document.id, "division_id": document.division_id,
                "assignee_id": assignee["id"], "assigned_by": actor["id"],
                "assigned_at": document.assigned_at, "due_date": document.due_date,
                "reassigned": previous is not None})
            routing.reroute(work, assignee["id"])
            if previous and previous != assignee["id"]:
                routing.reroute(work, previous)
            work_items.announce(work, document.acting_id or document.assignee_id,
                                todo.to_handle(document), by=actor["id"],
                                urgent=document.urgent)
            return self._dump(work, document, actor)

    @rpc
    def request_return(self, actor, document_id, payload):
        actor, data = once(Actor).load(actor), once(s.ReasonIn).load(payload)
        with self.uow as work:
            document = locked(work.session, Document, document_id, "document")
            rules.check_handler(rules.DocumentFacts.of(document), actor["id"],
                                "return")
            document.status, document.return_reason = rules.DOCUMENT["return"].target, \
                data["reason"]
            work_items.announce(work, self._division(work, document).head_now,
                                todo.return_to_decide(document), by=actor["id"])
            return self._dump(work, document, actor)

    @rpc
    def decide_return(self, actor, document_id, decision, payload=None):
        """四.1: the head agrees to a 退文 — it goes back to the sender — or refuses it with a
        note, and the assignee goes on with the document."""
        actor, data = once(Actor).load(actor), once(s.NoteIn).load(payload or {})
        with self.uow as work:
            document = locked(work.session, Document, document_id, "document")
            division = self._division(work, document)
            rules.check_return_decision(rules.DocumentFacts.of(document), actor["id"],
                                        division.head_now, decision, data["note"])
            document.return_decided_by = actor["id"]
            document.return_decided_for = division.acting_for(actor["id"])
            if decision == "rejected":
                document.status, document.return_note = rules.DOCUMENT["reject_return"].target, \
                    data["note"]
            else:
                document.status, document.returned_at = rules.DOCUMENT["approve_return"].target, \
                    clock.now()
                work.emit("document_returned", {"document_id": document.id,
                                                "from_unit": document.from_unit,
                                                "reason": document.return_reason})
            return self._dump(work, document, actor)

    @rpc
    def open_consultation(self, actor, document_id, payload):
        actor, data = once(Actor).load(actor), once(s.ConsultationIn).load(payload)
        with self.uow as work:
            rules.check_handler(rules.DocumentFacts.of(
                locked(work.session, Document, document_id, "document")), actor["id"], "consult")
            consultation = Consultation(id=str(uuid.uuid4()), document_id=document_id,
                                        opened_at=clock.now(), **data)
            work.session.add(consultation)
        return once(s.ConsultationOut).dump(consultation)

    @rpc
    def reply_consultation(self, actor, document_id, consultation_id, payload):
        actor, data = once(Actor).load(actor), once(s.ReplyIn).load(payload)
        with self.uow as work:
            rules.check_handler(rules.DocumentFacts.of(
                locked(work.session, Document, document_id, "document")), actor["id"], "consult")
            consultation = locked(work.session, Consultation, consultation_id, "consultation")
            rules.check_reply(rules.ConsultationFacts.of(consultation), document_id)
            consultation.reply, consultation.replied_at = data["reply"], clock.now()
        return once(s.ConsultationOut).dump(consultation)

    @rpc
    def extend(self, actor, document_id, payload):
        """申请延期: a request for the head; nothing moves until the head approves it."""
        actor, data = once(Actor).load(actor), once(s.ExtensionIn).load(payload)
        with self.uow as work:
            document = locked(work.session, Document, document_id, "document")
            facts = rules.DocumentFacts.of(document)
            rules.check_handler(facts, actor["id"], "extend")
            rules.check_extension(facts, data["new_due_date"], clock.today(), self.calendar,
                                  pending=self._pending_extension(work, document.id) is not None)
            extension = Extension(
                id=str(uuid.uuid4()), document_id=document.id, old_due_date=document.due_date,
                new_due_date=data["new_due_date"], basis=data["basis"], status="requested",
                opinion=data["opinion"], requested_by=actor["id"], requested_at=clock.now())
            work.session.add(extension)
            work_items.announce(work, self._division(work, document).head_now,
                                todo.extension_to_decide(document, extension), by=actor["id"])
            return self._extension_out(work, document, extension, actor["id"])

    @rpc
    def decide_extension(self, actor, document_id, extension_id, decision, payload=None):
        """四.3/四.6: approved by the head, the due date moves and the sending unit is told
        (the 延期办理告知函); rejected, with a note, nothing moves."""
        actor, data = once(Actor).load(actor), once(s.NoteIn).load(payload or {})
        with self.uow as work:
            document = locked(work.session, Document, document_id, "document")
            extension = locked(work.session, Extension, extension_id, "extension")
            if extension.document_id != document.id:
                raise NotFound("no such extension of this document", code="extension_not_found")
            division = self._division(work, document)
            rules.check_extension_decision(
                rules.DocumentFacts.of(document), rules.ExtensionFacts.of(extension),
                actor["id"], division.head_now, decision, data["note"])
            extension.status, extension.decision_note = decision, data["note"]
            extension.decided_by, extension.decided_at = actor["id"], clock.now()
            extension.decided_for = division.acting_for(actor["id"])
            if decision == "approved":
                extension.old_due_date, document.due_date = document.due_date, \
                    extension.new_due_date
                work.emit("extension_notified", {
                    "document_id": document.id, "from_unit": document.from_unit,
                    "old_due_date": extension.old_due_date,
                    "new_due_date": extension.new_due_date, "basis": extension.basis,
                    "opinion": extension.opinion})
            return self._extension_out(work, document, extension, actor["id"])

    @rpc
    def complete(self, actor, document_id, payload):
        actor, data = once(Actor).load(actor), once(s.CompleteIn).load(payload)
        with self.uow as work:
            document = locked(work.session, Document, document_id, "document")
            rules.check_handler(rules.DocumentFacts.of(document), actor["id"],
                                "complete")
            document.status, document.result = rules.DOCUMENT["complete"].target, data["result"]
            document.completed_by, document.completed_on = actor["id"], clock.today()
            work.emit("document_completed", {
                "document_id": document.id, "division_id": document.division_id,
                "assignee_id": document.assignee_id,
                "completed_by": actor["id"], "due_date": document.due_date,
                "completed_on": document.completed_on,
                "on_time": rules.on_time(rules.DocumentFacts.of(document))})
            return self._dump(work, document, actor)

    @rpc
    def list_documents(self, actor, query=None):
        actor, args = once(Actor).load(actor), once(s.DocumentQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Document).order_by(Document.received_at.desc())
            select = matching(select, Document, args, ("status", "assignee_id"))
            if args.get("overdue"):
                select = select.where(Document.status.in_(rules.OPEN),
                                      Document.due_date < clock.today())
            total, sliced = paginate(work.session, select, args)
            documents = work.session.scalars(sliced).all()
            seen = views.Seen.of(work.session, documents)
            return {"items": [self._dump(work, d, actor, seen) for d in documents],
                    "total": total}

    @rpc
    def get_document(self, actor, document_id):
        """An incoming document with its consultations and extensions, or an outgoing one."""
        actor = once(Actor).load(actor)
        with self.uow as work:
            outgoing = work.session.get(Outgoing, document_id)
            if outgoing is not None:
                return {**self._outgoing_out(work, outgoing, actor["id"], actor["role"]),
                        "direction": "outgoing"}
            document = found(work.session, Document, document_id, "document")
            consultations = work.session.scalars(sa.select(Consultation).where(
                Consultation.document_id == document_id)).all()
            extensions = work.session.scalars(sa.select(Extension).where(
                Extension.document_id == document_id).order_by(Extension.requested_at)).all()
            return {**self._dump(work, document, actor), "direction": "incoming",
                    "consultations": once(s.ConsultationOut, many=True).dump(consultations),
                    "extensions": [self._extension_out(work, document, e, actor["id"])
                                   for e in extensions]}

    @rpc
    def urge(self, actor, kind, document_id, payload):
        """催办: the division's head (or acting head), a leader or an admin urges whoever
        holds the document now."""
        actor, data = acting(actor), once(u.NoteIn).load(payload)
        with self.uow as work:
            document = locked(work.session, Document, document_id, kind)
            target = rules.check_urge(rules.DocumentFacts.of(document), actor,
                                      self._division(work, document).head_now)
            return once(u.UrgeOut).dump(work_items.record_urge(
                work, Urge, kind="document", work_id=document.id, title=document.title,
                status=document.status, holder_id=target,
                by=actor.id, note=data["note"]))

    @rpc
    def urges(self, kind, document_id):
        with self.uow as work:
            found(work.session, Document, document_id, kind)
            return once(u.UrgeOut, many=True).dump(work_items.listed(work.session, Urge, kind,
                                                               document_id))

    @rpc
    def todo(self, actor, division_id=None):
        actor = acting(actor, division_id)
        with self.uow as work:
            return todo.items(work.session, actor, self._signal, self._waiting)

    @rpc
    def letter(self, document_id, kind):
        """The letter to the sending unit: ``extension`` (the latest approved) or ``return``."""
        with self.uow as work:
            document = found(work.session, Document, document_id, "document")
            if kind == "return" and document.status == "returned":
                return letters.return_letter(document, self.settings.office_name)
            extension = kind == "extension" and work.session.scalars(
                sa.select(Extension).where(Extension.document_id == document_id,
                                           Extension.status == "approved")
                .order_by(Extension.decided_at.desc(), Extension.requested_at.desc())).first()
            if extension:
                return letters.extension_letter(document, extension, self.settings.office_name)
        raise NotFound(f"no {kind} letter for this document", code="letter_not_found")

    @rpc
    def working_day(self, query):
        args = once(s.WorkingDayQuery).load(query)
        return once(s.DateOut).dump({"date": self.calendar.add_working_days(args["start"],
                                                                        args["n"])})

    @periodic("scan_interval")
    def scan_deadlines(self):
        with self.uow as work:
            deadlines.scan(work, clock.today(), self.calendar, self.settings.warn_working_days)

    on_staff_changed = projections.view_handler("staff_changed", StaffView)
    on_division_changed = projections.view_handler("division_changed", DivisionView)

    @handle_intake("document.received")
    def on_document_received(self, event):
        """收文 from the provincial document exchange: registered in the division it names by
        code, as a member of the division registers one; an unknown code is parked."""
        data = event.data
        with self.uow as work:
            division = projections.division_by_code(work.session, DivisionView,
                                                    data["division"])
            document = Document.received(
                division.division_id, None, intake_reference=data["reference"],
                title=data["title"], from_unit=data["from_unit"], kind=data["kind"],
                urgent=data["urgent"], received_at=data["received_at"])
            work.session.add(document)
            work_items.announce(work, division.head_now, todo.to_assign(document),
                                urgent=document.urgent)

    @handle_event("posts", "post_changed")
    def on_post_changed(self, event):
        """A new holder takes over the previous holder's open documents of the division."""
        with self.uow as work:
            routing.take_over(work, event.data)

    @handle_event("posts", "handover_started")
    def on_handover_started(self, event):
        with self.uow as work:
            routing.handover_started(work, event.data)

    @handle_event("posts", "handover_ended")
    def on_handover_ended(self, event):
        with self.uow as work:
            routing.handover_ended(work, event.data)

    @staticmethod
    def _division(work, document):
        """The document's division as documents' own view of posts' data knows it."""
        return views.division(work.session, document.division_id)

    @staticmethod
    def _assignee_left(work, document):
        return bool(document.assignee_id and projections.inactive(
            work.session, StaffView, [document.assignee_id]))

    @staticmethod
    def _pending_extension(work, document_id):
        return work.session.scalar(sa.select(Extension.id).where(
            Extension.document_id == document_id, Extension.status == "requested"))

    def _dump(self, work, document, actor, seen=None):
        seen = seen or views.Seen.of(work.session, [document])
        facts = rules.DocumentFacts.of(document)
        return {**once(s.DocumentOut).dump(document), "signal": self._signal(document),
                "actions": rules.actions(facts, Acting(actor["id"], actor["role"]),
                                         seen.head_now(document), clock.today(),
                                         document.id in seen.pending,
                                         document.assignee_id in seen.left)}

    def _extension_out(self, work, document, extension, actor_id):
        return {**once(s.ExtensionOut).dump(extension), "actions": rules.extension_actions(
            rules.DocumentFacts.of(document), rules.ExtensionFacts.of(extension), actor_id,
            self._division(work, document).head_now)}

    def _signal(self, document):
        return rules.signal(rules.DocumentFacts.of(document), clock.today(), self.calendar,
                            self.settings.warn_working_days)

    def _waiting(self, document):
        """A received document's signal while it waits for the head (四.1)."""
        return rules.assignment_signal(document.received_at.astimezone(OFFICE_TZ).date(),
                                       clock.today(), self.calendar)
