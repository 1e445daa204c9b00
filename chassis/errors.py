"""Domain errors, and how they cross an RPC call.

Services raise subclasses of the kinds below (``NotFound``, ``Conflict``, …) in
their rules. The RPC entrypoint turns any of them into a :class:`ServiceError`
carrying the kind, code, message and details, which nameko rebuilds as an
instance on the caller's side; the gateway maps the kind to an HTTP status.
"""

import json

from nameko.exceptions import deserialize_to_instance


class DomainError(Exception):
    kind = "invalid"
    code = "invalid"

    def __init__(self, message, details=None, code=None):
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if code:
            self.code = code


class Invalid(DomainError):
    """The request is well-formed but breaks a rule (422)."""

    kind, code = "invalid", "invalid"


class NotFound(DomainError):
    kind, code = "not_found", "not_found"


class Conflict(DomainError):
    kind, code = "conflict", "conflict"


class Forbidden(DomainError):
    kind, code = "forbidden", "forbidden"


class Unauthenticated(DomainError):
    kind, code = "unauthenticated", "unauthenticated"


class Unavailable(DomainError):
    """A service needed for the answer did not answer in time; worth trying again."""

    kind, code = "unavailable", "service_unavailable"


@deserialize_to_instance
class ServiceError(Exception):
    """A domain error as it travels back over RPC. The details travel as JSON text: nameko
    would turn every number in them into a string."""

    def __init__(self, kind, code, message, details=None):
        if isinstance(details, str):
            details = json.loads(details)
        details = details or {}
        super().__init__(kind, code, message, json.dumps(details, default=str))
        self.kind, self.code, self.message, self.details = kind, code, message, details

    @classmethod
    def from_domain(cls, error: DomainError):
        return cls(error.kind, error.code, error.message, error.details)


def permitted(checks) -> list[str]:
    """The verbs of ``checks`` (``{verb: check}``, each check raising a domain error when
    the verb is not allowed) whose check passes: what a record's ``actions`` lists, by the
    same rules that refuse the others."""
    allowed = []
    for verb, check in checks.items():
        try:
            check()
        except DomainError:
            continue
        allowed.append(verb)
    return allowed


def validation_error(messages) -> Invalid:
    """A marshmallow ValidationError's messages as a domain error."""
    return Invalid("the request is not valid", {"fields": messages}, code="validation_error")
