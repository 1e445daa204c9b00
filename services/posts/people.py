"""People over time: the staff list, corrections and moves, leaving (调离, 退休), passwords,
and the revocation list the gateway keeps so that no request needs a database read."""

import sqlalchemy as sa

from chassis.clock import clock
from chassis.entrypoints import rpc
from chassis.schemas import matching, once, page
from contracts.fields import Actor
from contracts.rpc import posts as s
from office.acting import acting
from services.posts import handover, rules, sign_ins
from services.posts.events import division_changed, post_changed, staff_changed
from services.posts.models import Backup, Division, Post, Staff
from services.posts.passwords import hash_password, verify_password
from services.posts.rules import people


def account(staff):
    return people.Account(staff.id, staff.username, staff.active)


class PeopleEntrypoints:
    """Mixed into PostsService; needs ``uow``."""

    @rpc
    def list_staff(self, query=None):
        args = once(s.StaffQuery).load(query or {})
        with self.uow as work:
            select = matching(sa.select(Staff).order_by(Staff.name, Staff.id), Staff, args,
                              ("division_id", "active", "role"))
            return page(work.session, select, s.StaffOut, args)

    @rpc
    def update_staff(self, actor, staff_id, payload):
        """Corrections, a move to another division, a new role; a head follows their role,
        and a new role revokes the tokens that carry the old one."""
        rules.check_admin(acting(actor))
        data = once(s.StaffUpdate).load(payload)
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, staff_id), "staff", staff_id)
            role, division_id = data.get("role", staff.role), \
                data.get("division_id", staff.division_id)
            division = division_id and work.session.get(Division, division_id)
            heads = dict(work.session.execute(sa.select(Division.id, Division.head_id)).all())
            if heads.get(division_id) != staff_id:
                rules.check_new_staff(role, rules.DivisionFacts.of(division), division_id)
            if role != staff.role:
                staff.token_version += 1
            for key, value in data.items():
                setattr(staff, key, value)
            self._set_heads(work, people.head_changes(staff_id, role, division_id, heads))
            staff_changed(work, staff)
        return {**once(s.StaffOut).dump(staff), "token_version": staff.token_version}

    @rpc
    def deactivate_staff(self, actor, staff_id, payload):
        """Someone left: no more sign-in or tokens; out of every B list; their posts vacant;
        no longer head or supervising leader of anything. History stays."""
        actor, data = once(Actor).load(actor), once(s.DeactivationIn).load(payload)
        rules.check_admin(acting(actor))
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, staff_id, with_for_update=True),
                                  "staff", staff_id)
            people.check_deactivation(actor["id"], account(staff))
            staff.active, staff.left_at, staff.leaving_reason = False, clock.now(), \
                data["reason"]
            staff.token_version += 1
            self._leave_posts(work, staff)
            led = work.session.scalars(sa.select(Division).where(sa.or_(
                Division.head_id == staff_id, Division.leader_id == staff_id))).all()
            for division in led:
                division.head_id = None if division.head_id == staff_id else division.head_id
                division.leader_id = None if division.leader_id == staff_id \
                    else division.leader_id
                division_changed(work, division)
            staff_changed(work, staff)
        return once(s.StaffOut).dump(staff)

    @rpc
    def change_password(self, actor, payload, client="unknown"):
        """The current password is checked like a sign-in (counted first, per address):
        guessing through a stolen session is throttled too."""
        actor, data = once(Actor).load(actor), once(s.PasswordChange).load(payload)
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, actor["id"]), "staff", actor["id"])
            sign_ins.reserve(work, staff.username, client)
        if not verify_password(staff.password_hash, data["old_password"]):
            raise people.WrongPassword("the current password is wrong")
        with self.uow as work:
            sign_ins.forget(work, staff.username, client)
        return self._set_password(staff.id, data["new_password"])

    @rpc
    def reset_password(self, actor, staff_id, payload):
        rules.check_admin(acting(actor))
        return self._set_password(staff_id, once(s.PasswordReset).load(payload)["new_password"])

    @rpc
    def revocations(self):
        """What the gateway keeps in memory: who left, and each token version above 0."""
        with self.uow as work:
            rows = work.session.execute(sa.select(Staff.id, Staff.active, Staff.token_version)
                                        .where(sa.or_(Staff.active.is_(False),
                                                      Staff.token_version > 0))).all()
        return [{"staff_id": i, "active": a, "token_version": v} for i, a, v in rows]

    def _set_password(self, staff_id, password):
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, staff_id), "staff", staff_id)
            people.check_new_password(account(staff), password)
        password_hash = hash_password(password)  # slow: outside the transaction
        with self.uow as work:
            staff = rules.require(work.session.get(Staff, staff_id, with_for_update=True),
                                  "staff", staff_id)
            staff.password_hash, staff.token_version = password_hash, staff.token_version + 1
            staff_changed(work, staff)
            return {**once(s.StaffOut).dump(staff), "token_version": staff.token_version}

    def _leave_posts(self, work, staff):
        session = work.session
        held = session.scalars(sa.select(Post).where(Post.holder_id == staff.id)
                               .with_for_update()).all()
        for post in held:
            post.holder_id, post.previous_holder_id = None, staff.id
        backed = session.scalars(sa.select(Post).join(Backup).where(
            Backup.staff_id == staff.id).with_for_update()).all()
        for post in backed:
            post.backups = [b for b in post.backups if b.staff_id != staff.id]
        affected = list({p.id: p for p in held + backed}.values())
        handover.reconcile(work, affected)
        for post in affected:
            post_changed(work, post)

    def _set_heads(self, work, changes):
        for division_id, head_id in changes.items():
            division = work.session.get(Division, division_id)
            division.head_id = head_id
            division_changed(work, division)
