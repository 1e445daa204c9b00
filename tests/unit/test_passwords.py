"""Password hashes: OWASP's Argon2id parameters; older hashes still verify and are renewed."""

from argon2 import PasswordHasher

from services.posts.passwords import hash_password, needs_rehash, verify_password


def test_a_hash_uses_owasps_argon2id_parameters_and_verifies_only_its_password():
    password_hash = hash_password("password-123")
    assert password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password(password_hash, "password-123")
    assert not verify_password(password_hash, "password-124")
    assert not verify_password(None, "password-123")  # an unknown name
    assert not needs_rehash(password_hash)


def test_a_hash_made_with_the_older_64_mib_default_verifies_and_asks_to_be_made_again():
    older = PasswordHasher().hash("password-123")
    assert verify_password(older, "password-123")
    assert needs_rehash(older)
    assert not needs_rehash("not a hash")
