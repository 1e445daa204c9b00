"""What outside systems hand in over AMQP: the ``xiaoneng.intake`` exchange (topic, durable),
routing key = the message type, in the event envelope with ``source`` "intake".

- ``document.received``: an incoming document (收文) from the provincial document
  exchange, for a division named by its code.
- ``complaint.received``: a complaint taken by the 12345 hotline (服务承诺制).

``reference`` is the sender's own id for the item; the envelope's ``id`` is derived from
it (:func:`intake_id`), so sending the same item twice hands it in once.
"""

import uuid

from marshmallow import Schema, ValidationError, fields, validate

from contracts import storable
from contracts.inquiries import CATEGORIES

INTAKE_NAMESPACE = uuid.UUID("0e4bbf1c-6a4c-4c1e-9d55-6b1f3c8e2a70")


def intake_id(message_type: str, reference: str) -> str:
    return str(uuid.uuid5(INTAKE_NAMESPACE, f"{message_type}|{reference}"))


def _storable(text):
    # An outside system's NUL would fail only at the INSERT, be retried for minutes and
    # then parked; refused here, it is parked at once, with the field named.
    if not storable(text):
        raise ValidationError("holds a NUL character or is not valid Unicode")


def required_text(length):
    return fields.String(required=True, validate=[
        validate.Length(min=1, max=length), validate.Regexp(r"\S", error="blank"),
        _storable])


def optional_text(length, **kwargs):
    return fields.String(**kwargs, validate=[validate.Length(min=1, max=length), _storable])


class DocumentReceived(Schema):
    """收文: an incoming document from the provincial document exchange, for the division
    whose code is ``division``."""

    reference = required_text(100)
    division = required_text(30)  # the division's code, e.g. "ZF"
    title = required_text(300)
    from_unit = required_text(200)
    kind = optional_text(100, load_default="函")
    urgent = fields.Boolean(load_default=False)
    received_at = fields.AwareDateTime(required=True)


class ComplaintReceived(Schema):
    """A complaint taken by the 12345 hotline (服务承诺制), for the division whose code is
    ``division`` when the hotline knows it."""

    reference = required_text(100)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    description = required_text(5000)
    contact = fields.String(load_default=None, allow_none=True,
                            validate=[validate.Length(max=100), _storable])
    division = optional_text(30, load_default=None, allow_none=True)  # its code, if known


SCHEMAS = {"document.received": DocumentReceived, "complaint.received": ComplaintReceived}
