"""办事事项: the matter catalogue the public reads (服务承诺制: 办事程序、必备条件), revised —
each version kept, as applications reviewed against it read it — and withdrawn (三.2, 三.3)."""

import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import found, locked
from chassis.entrypoints import rpc
from chassis.errors import NotFound
from chassis.schemas import once, page, paginate
from contracts.fields import PageArgs
from contracts.rpc import inquiries as s
from office.acting import acting
from services.inquiries import rules, views
from services.inquiries.models import Matter, MatterVersion
from services.inquiries.rules import matters as matter_rules

PUBLISHED = ("name", "basis", "time_limit_days", "procedure", "division_id", "materials")


def publish(work, matter, actor_id):
    """Keep the matter as this version publishes it."""
    work.session.add(MatterVersion(matter_id=matter.id, version=matter.version,
                                   published_by=actor_id, published_at=clock.now(),
                                   **{field: getattr(matter, field) for field in PUBLISHED}))


def record(matter, actor, head_now):
    """A matter as staff manage it, with what ``actor`` may do to it."""
    return {**once(s.MatterRecord, exclude=("actions",)).dump(matter), "actions":
            matter_rules.matter_actions(matter_rules.MatterFacts.of(matter), actor, head_now)}


class MatterEntrypoints:
    """Mixed into InquiriesService; needs ``uow`` and ``call``."""

    @rpc
    def create_matter(self, actor, payload):
        actor, data = acting(actor), once(s.MatterIn).load(payload)
        head = self._head_now(data["division_id"])
        rules.check_matter_publisher(actor, head)
        with self.uow as work:
            matter = Matter(id=str(uuid.uuid4()), version=1, **data)
            work.session.add(matter)
            publish(work, matter, actor.id)
            return record(matter, actor, head)

    @rpc
    def revise_matter(self, actor, matter_id, payload):
        """三.3: the same shape as a new matter; the version rises, the earlier stays."""
        actor, data = acting(actor), once(s.MatterIn).load(payload)
        with self.uow as work:
            division_id = found(work.session, Matter, matter_id, "matter").division_id
        head, new_head = self._head_now(division_id), self._head_now(data["division_id"])
        with self.uow as work:
            matter = locked(work.session, Matter, matter_id, "matter")
            facts = matter_rules.MatterFacts.of(matter)
            matter_rules.check_revision(facts, actor, head, new_head)
            for field, value in data.items():
                setattr(matter, field, value)
            matter.version = matter_rules.next_version(facts)
            publish(work, matter, actor.id)
            return record(matter, actor, new_head)

    @rpc
    def withdraw_matter(self, actor, matter_id, payload):
        """三.2: gone from the catalogue; applications already made go on."""
        actor, data = acting(actor), once(s.WithdrawIn).load(payload)
        with self.uow as work:
            division_id = found(work.session, Matter, matter_id, "matter").division_id
        head = self._head_now(division_id)
        with self.uow as work:
            matter = locked(work.session, Matter, matter_id, "matter")
            matter_rules.check_withdrawal(matter_rules.MatterFacts.of(matter), actor, head)
            matter.withdrawn_at, matter.withdrawn_by = clock.now(), actor.id
            matter.withdraw_reason = data["reason"].strip()
            return record(matter, actor, head)

    @rpc
    def list_matters(self, query=None):
        """The public catalogue: matters offered now, as their newest version."""
        with self.uow as work:
            return page(work.session, sa.select(Matter).where(Matter.withdrawn_at.is_(None))
                        .order_by(Matter.name), s.MatterOut, once(PageArgs).load(query or {}))

    @rpc
    def get_matter(self, matter_id):
        with self.uow as work:
            matter = work.session.get(Matter, matter_id)
            if matter is None or matter.withdrawn_at is not None:
                raise NotFound(f"no matter offered with id {matter_id}", {"id": matter_id},
                               code="matter_not_found")
            return once(s.MatterOut).dump(matter)

    @rpc
    def list_matter_records(self, actor, query=None):
        """Every matter, withdrawn ones last, as staff manage them."""
        actor, args = acting(actor), once(PageArgs).load(query or {})
        with self.uow as work:
            total, sliced = paginate(work.session, sa.select(Matter).order_by(
                Matter.withdrawn_at.is_not(None), Matter.name), args)
            return {"items": [record(m, actor, views.head_now(work.session, m.division_id))
                              for m in work.session.scalars(sliced)], "total": total}

    @rpc
    def get_matter_record(self, actor, matter_id):
        actor = acting(actor)
        with self.uow as work:
            matter = found(work.session, Matter, matter_id, "matter")
            return record(matter, actor, views.head_now(work.session, matter.division_id))

    def _head_now(self, division_id):
        """Who holds the division's head powers now, as posts knows (NotFound: no such
        division)."""
        division = self.call("posts", "get_division", division_id)
        return division["acting_head_id"] or division["head_id"]
