"""Bearer tokens (JWT, HS256) carrying the staff id and role; they expire by the wall clock."""

import time
import uuid

import jwt

from chassis.errors import Unauthenticated


def issue_token(settings, staff):
    now = int(time.time())
    claims = {"sub": staff["id"], "role": staff["role"], "iat": now,
              "exp": now + settings.token_ttl, "jti": uuid.uuid4().hex,
              "ver": staff.get("token_version", 0)}
    token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    return {"access_token": token, "token_type": "bearer", "expires_in": settings.token_ttl,
            "staff_id": staff["id"], "role": staff["role"]}


def actor_from_header(settings, revocations, header):
    """The acting user ``{id, role}`` from an ``Authorization: Bearer …`` header, unless
    the token was revoked (:mod:`gateway.revocations`)."""
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("a bearer token is required", code="missing_token")
    try:
        claims = jwt.decode(token.strip(), settings.jwt_secret, algorithms=["HS256"],
                            options={"require": ["sub", "role", "exp"]})
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired", code="token_expired") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("the token is not valid", code="invalid_token") from None
    revocations.check(claims["sub"], claims.get("ver", 0))
    return {"id": claims["sub"], "role": claims["role"]}
