"""办事事项: the matter catalogue the public reads (服务承诺制: 办事程序、必备条件)."""

import uuid

import sqlalchemy as sa

from chassis.db import found
from chassis.entrypoints import rpc
from chassis.schemas import PageArgs, acting, page
from contracts.rpc import inquiries as s
from services.inquiries import rules
from services.inquiries.models import Matter


class MatterEntrypoints:
    """Mixed into InquiriesService; needs ``uow`` and ``call``."""

    @rpc
    def create_matter(self, actor, payload):
        actor, data = acting(actor), s.MatterIn().load(payload)
        division = self.call("posts", "get_division", data["division_id"])
        rules.check_matter_publisher(actor, division["acting_head_id"] or division["head_id"])
        with self.uow as work:
            matter = Matter(id=str(uuid.uuid4()), **data)
            work.session.add(matter)
        return s.MatterOut().dump(matter)

    @rpc
    def list_matters(self, query=None):
        with self.uow as work:
            return page(work.session, sa.select(Matter).order_by(Matter.name), s.MatterOut,
                        PageArgs().load(query or {}))

    @rpc
    def get_matter(self, matter_id):
        with self.uow as work:
            return s.MatterOut().dump(found(work.session, Matter, matter_id, "matter"))
