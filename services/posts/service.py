"""The posts service: divisions, staff accounts, posts with A holders and B backups."""

import uuid
from pathlib import Path

import sqlalchemy as sa

from chassis.entrypoints import rpc
from chassis.errors import Unauthenticated
from chassis.schemas import Actor, PageArgs, page, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from services.posts import handover, rules
from services.posts import schemas as s
from services.posts.handover_entrypoints import HandoverEntrypoints
from services.posts.models import Backup, Division, Post, Staff
from services.posts.organisation import OrganisationEntrypoints
from services.posts.passwords import hash_password, verify_password

MIGRATIONS = str(Path(__file__).parent / "migrations")


def seed_first_admin(session, settings):
    """The first admin comes from the environment (admin/admin in development)."""
    rules.check_first_admin(settings.production, settings.admin_username,
                            settings.admin_password)
    exists = session.scalar(sa.select(Staff.id).where(Staff.username == settings.admin_username))
    if not exists:
        session.add(Staff(id=new_id(), username=settings.admin_username,
                          password_hash=hash_password(settings.admin_password),
                          name="管理员", title="系统管理员", phone="", role="admin"))


def new_id():
    return str(uuid.uuid4())


class PostsService(HandoverEntrypoints, OrganisationEntrypoints, ServiceBase):
    """岗位责任制 · AB岗制: the organisation and its posts."""

    name = "posts"
    uow = UnitOfWork(MIGRATIONS, on_start=seed_first_admin)

    @rpc
    def authenticate(self, credentials):
        login = s.Login().load(credentials)
        with self.uow as work:
            staff = work.session.scalar(sa.select(Staff).where(
                Staff.username == login["username"]))
        if not verify_password(staff and staff.password_hash, login["password"]):
            raise Unauthenticated("wrong username or password", code="invalid_credentials")
        return s.StaffOut().dump(staff)

    @rpc
    def get_staff(self, staff_id):
        with self.uow as work:
            return s.StaffOut().dump(rules.require(work.session.get(Staff, staff_id),
                                                   "staff", staff_id))

    @rpc
    def create_staff(self, actor, payload):
        rules.check_admin(Actor().load(actor))
        data = s.StaffIn().load(payload)
        password_hash = hash_password(data.pop("password"))  # slow: before taking the lock
        with self.uow as work:
            if work.session.scalar(sa.select(Staff.id).where(
                    Staff.username == data["username"])):
                raise rules.UsernameTaken("the username is taken", {"username": data["username"]})
            division = data["division_id"] and work.session.get(Division, data["division_id"])
            rules.check_new_staff(data["role"], division, data["division_id"])
            staff = Staff(id=new_id(), password_hash=password_hash, **data)
            work.session.add(staff)
            if rules.heads_division(data["role"]):
                division.head_id = staff.id
                self._division_changed(work, division)
            work.emit("staff_changed", {"staff_id": staff.id, "name": staff.name,
                                        "role": staff.role, "division_id": staff.division_id})
        return s.StaffOut().dump(staff)

    @rpc
    def create_division(self, actor, payload):
        rules.check_admin(Actor().load(actor))
        data = s.DivisionIn().load(payload)
        with self.uow as work:
            if work.session.scalar(sa.select(Division.id).where(Division.code == data["code"])):
                raise rules.DivisionCodeTaken("the division code is taken", {"code": data["code"]})
            if data["leader_id"] is not None:
                rules.check_leader(data["leader_id"], work.session.get(Staff, data["leader_id"]))
            division = Division(id=new_id(), head_id=None, **data)
            work.session.add(division)
            self._division_changed(work, division)
        return s.DivisionOut().dump(division)

    @rpc
    def update_division(self, actor, division_id, payload):
        rules.check_admin(Actor().load(actor))
        data = s.DivisionUpdate().load(payload)
        with self.uow as work:
            division = rules.require(work.session.get(Division, division_id), "division",
                                     division_id)
            if data.get("leader_id") is not None:
                rules.check_leader(data["leader_id"], work.session.get(Staff, data["leader_id"]))
            if data.get("head_id") is not None:
                rules.check_head(division, data["head_id"],
                                 work.session.get(Staff, data["head_id"]))
            for key, value in data.items():
                setattr(division, key, value)
            self._division_changed(work, division)
        return s.DivisionOut().dump(division)

    @rpc
    def get_division(self, division_id):
        with self.uow as work:
            return s.DivisionOut().dump(rules.require(
                work.session.get(Division, division_id), "division", division_id))

    @rpc
    def list_divisions(self, args=None):
        with self.uow as work:
            query = sa.select(Division).order_by(Division.code)
            return page(work.session, query, s.DivisionOut, PageArgs().load(args or {}))

    @rpc
    def create_post(self, actor, payload):
        actor = Actor().load(actor)
        data = s.PostIn().load(payload)
        with self.uow as work:
            division = work.session.get(Division, data["division_id"])
            if division is None:
                raise rules.UnknownReference("unknown division",
                                             {"division_id": data["division_id"]})
            rules.check_manages_division(actor, division)
            rules.check_holder(division, data["holder_id"],
                               work.session.get(Staff, data["holder_id"]))
            post = Post(id=new_id(), title=data["title"], division_id=division.id,
                        duties=data["duties"], holder_id=data["holder_id"],
                        special=data["special"], state="normal", acting_id=None)
            work.session.add(post)
            self._set_backups(work, post, data["backup_ids"])
        return s.PostOut().dump(post)

    @rpc
    def set_backups(self, actor, post_id, payload):
        actor = Actor().load(actor)
        data = s.BackupsIn().load(payload)
        with self.uow as work:
            post = rules.require(work.session.get(Post, post_id), "post", post_id)
            rules.check_manages_division(actor, work.session.get(Division, post.division_id))
            self._set_backups(work, post, data["backup_ids"])
        return s.PostOut().dump(post)

    @rpc
    def get_post(self, post_id):
        with self.uow as work:
            return s.PostOut().dump(rules.require(work.session.get(Post, post_id), "post",
                                                  post_id))

    @rpc
    def approver_of(self, staff_id):
        """Who approves this person's leave-post notices and leave requests."""
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, staff_id), "staff", staff_id)
            division = staff.division_id and work.session.get(Division, staff.division_id)
            return {"approver_id": rules.approver_of(staff, division),
                    "staff": s.StaffOut().dump(staff)}

    @rpc
    def signage(self, query=None):
        args = s.SignageQuery().load(query or {})
        with self.uow as work:
            select = sa.select(Post, Division).join(Division).order_by(Division.code, Post.title)
            if args.get("division_id"):
                select = select.where(Post.division_id == args["division_id"])
            total, sliced = paginate(work.session, select, args)
            rows = work.session.execute(sliced).all()
            people = {p.id: p for p in work.session.scalars(sa.select(Staff).where(Staff.id.in_(
                {r.Post.holder_id for r in rows} | {r.Post.acting_id for r in rows})))}
            cards = [rules.signage_card(post, division, people[post.holder_id],
                                        people.get(post.acting_id)) for post, division in rows]
        return {"items": s.SignageCard(many=True).dump(cards), "total": total}

    def _set_backups(self, work, post, backup_ids):
        staff = work.session.scalars(sa.select(Staff).where(Staff.id.in_(backup_ids))).all()
        rules.check_backups(post.holder_id, backup_ids, post.special,
                            {p.id: p for p in staff}, post.division_id)
        post.backups = [Backup(staff_id=b, rank=i) for i, b in enumerate(backup_ids, 1)]
        handover.reconcile(work, [post])  # a new B list may change who covers now
        work.emit("post_changed", {"post_id": post.id, "title": post.title,
                                   "division_id": post.division_id, "holder_id": post.holder_id,
                                   "backup_ids": backup_ids, "special": post.special})

    def _division_changed(self, work, division):
        work.emit("division_changed", {"division_id": division.id, "name": division.name,
                                       "head_id": division.head_id,
                                       "leader_id": division.leader_id})
