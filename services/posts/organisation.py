"""Posts and their upkeep (岗位责任制, AB岗制): create, list, change holder or B order, the
public signage, and what the admin and heads must fix (GET /org/warnings)."""

import uuid

import sqlalchemy as sa

from chassis.entrypoints import rpc
from chassis.schemas import matching, once, page, paginate
from contracts.fields import Actor
from contracts.rpc import posts as s
from office.acting import acting
from services.posts import handover, rules
from services.posts.events import post_changed
from services.posts.models import Backup, CaseView, Division, Post, Staff
from services.posts.rules import warnings


class OrganisationEntrypoints:
    """Mixed into PostsService; needs ``uow``."""

    @rpc
    def create_post(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.PostIn).load(payload)
        with self.uow as work:
            division = work.session.get(Division, data["division_id"])
            if division is None:
                raise rules.UnknownReference("unknown division",
                                             {"division_id": data["division_id"]})
            facts = rules.DivisionFacts.of(division)
            rules.check_manages_division(acting(actor), facts)
            rules.check_holder(facts, data["holder_id"],
                               rules.StaffFacts.of(work.session.get(Staff, data["holder_id"])))
            post = Post(id=str(uuid.uuid4()), title=data["title"], division_id=division.id,
                        duties=data["duties"], holder_id=data["holder_id"],
                        special=data["special"], state="normal", acting_id=None)
            work.session.add(post)
            self._set_backups(work, post, data["backup_ids"])
        return once(s.PostOut).dump(post)

    @rpc
    def update_post(self, actor, post_id, payload):
        """Title, duties, special, or a new holder, who takes over the previous one's work."""
        actor, data = once(Actor).load(actor), once(s.PostUpdate).load(payload)
        with self.uow as work:
            post = self._managed_post(work, actor, post_id)
            backup_ids, took_over_from = post.backup_ids, None
            if data.get("holder_id", post.holder_id) != post.holder_id:
                rules.check_holder(
                    rules.DivisionFacts.of(work.session.get(Division, post.division_id)),
                    data["holder_id"],
                    rules.StaffFacts.of(work.session.get(Staff, data["holder_id"])))
                took_over_from = post.previous_holder_id = \
                    post.holder_id or post.previous_holder_id
                backup_ids = [b for b in backup_ids if b != data["holder_id"]]  # B becomes A
            for key, value in data.items():
                setattr(post, key, value)
            self._set_backups(work, post, backup_ids, took_over_from)
        return once(s.PostOut).dump(post)

    @rpc
    def set_backups(self, actor, post_id, payload):
        actor, data = once(Actor).load(actor), once(s.BackupsIn).load(payload)
        with self.uow as work:
            post = self._managed_post(work, actor, post_id)
            self._set_backups(work, post, data["backup_ids"])
        return once(s.PostOut).dump(post)

    @rpc
    def get_post(self, post_id):
        with self.uow as work:
            return once(s.PostOut).dump(rules.require(work.session.get(Post, post_id), "post",
                                                  post_id))

    @rpc
    def list_posts(self, query=None):
        args = once(s.PostQuery).load(query or {})
        with self.uow as work:
            select = matching(sa.select(Post).order_by(Post.division_id, Post.title, Post.id),
                              Post, args, ("division_id", "holder_id", "state"))
            return page(work.session, select, s.PostOut, args)

    @rpc
    def signage(self, query=None):
        args = once(s.SignageQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Post, Division).join(Division).order_by(Division.code, Post.title)
            if args.get("division_id"):
                select = select.where(Post.division_id == args["division_id"])
            total, sliced = paginate(work.session, select, args)
            rows = work.session.execute(sliced).all()
            named = {r.Post.holder_id for r in rows} | {r.Post.acting_id for r in rows} | \
                {b for r in rows for b in r.Post.backup_ids}
            people = {p.id: rules.StaffFacts.of(p) for p in work.session.scalars(
                sa.select(Staff).where(Staff.id.in_(named)))}
            cards = [rules.signage_card(
                rules.PostFacts.of(post), rules.DivisionFacts.of(division),
                people.get(post.holder_id), people.get(post.acting_id),
                [people[b] for b in post.backup_ids if b in people])
                for post, division in rows]
        return {"items": once(s.SignageCard, many=True).dump(cards), "total": total}

    @rpc
    def org_warnings(self, actor, query=None):
        actor, args = acting(actor), once(s.WarningsQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Division).order_by(Division.code)
            if actor.role != "admin":  # whoever holds a division's head powers: theirs only
                select = select.where(sa.or_(Division.acting_head_id == actor.id, sa.and_(
                    Division.head_id == actor.id, Division.acting_head_id.is_(None))))
            if args.get("division_id"):
                division = rules.require(work.session.get(Division, args["division_id"]),
                                         "division", args["division_id"])
                rules.check_manages_division(actor, rules.DivisionFacts.of(division))
                select = select.where(Division.id == division.id)
            divisions = work.session.scalars(select).all()
            items = self._warnings(work.session, divisions, everyone=actor.role == "admin"
                                   and not args.get("division_id"))
        start = args["offset"]
        return {"items": once(s.OrgWarning, many=True).dump(items[start:start + args["limit"]]),
                "total": len(items)}

    @staticmethod
    def _warnings(session, divisions, everyone):
        """The divisions' warnings, and the waiting cases of their people (of everyone's,
        for an admin looking at the whole office)."""
        division_ids = [d.id for d in divisions]
        posts = session.scalars(sa.select(Post).where(
            Post.division_id.in_(division_ids)).order_by(Post.title)).all()
        cases = session.scalars(sa.select(CaseView).where(CaseView.closed.is_(False))
                                .order_by(CaseView.case_id)).all()
        named = {p.holder_id for p in posts} | {b for p in posts for b in p.backup_ids} | \
            {c.staff_id for c in cases}
        people = {p.id: rules.StaffFacts.of(p)
                  for p in session.scalars(sa.select(Staff).where(Staff.id.in_(named)))}
        leaders = session.scalars(sa.select(Staff.id).where(
            Staff.role == "leader", Staff.active.is_(True))).all()
        cases = [warnings.CaseFacts.of(c) for c in cases if everyone or (
            c.staff_id in people and people[c.staff_id].division_id in division_ids)]
        return warnings.org_warnings([rules.DivisionFacts.of(d) for d in divisions],
                                     [rules.PostFacts.of(p) for p in posts], people) \
            + warnings.cases_without_judge(cases, leaders, people)

    @staticmethod
    def _managed_post(work, actor, post_id):
        post = rules.require(work.session.get(Post, post_id, with_for_update=True), "post",
                             post_id)
        rules.check_manages_division(
            acting(actor), rules.DivisionFacts.of(work.session.get(Division, post.division_id)))
        return post

    def _set_backups(self, work, post, backup_ids, took_over_from=None):
        staff = work.session.scalars(sa.select(Staff).where(Staff.id.in_(backup_ids))).all()
        rules.check_backups(post.holder_id, backup_ids, post.special,
                            {p.id: rules.StaffFacts.of(p) for p in staff}, post.division_id)
        if backup_ids != post.backup_ids:
            post.backups = [Backup(staff_id=b, rank=i) for i, b in enumerate(backup_ids, 1)]
        handover.reconcile(work, [post])  # a new B list or holder may change who covers now
        post_changed(work, post, took_over_from)
