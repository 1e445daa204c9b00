"""Keeping the organisation true: what the admin and heads must fix (GET /org/warnings)."""

import sqlalchemy as sa

from chassis.entrypoints import rpc
from chassis.schemas import Actor
from services.posts import rules
from services.posts import schemas as s
from services.posts.models import Division, Post


class OrganisationEntrypoints:
    """Mixed into PostsService; needs ``uow``."""

    @rpc
    def org_warnings(self, actor, query=None):
        actor, args = Actor().load(actor), s.WarningsQuery().load(query or {})
        with self.uow as work:
            select = sa.select(Division).order_by(Division.code)
            if actor["role"] != "admin":  # a head: their own division only
                select = select.where(Division.head_id == actor["id"])
            if args.get("division_id"):
                division = rules.require(work.session.get(Division, args["division_id"]),
                                         "division", args["division_id"])
                rules.check_manages_division(actor, division)
                select = select.where(Division.id == division.id)
            divisions = work.session.scalars(select).all()
            posts = work.session.scalars(sa.select(Post).where(
                Post.division_id.in_([d.id for d in divisions])).order_by(Post.title)).all()
            items = rules.org_warnings(
                [rules.DivisionFacts(d.id, d.name, d.head_id, d.leader_id) for d in divisions],
                [rules.PostFacts(p.id, p.title, p.division_id, p.special,
                                 tuple(b.staff_id for b in p.backups)) for p in posts])
        return {"items": s.OrgWarning(many=True).dump(items), "total": len(items)}
