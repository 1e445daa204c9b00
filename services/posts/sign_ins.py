"""Throttling sign-ins (README "Security"): failures count per username and client address,
and per address across usernames, kept by posts so that every gateway counts the same.

An attempt is counted before its password is verified — a failure reserved under a lock
and forgotten once the password proves right — so a burst of concurrent guesses cannot
slip past the count while the slow hash runs.
"""

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import lock_key
from services.posts.models import FailedSignIn
from services.posts.rules import people


def reserve(work, username, client):
    """Refuse (429) an address with too many recent failures, else count this attempt as a
    failure until :func:`forget` says otherwise."""
    session, now = work.session, clock.now()
    work.audit_later()  # the request's entry says how the attempt ended
    lock_key(session, f"sign-in.{client}")  # the address's count, then the pair's
    lock_key(session, f"sign-in.{client}.{username}")
    since = people.attempts_counted_since(now)
    recent = sa.select(sa.func.count()).where(FailedSignIn.client == client,
                                              FailedSignIn.at > since)
    people.check_attempts(session.scalar(recent.where(FailedSignIn.username == username)),
                          session.scalar(recent))
    session.execute(sa.delete(FailedSignIn).where(FailedSignIn.client == client,
                                                  FailedSignIn.at <= since))
    attempt = FailedSignIn(username=username, client=client, at=now)
    session.add(attempt)
    session.flush()
    return attempt.id


def forget(work, username, client):
    """The right password: this address's failures for the username no longer count."""
    work.session.execute(sa.delete(FailedSignIn).where(FailedSignIn.username == username,
                                                       FailedSignIn.client == client))
