"""Sign-in throttling and client addresses, without a broker."""

from datetime import UTC, datetime, timedelta

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from gateway.dispatch import client_address
from services.posts.rules import people


def test_five_failures_for_a_username_from_an_address_refuse_every_attempt_from_it():
    people.check_attempts(4, 4)
    with pytest.raises(people.TooManyAttempts) as refused:
        people.check_attempts(5, 5)
    assert (refused.value.kind, refused.value.code) == ("too_many_requests", "too_many_attempts")


def test_twenty_failures_from_an_address_across_usernames_stop_spraying():
    people.check_attempts(1, 19)
    with pytest.raises(people.TooManyAttempts):
        people.check_attempts(1, 20)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert people.attempts_counted_since(now) == now - timedelta(minutes=15)


def request(peer, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return Request(EnvironBuilder(headers=headers,
                                  environ_base={"REMOTE_ADDR": peer}).get_environ())


@pytest.mark.parametrize(("peer", "forwarded", "trusted", "client"), [
    ("203.0.113.5", None, set(), "203.0.113.5"),
    ("203.0.113.5", "10.0.0.1", set(), "203.0.113.5"),  # nobody vouches for the header
    ("10.9.9.9", "198.51.100.7", {"10.9.9.9"}, "198.51.100.7"),
    ("10.9.9.9", "1.2.3.4, 198.51.100.7", {"10.9.9.9"}, "198.51.100.7"),  # forged hop
    ("10.9.9.9", "198.51.100.7, 10.8.8.8", {"10.9.9.9", "10.8.8.8"}, "198.51.100.7"),
    ("10.9.9.9", "", {"10.9.9.9"}, "10.9.9.9"),  # a proxy that said nothing
])
def test_forwarded_for_counts_only_behind_trusted_proxies(peer, forwarded, trusted, client):
    assert client_address(request(peer, forwarded), frozenset(trusted)) == client
