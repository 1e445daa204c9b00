"""The posts service: divisions, staff accounts, posts with A holders and B backups."""

import uuid
from pathlib import Path

import sqlalchemy as sa

from chassis.entrypoints import rpc
from chassis.errors import Unauthenticated
from chassis.schemas import once, page
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.fields import PageArgs
from contracts.rpc import posts as s
from office.acting import acting
from services.posts import rules, sign_ins
from services.posts.events import division_changed, staff_changed
from services.posts.handover_entrypoints import HandoverEntrypoints
from services.posts.models import Division, Post, Staff
from services.posts.organisation import OrganisationEntrypoints
from services.posts.passwords import hash_password, needs_rehash, verify_password
from services.posts.people import PeopleEntrypoints, account
from services.posts.rules import people as people_rules
from services.posts.rules import reach

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


class PostsService(HandoverEntrypoints, OrganisationEntrypoints, PeopleEntrypoints,
                   ServiceBase):
    """岗位责任制 · AB岗制: the organisation and its posts."""

    name = "posts"
    uow = UnitOfWork(MIGRATIONS, on_start=seed_first_admin)

    @rpc
    def authenticate(self, credentials, client="unknown"):
        """Sign-in from ``client`` (the address): throttled per username and address and
        per address, counted before the password is verified; each refused or throttled
        attempt is in the audit trail with the username tried."""
        login = once(s.Login).load(credentials)
        username, audited = login["username"], {"username": login["username"][:64]}
        with self.uow as work:
            try:
                sign_ins.reserve(work, username, client)
            except people_rules.TooManyAttempts as refused:
                work.audit(429, **audited)
                throttled = refused
            else:
                throttled = None
            staff = work.session.scalar(sa.select(Staff).where(Staff.username == username))
        if throttled:
            raise throttled
        if not verify_password(staff and staff.password_hash, login["password"]):
            with self.uow as work:  # the attempt stays counted
                work.audit(401, **audited)
            raise Unauthenticated("wrong username or password", code="invalid_credentials")
        password_hash = hash_password(login["password"]) \
            if needs_rehash(staff.password_hash) else None  # older parameters: now, while known
        with self.uow as work:
            sign_ins.forget(work, username, client)
            if password_hash:
                work.session.get(Staff, staff.id).password_hash = password_hash
            work.audit(200 if staff.active else 401, actor_id=staff.id, role=staff.role,
                       **audited)
        people_rules.check_active(account(staff))
        return {**once(s.StaffOut).dump(staff), "token_version": staff.token_version}

    @rpc
    def get_staff(self, staff_id):
        with self.uow as work:
            return once(s.StaffOut).dump(rules.require(work.session.get(Staff, staff_id),
                                                   "staff", staff_id))

    @rpc
    def may(self, actor):
        """GET /me's part here: ``{verb: divisions}`` by the rules that refuse the routes."""
        with self.uow as work:
            return reach.reaches(acting(actor), {d.id: rules.DivisionFacts.of(d) for d in
                                                 work.session.scalars(sa.select(Division))})

    @rpc
    def me(self, staff_id):
        """The caller's record, with whom they act for now (a post's holder, a head)."""
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, staff_id), "staff", staff_id)
            covered = work.session.scalars(sa.select(Post).where(Post.acting_id == staff_id)
                                           .order_by(Post.title)).all()
            tied = [rules.DivisionFacts.of(d) for d in work.session.scalars(  # one query
                sa.select(Division).where(sa.or_(Division.head_id == staff_id,
                                                 Division.acting_head_id == staff_id))
                .order_by(Division.code))]
            covers = rules.acting_for(staff_id, [rules.PostFacts.of(p) for p in covered],
                                      [d for d in tied if d.acting_head_id == staff_id])
            heads = [d.id for d in tied if rules.head_now(d) == staff_id]
            return {**once(s.StaffOut).dump(staff),
                    "acting_for": once(s.Cover, many=True).dump(covers),
                    "heads": heads}

    @rpc
    def create_staff(self, actor, payload):
        rules.check_admin(acting(actor))
        data = once(s.StaffIn).load(payload)
        password_hash = hash_password(data.pop("password"))  # slow: before taking the lock
        with self.uow as work:
            if work.session.scalar(sa.select(Staff.id).where(
                    Staff.username == data["username"])):
                raise rules.UsernameTaken("the username is taken", {"username": data["username"]})
            division = data["division_id"] and work.session.get(Division, data["division_id"])
            rules.check_new_staff(data["role"], rules.DivisionFacts.of(division),
                                  data["division_id"])
            staff = Staff(id=new_id(), password_hash=password_hash, active=True,
                          token_version=0, **data)
            work.session.add(staff)
            if rules.heads_division(data["role"]):
                division.head_id = staff.id
                division_changed(work, division)
            staff_changed(work, staff)
        return once(s.StaffOut).dump(staff)

    @rpc
    def create_division(self, actor, payload):
        rules.check_admin(acting(actor))
        data = once(s.DivisionIn).load(payload)
        with self.uow as work:
            if work.session.scalar(sa.select(Division.id).where(Division.code == data["code"])):
                raise rules.DivisionCodeTaken("the division code is taken", {"code": data["code"]})
            if data["leader_id"] is not None:
                rules.check_leader(data["leader_id"], rules.StaffFacts.of(
                    work.session.get(Staff, data["leader_id"])))
            division = Division(id=new_id(), head_id=None, **data)
            work.session.add(division)
            division_changed(work, division)
        return once(s.DivisionOut).dump(division)

    @rpc
    def update_division(self, actor, division_id, payload):
        rules.check_admin(acting(actor))
        data = once(s.DivisionUpdate).load(payload)
        with self.uow as work:
            division = rules.require(work.session.get(Division, division_id), "division",
                                     division_id)
            if data.get("leader_id") is not None:
                rules.check_leader(data["leader_id"], rules.StaffFacts.of(
                    work.session.get(Staff, data["leader_id"])))
            if data.get("head_id") is not None:
                rules.check_head(rules.DivisionFacts.of(division), data["head_id"],
                                 rules.StaffFacts.of(work.session.get(Staff, data["head_id"])))
            for key, value in data.items():
                setattr(division, key, value)
            division_changed(work, division)
        return once(s.DivisionOut).dump(division)

    @rpc
    def get_division(self, division_id):
        with self.uow as work:
            return once(s.DivisionOut).dump(rules.require(
                work.session.get(Division, division_id), "division", division_id))

    @rpc
    def list_divisions(self, args=None):
        with self.uow as work:
            query = sa.select(Division).order_by(Division.code)
            return page(work.session, query, s.DivisionOut, once(PageArgs).load(args or {}))

