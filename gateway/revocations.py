"""Tokens that no longer count: of people who left, and older than a password change.

The gateway keeps this in memory, so no request needs a database read. It learns
of changes three ways: at once from a change it served itself; within moments from
posts' ``staff_changed`` events (a broadcast queue per gateway instance); and from
a full list asked of posts at start and every ``REFRESH`` seconds, which covers
events missed while the broker or this instance was away. Nobody is reactivated
and versions only rise, so merging never loses a revocation.

Until the first list has loaded, this gateway knows no revocation at all: it fails
closed — not ready, and 503 on every signed-in route — rather than accept the token of
someone who left.
"""

import time

from nameko.extensions import DependencyProvider

from chassis.errors import Unauthenticated, Unavailable

REFRESH = 30


class Revocations(DependencyProvider):
    """``check(staff_id, version)`` raises for a token that no longer counts."""

    def setup(self):
        self.inactive = set()
        self.versions = {}
        self.loaded = False
        self.refreshed_at = 0.0

    def get_dependency(self, worker_ctx):
        return self

    def check(self, staff_id, version):
        if not self.loaded:
            raise Unavailable("this gateway has not yet learnt which tokens were revoked; "
                              "try again shortly", {"service": "posts"})
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
        self.loaded, self.refreshed_at = True, time.monotonic()

    def due(self):
        """Whether to ask posts for the whole list now: until it first loads, always."""
        return not self.loaded or time.monotonic() - self.refreshed_at >= REFRESH
