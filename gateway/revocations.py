"""Tokens that no longer count: of people who left, and older than a password change.

The gateway keeps this in memory, so no request needs a database read. It learns
of changes three ways: at once from a change it served itself; within moments from
posts' ``staff_changed`` events (a broadcast queue per gateway instance); and from
a full list asked of posts at start and every ``REFRESH`` seconds, which covers
events missed while the broker or this instance was away. Nobody is reactivated
and versions only rise, so merging never loses a revocation.
"""

from nameko.extensions import DependencyProvider

from chassis.errors import Unauthenticated

REFRESH = 30


class Revocations(DependencyProvider):
    """``check(staff_id, version)`` raises for a token that no longer counts."""

    def setup(self):
        self.inactive = set()
        self.versions = {}

    def get_dependency(self, worker_ctx):
        return self

    def check(self, staff_id, version):
        if staff_id in self.inactive:
            raise Unauthenticated("this account is no longer active", code="account_inactive")
        if version < self.versions.get(staff_id, 0):
            raise Unauthenticated("this token was revoked (the password changed); sign in "
                                  "again", code="token_revoked")

    def learn(self, staff_id, active=True, token_version=0, **_):
        if not active:
            self.inactive.add(staff_id)
        if token_version > self.versions.get(staff_id, 0):
            self.versions[staff_id] = token_version

    def learn_all(self, rows):
        for row in rows:
            self.learn(**row)
