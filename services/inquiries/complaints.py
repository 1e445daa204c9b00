"""服务承诺制 complaints: filed by the public (anonymous, about anyone or no one named),
investigated by the division's head or a leader, concluded with a reply; only a
substantiated finding reaches accountability (``complaint_concluded``)."""

import hmac
import secrets
import uuid
from datetime import timedelta

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import found, lock_key, locked
from chassis.entrypoints import rpc
from chassis.errors import NotFound
from chassis.events import handle_intake
from chassis.schemas import matching, once, paginate
from contracts.rpc import inquiries as s
from office import projections, work_items
from office.acting import acting
from services.inquiries import todo
from services.inquiries.applications import digest
from services.inquiries.models import Complaint, DivisionView, Inquiry
from services.inquiries.rules import complaints as rules


def facts(complaint):
    return rules.ComplaintFacts(complaint.status, complaint.division_id,
                                complaint.investigator_id, complaint.staff_id)


def headed(session, actor):
    """The divisions whose head powers the actor holds now (inquiries' own view)."""
    return projections.headed_by(session, DivisionView, actor.id)


def dump(complaint, actor, divisions):
    """A complaint as ``actor`` reads it; whoever it names never reads how to reach the
    complainant."""
    recused = rules.recused(actor, facts(complaint))
    record = {**once(s.ComplaintRecord).dump(complaint),
              "actions": rules.actions(actor, facts(complaint), divisions),
              "recused": recused}
    return {**record, "contact": None} if recused else record


def record(work, data, token, client_address):
    """A complaint received, and the event that tells accountability's to-do of it."""
    complaint = Complaint(id=str(uuid.uuid4()), status="received", token_hash=digest(token),
                          client_address=client_address, filed_at=clock.now(), **data)
    work.session.add(complaint)
    announce_to_handler(work, complaint)
    work.emit("complaint_filed", {
        "complaint_id": complaint.id, "staff_id": complaint.staff_id,
        "inquiry_id": complaint.inquiry_id, "division_id": complaint.division_id,
        "category": complaint.category, "filed_at": complaint.filed_at})
    return complaint


def announce_to_handler(work, complaint):
    """Whoever investigates it is told: its division's head (or acting head), the
    supervising leader when it names the head, every leader when it names no division —
    never the person it names (回避)."""
    division = complaint.division_id and work.session.get(DivisionView, complaint.division_id)
    handler = rules.handler(facts(complaint), division and division.head_now,
                            division and division.leader_id)
    item = todo.complaint_item(complaint)
    if handler == "leaders":
        work_items.announce(work, None, item, except_ids=[complaint.staff_id] if
                            complaint.staff_id else [])
    elif handler:
        work_items.announce(work, handler, item)


