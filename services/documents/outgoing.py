"""发文: outgoing documents, signed by a leader (签发), numbered (编号) and printed (送印)."""

import uuid

from chassis.clock import clock
from chassis.db import found, locked, next_number
from chassis.entrypoints import rpc
from chassis.schemas import Actor, acting
from contracts.rpc import documents as s
from services.documents import rules
from services.documents.models import NumberSeries, Outgoing


class OutgoingEntrypoints:
    """The documents service's outgoing half; needs ``uow`` and ``call``."""

    @rpc
    def create_outgoing(self, actor, payload):
        actor, data = Actor().load(actor), s.OutgoingIn().load(payload)
        with self.uow as work:
            outgoing = Outgoing(id=str(uuid.uuid4()), drafter_id=actor["id"], status="draft",
                                created_at=clock.now(), **data)
            work.session.add(outgoing)
        return s.OutgoingOut().dump(outgoing)

    @rpc
    def sign(self, actor, outgoing_id):
        actor = Actor().load(actor)
        with self.uow as work:
            outgoing = locked(work.session, Outgoing, outgoing_id, "outgoing")
            rules.check_sign(rules.OutgoingFacts.of(outgoing), acting(actor))
            outgoing.status, outgoing.signed_by = "signed", actor["id"]
            outgoing.signed_at = clock.now()
        return s.OutgoingOut().dump(outgoing)

    @rpc
    def number(self, actor, outgoing_id):
        actor = Actor().load(actor)
        head_id = self._drafter_head(outgoing_id, actor)
        with self.uow as work:
            outgoing = locked(work.session, Outgoing, outgoing_id, "outgoing")
            rules.check_numbering_stage(rules.OutgoingFacts.of(outgoing), actor["id"], head_id,
                                        "number")
            year = clock.today().year
            outgoing.seq = next_number(work.session, NumberSeries, series=outgoing.series,
                                       year=year)
            outgoing.year, outgoing.status = year, "numbered"
            outgoing.number = rules.document_number(outgoing.series, year, outgoing.seq)
            outgoing.numbered_at = clock.now()
        return s.OutgoingOut().dump(outgoing)

    @rpc
    def print_outgoing(self, actor, outgoing_id):
        actor = Actor().load(actor)
        head_id = self._drafter_head(outgoing_id, actor)
        with self.uow as work:
            outgoing = locked(work.session, Outgoing, outgoing_id, "outgoing")
            rules.check_numbering_stage(rules.OutgoingFacts.of(outgoing), actor["id"], head_id,
                                        "print")
            outgoing.status, outgoing.printed_at = "printed", clock.now()
        return s.OutgoingOut().dump(outgoing)

    @rpc
    def get_outgoing(self, outgoing_id):
        with self.uow as work:
            return s.OutgoingOut().dump(found(work.session, Outgoing, outgoing_id, "outgoing"))

    def _drafter_head(self, outgoing_id, actor):
        """The drafter's division head, asked of posts outside any transaction, and only
        when someone other than the drafter acts."""
        with self.uow as work:
            drafter_id = found(work.session, Outgoing, outgoing_id, "outgoing").drafter_id
        if actor["id"] == drafter_id:
            return None
        drafter = self.call("posts", "get_staff", drafter_id)
        if drafter["division_id"] is None:
            return None
        return self.call("posts", "get_division", drafter["division_id"])["head_id"]
