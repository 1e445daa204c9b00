"""发文: outgoing documents, signed by a leader (签发), numbered (编号) and printed (送印)."""

import uuid

from chassis.clock import clock
from chassis.db import found, locked, next_number
from chassis.entrypoints import rpc
from chassis.schemas import once
from contracts.fields import Actor
from contracts.rpc import documents as s
from office import work_items
from office.acting import Acting, acting
from services.documents import rules, todo, views
from services.documents.models import NumberSeries, Outgoing, StaffView


class OutgoingEntrypoints:
    """The documents service's outgoing half; needs ``uow`` and ``call``."""

    @rpc
    def create_outgoing(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.OutgoingIn).load(payload)
        with self.uow as work:
            outgoing = Outgoing(id=str(uuid.uuid4()), drafter_id=actor["id"], status="draft",
                                created_at=clock.now(), **data)
            work.session.add(outgoing)
            work_items.announce(work, None, todo.to_sign(outgoing))  # every leader signs
            return self._outgoing_out(work, outgoing, actor["id"], actor["role"])

    @rpc
    def sign(self, actor, outgoing_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            outgoing = locked(work.session, Outgoing, outgoing_id, "outgoing")
            rules.check_sign(rules.OutgoingFacts.of(outgoing), acting(actor))
            outgoing.status, outgoing.signed_by = rules.OUTGOING["sign"].target, actor["id"]
            outgoing.signed_at = clock.now()
            work_items.announce(work, outgoing.drafter_id, todo.to_number_print(outgoing),
                                by=actor["id"])  # 四.5: the drafter numbers and prints it
            return self._outgoing_out(work, outgoing, actor["id"], actor["role"])

    @rpc
    def number(self, actor, outgoing_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            outgoing = locked(work.session, Outgoing, outgoing_id, "outgoing")
            rules.check_numbering_stage(rules.OutgoingFacts.of(outgoing), acting(actor),
                                        self._drafter_head(work, outgoing), "number")
            year = clock.today().year
            outgoing.seq = next_number(work.session, NumberSeries, series=outgoing.series,
                                       year=year)
            outgoing.year, outgoing.status = year, rules.OUTGOING["number"].target
            outgoing.number = rules.document_number(outgoing.series, year, outgoing.seq)
            outgoing.numbered_at = clock.now()
            return self._outgoing_out(work, outgoing, actor["id"], actor["role"])

    @rpc
    def print_outgoing(self, actor, outgoing_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            outgoing = locked(work.session, Outgoing, outgoing_id, "outgoing")
            rules.check_numbering_stage(rules.OutgoingFacts.of(outgoing), acting(actor),
                                        self._drafter_head(work, outgoing), "print")
            outgoing.status, outgoing.printed_at = rules.OUTGOING["print"].target, clock.now()
            return self._outgoing_out(work, outgoing, actor["id"], actor["role"])

    @rpc
    def get_outgoing(self, actor, outgoing_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            return self._outgoing_out(work, found(work.session, Outgoing, outgoing_id,
                                                  "outgoing"), actor["id"], actor["role"])

    def _outgoing_out(self, work, outgoing, actor_id, role):
        return {**once(s.OutgoingOut).dump(outgoing), "actions": rules.outgoing_actions(
            rules.OutgoingFacts.of(outgoing), Acting(actor_id, role),
            self._drafter_head(work, outgoing))}

    @staticmethod
    def _drafter_head(work, outgoing):
        """Whoever holds the head's powers in the drafter's division now, from documents'
        own views of posts' data."""
        drafter = work.session.get(StaffView, outgoing.drafter_id)
        return drafter and drafter.division_id and \
            views.division(work.session, drafter.division_id).head_now