class ComplaintEntrypoints:
    """Mixed into InquiriesService; needs ``uow``, ``call`` and ``settings``."""

    @rpc
    def file_complaint(self, payload, client_address):
        data = once(s.ComplaintIn).load(payload)
        responder_id = None
        if data["inquiry_id"]:
            with self.uow as work:
                responder_id = found(work.session, Inquiry, data["inquiry_id"],
                                     "inquiry").first_responder_id
        data["staff_id"] = rules.complained_about(data["staff_id"], responder_id)
        data["division_id"] = self._division_concerned(data["staff_id"], data["division_id"])
        token = secrets.token_urlsafe(16)
        with self.uow as work:
            lock_key(work.session, f"complaints.{client_address}")  # a burst counts in turn
            minute_ago = clock.now() - timedelta(minutes=1)
            recent = work.session.scalar(sa.select(sa.func.count()).where(
                Complaint.client_address == client_address, Complaint.filed_at > minute_ago))
            rules.check_complaint_rate(recent, self.settings.complaint_rate)
            complaint = record(work, data, token, client_address)
        return {**once(s.ComplaintOut, exclude=("token",)).dump(complaint), "token": token}

    @rpc
    def complaint_status(self, complaint_id, token):
        with self.uow as work:
            complaint = work.session.get(Complaint, complaint_id)
            if complaint is None or not hmac.compare_digest(complaint.token_hash,
                                                            digest(token or "")):
                raise NotFound("no complaint with that id and token", code="complaint_not_found")
            return once(s.ComplaintOut, exclude=("token",)).dump(complaint)

    @rpc
    def list_complaints(self, actor, query=None):
        actor, args = acting(actor), once(s.ComplaintQuery).load(query or {})
        with self.uow as work:
            divisions = headed(work.session, actor)
            rules.check_reader(actor, divisions)
            select = sa.select(Complaint).order_by(Complaint.filed_at.desc())
            if actor.role not in rules.LEADERSHIP:
                select = select.where(Complaint.division_id.in_(divisions))
            select = matching(select, Complaint, args, ("status", "division_id"))
            total, sliced = paginate(work.session, select, args)
            return {"items": [dump(c, actor, divisions) for c in work.session.scalars(sliced)],
                    "total": total}

    @rpc
    def get_complaint(self, actor, complaint_id):
        actor = acting(actor)
        with self.uow as work:
            complaint = found(work.session, Complaint, complaint_id, "complaint")
            divisions = headed(work.session, actor)
            rules.check_may_see(actor, facts(complaint), divisions)
            return dump(complaint, actor, divisions)

    @rpc
    def investigate_complaint(self, actor, complaint_id):
        actor = acting(actor)
        with self.uow as work:
            complaint = locked(work.session, Complaint, complaint_id, "complaint")
            divisions = headed(work.session, actor)
            rules.check_investigation(actor, facts(complaint), divisions)
            complaint.status = rules.COMPLAINT["investigate"].target
            complaint.investigator_id = actor.id
            complaint.investigator_for = self._acting_for(work, complaint, actor)
            complaint.investigation_started_at = clock.now()
            return dump(complaint, actor, divisions)

    @rpc
    def conclude_complaint(self, actor, complaint_id, payload):
        actor, data = acting(actor), once(s.ConclusionIn).load(payload)
        with self.uow as work:
            complaint = found(work.session, Complaint, complaint_id, "complaint")
            rules.check_conclusion(actor, facts(complaint), headed(work.session, actor))
            held_id = rules.held_against(data["finding"], data["staff_id"], complaint.staff_id)
        if held_id:
            division_id = self.call("posts", "get_staff", held_id)["division_id"]
        with self.uow as work:
            complaint = locked(work.session, Complaint, complaint_id, "complaint")
            divisions = headed(work.session, actor)
            rules.check_conclusion(actor, facts(complaint), divisions)  # again, under the lock
            if held_id:
                rules.check_named_staff(actor, division_id, divisions)
            complaint.status, complaint.reply = data["finding"], data["reply"]
            complaint.held_against_id, complaint.concluded_by = held_id, actor.id
            complaint.concluded_at = clock.now()
            work.emit("complaint_concluded", {
                "complaint_id": complaint.id, "finding": data["finding"], "staff_id": held_id,
                "inquiry_id": complaint.inquiry_id, "division_id": complaint.division_id,
                "category": complaint.category, "filed_at": complaint.filed_at,
                "concluded_by": actor.id, "concluded_at": complaint.concluded_at})
            return dump(complaint, actor, divisions)

    @staticmethod
    def _acting_for(work, complaint, actor):
        division = complaint.division_id and work.session.get(DivisionView,
                                                              complaint.division_id)
        return division.acting_for(actor.id) if division else None

    @handle_intake("complaint.received")
    def on_complaint_received(self, event):
        """A complaint the 12345 hotline took: received as one filed here; its division, if
        the hotline names one, by code (an unknown code is parked). The hotline keeps in
        touch with the complainant, so no status token is handed out."""
        data = event.data
        with self.uow as work:
            division = data["division"] and projections.division_by_code(
                work.session, DivisionView, data["division"])
            record(work, {"staff_id": None, "inquiry_id": None,
                          "division_id": division and division.division_id,
                          "category": data["category"], "description": data["description"],
                          "contact": data["contact"], "intake_reference": data["reference"]},
                   secrets.token_urlsafe(16), client_address="intake")

    def _division_concerned(self, staff_id, division_id):
        """The division of the person complained about, else the one named (it must exist)."""
        if staff_id:
            return self.call("posts", "get_staff", staff_id)["division_id"]
        if division_id:
            return self.call("posts", "get_division", division_id)["id"]
        return None
