"""People over time: signing in, passwords, moving and leaving (调离, 退休).

Someone who leaves is made inactive, never deleted (their violations, cases and
appraisal stay); their tokens stop working at once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from chassis.errors import Conflict, DomainError, Forbidden, Invalid, Unauthenticated

MIN_PASSWORD = 8
MAX_FAILED_ATTEMPTS = 5  # wrong passwords for one username from one address ...
MAX_ADDRESS_ATTEMPTS = 20  # ... or for any usernames from one address ...
ATTEMPT_WINDOW = timedelta(minutes=15)  # ... within this long lock it out for as long


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    active: bool


class AccountInactive(Unauthenticated):
    code = "account_inactive"


class WrongPassword(Forbidden):
    code = "wrong_password"


class WeakPassword(Invalid):
    code = "weak_password"


class AlreadyInactive(Conflict):
    code = "already_inactive"


class OwnAccount(Conflict):
    """An admin cannot deactivate themselves: the office would be left without one."""

    code = "own_account"


class TooManyAttempts(DomainError):
    kind, code = "too_many_requests", "too_many_attempts"


def attempts_counted_since(now: datetime) -> datetime:
    """Failed attempts after this moment count against a username."""
    return now - ATTEMPT_WINDOW


def check_attempts(pair_failures: int, address_failures: int) -> None:
    """Five wrong passwords for one username from one address within 15 minutes, or twenty
    for any usernames from it: every attempt from that address (for that username) is
    refused, the right password too, until the failures are 15 minutes old. Guessing a
    password takes years, spraying many accounts is stopped, and the owner signing in from
    their own desk is never locked out by someone guessing elsewhere."""
    if pair_failures >= MAX_FAILED_ATTEMPTS or address_failures >= MAX_ADDRESS_ATTEMPTS:
        raise TooManyAttempts(
            f"too many wrong passwords from this address within "
            f"{ATTEMPT_WINDOW.seconds // 60} minutes: try again later",
            {"retry_after_seconds": ATTEMPT_WINDOW.seconds})


def check_active(account: Account) -> None:
    if not account.active:
        raise AccountInactive("this account is no longer active")


def check_new_password(account: Account, password: str) -> None:
    """At least eight characters, and not the username."""
    if len(password) < MIN_PASSWORD or password.strip().casefold() == \
            account.username.casefold():
        raise WeakPassword(f"a password has at least {MIN_PASSWORD} characters and is not "
                           "the username", {"min_length": MIN_PASSWORD})


def check_deactivation(actor_id: str, account: Account) -> None:
    if not account.active:
        raise AlreadyInactive("the account is inactive already")
    if account.id == actor_id:
        raise OwnAccount("nobody deactivates their own account")


def head_changes(staff_id: str, role: str, division_id: str | None, heads: dict) -> dict:
    """``{division_id: head_id}`` to set after someone's role or division changed:
    a division they headed loses its head unless they still head it; a division_head
    becomes the head of their (new) division. ``heads`` maps divisions to their heads."""
    changes = {d: None for d, head in heads.items() if head == staff_id
               and (d != division_id or role != "division_head")}
    if role == "division_head" and division_id is not None \
            and heads.get(division_id) != staff_id:
        changes[division_id] = staff_id
    return changes
