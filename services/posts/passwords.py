"""Password hashing with Argon2 (a slow KDF), off the event loop."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from eventlet import tpool

_hasher = PasswordHasher()
# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return tpool.execute(_hasher.hash, password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return tpool.execute(_hasher.verify, password_hash or _DUMMY, password) \
            and password_hash is not None
    except (VerifyMismatchError, InvalidHashError):
        return False
