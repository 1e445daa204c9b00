"""Password hashing with Argon2id (a slow, memory-hard KDF), off the event loop.

The parameters are OWASP's first recommendation for Argon2id (19 MiB, 2 passes, 1 lane).
argon2-cffi's default of 64 MiB a hash, with eventlet's pool of 20 threads, let a burst of
sign-ins take more than a gigabyte; here at most two hashes are in memory at a time.
A hash made with other parameters still verifies, and is made again at the next sign-in.
"""

import ctypes
import ctypes.util

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from eventlet import tpool
from eventlet.semaphore import Semaphore


def _return_big_blocks_to_the_os():
    """glibc raises its mmap threshold (up to 32 MiB) after freeing a big block, so each of
    eventlet's 20 pool threads would keep a 19 MiB hash's memory in its arena: 380 MB seen.
    A fixed threshold keeps every block of 1 MiB or more mapped, and unmapped when freed."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc: its allocator has no such threshold
        pass


_return_big_blocks_to_the_os()
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_hashing = Semaphore(2)
# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    with _hashing:
        return tpool.execute(_hasher.hash, password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        with _hashing:
            return tpool.execute(_hasher.verify, password_hash or _DUMMY, password) \
                and password_hash is not None
    except (VerifyMismatchError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Made with other parameters than today's (an older default, say)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return False
