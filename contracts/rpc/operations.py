"""What an operator reads of the running system (the gateway's OpenAPI schemas): each
service's instances and backlog, the broker's view, the parked messages."""

from marshmallow import Schema, fields

from contracts.fields import PageArgs


class InstanceOut(Schema):
    id = fields.String(metadata={"description": "host:pid of the process that answered"})
    metrics_url = fields.String(allow_none=True)
    ready = fields.Boolean()


class ServiceStatusOut(Schema):
    name = fields.String()
    ready = fields.Boolean(metadata={"description": "an instance answered with its database"})
    instances = fields.List(fields.Nested(InstanceOut))
    outbox_unpublished = fields.Integer(allow_none=True)
    outbox_oldest_seconds = fields.Float(allow_none=True)
    parked = fields.Integer(allow_none=True)
    consumers = fields.Integer(allow_none=True,
                               metadata={"description": "on its RPC queue, by the broker"})


class BrokerOut(Schema):
    available = fields.Boolean()
    url = fields.String()
    reason = fields.String(metadata={"description": "why the broker's view is missing"})
    queue_count = fields.Integer()
    parked_messages = fields.Integer()
    queues_without_consumers = fields.List(fields.String())


class StatusOut(Schema):
    services = fields.List(fields.Nested(ServiceStatusOut))
    broker = fields.Nested(BrokerOut)
    parked = fields.Integer(allow_none=True)
    missing = fields.List(fields.String(), metadata={"description": "services that did not "
                                                                    "answer in time"})


class ParkedOut(Schema):
    id = fields.String()
    service = fields.String(allow_none=True, metadata={"description": "who owns its queue"})
    queue = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    parked_at = fields.String(allow_none=True)
    body = fields.String(metadata={"description": "its first 4000 bytes, as text"})


class ParkedPage(Schema):
    items = fields.List(fields.Nested(ParkedOut))
    total = fields.Integer()


class ParkedQuery(PageArgs):
    pass


class ReplayOut(Schema):
    id = fields.String()
    queue = fields.String()
    replayed = fields.Boolean()


class DiscardOut(Schema):
    id = fields.String()
    discarded = fields.Boolean()
