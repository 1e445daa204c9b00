"""The one mapping from errors to HTTP status and the API's error body."""

import json

from marshmallow import ValidationError
from werkzeug.wrappers import Response

from chassis.errors import DomainError, ServiceError, validation_error

STATUS_BY_KIND = {
    "bad_request": 400,
    "unauthenticated": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "invalid": 422,
    "too_many_requests": 429,
    "unavailable": 503,
}


class GatewayError(DomainError):
    """An error the gateway itself raises (malformed JSON, unknown route, …)."""

    def __init__(self, kind, code, message, details=None):
        super().__init__(message, details, code=code)
        self.kind = kind


def nosniff(response):
    """Every response says what it is and may not be read as anything else."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def json_response(status, body, headers=None):
    return Response(json.dumps(body, ensure_ascii=False), status=status,
                    mimetype="application/json", headers=headers)


def error_response(error):
    if isinstance(error, ValidationError):  # a body the gateway itself loads
        error = validation_error(error.messages)
    if isinstance(error, DomainError | ServiceError):
        kind, code, message, details = error.kind, error.code, error.message, error.details
    else:  # a bug: say so without a stack trace
        kind, code, message, details = "internal", "internal_error", "internal error", {}
    status = STATUS_BY_KIND.get(kind, 500)
    return json_response(status, {"error": {"code": code, "message": message,
                                            "details": details}})
