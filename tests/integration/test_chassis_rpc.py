"""RPC on the chassis: what goes over the wire."""

import json

from kombu import Connection, Exchange, Producer, Queue

from tests.helpers import peek_queue, wait_until
from tests.integration.toy import service as toy


def test_a_reply_is_sent_transient_and_answers_the_request(runner_factory, service_config):
    config = service_config("toy")
    runner_factory(config, toy.ToyConsumer).start()
    rpc_exchange = Exchange("nameko-rpc", type="topic", durable=True)
    replies = Queue("reply-probe", exchange=rpc_exchange, routing_key="reply-probe")
    with Connection(config["AMQP_URI"]) as connection:
        replies(connection.default_channel).declare()
        Producer(connection).publish(
            {"args": [], "kwargs": {}}, exchange=rpc_exchange, routing_key="toy.ping",
            serializer="json", reply_to="reply-probe", correlation_id="probe-1",
            user_id=connection.userid)  # services answer only who they can tell

    reply = wait_until(lambda: peek_queue(config["vhost"], "reply-probe"),
                       message="the reply")[0]
    assert reply["properties"]["delivery_mode"] == 1  # no disk write, no confirm awaited
    assert reply["properties"]["correlation_id"] == "probe-1"
    assert json.loads(reply["payload"])["result"]["service"] == "toy"
