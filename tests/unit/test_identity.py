"""Who sent a message (chassis.identity), and the URIs every party connects with."""

from types import SimpleNamespace

import pika

from chassis import amqp, identity
from chassis.config import Settings


def message(user_id=None, **headers):
    return SimpleNamespace(properties={"user_id": user_id} if user_id else {},
                           headers=headers)


def test_a_sender_is_the_user_the_broker_checked_and_only_we_may_name_another():
    assert identity.sender(message("xn-documents"), own_user="xn-accountability") \
        == "xn-documents"
    assert identity.sender(message(), own_user="xn-accountability") is None
    # our own retry or parking keeps the first sender; nobody else can make us believe one
    assert identity.sender(message("xn-accountability", **{identity.ORIGIN: "xn-documents"}),
                           own_user="xn-accountability") == "xn-documents"
    assert identity.sender(message("guest", **{identity.ORIGIN: "xn-documents"}),
                           own_user="xn-accountability") == "guest"


def test_each_party_is_its_named_user_and_one_account_speaks_for_all():
    named = Settings.from_mapping({
        "AMQP_URI": "amqp://xn-posts:pw@mq:5672/",
        "XIAONENG_BROKER_USERS": "posts=xn-posts, gateway=xn-gateway,intake=xn-intake"})
    assert (named.own_user, named.user_of("gateway"), named.user_of("intake")) == (
        "xn-posts", "xn-gateway", "xn-intake")
    assert named.parties_of("xn-gateway") == {"gateway"}
    alone = Settings.from_mapping({"AMQP_URI": "amqp://dev:pw@mq:5672/"})
    assert alone.user_of("documents") == alone.user_of("intake") == "dev"


def test_another_users_uri_keeps_the_broker_its_tls_and_vhost():
    uri = identity.with_user("amqps://admin:x@mq.example:5671/office", "xn-posts", "p@ss:/w")
    assert uri == "amqps://xn-posts:p%40ss%3A%2Fw@mq.example:5671/office"
    assert identity.user_of_uri(uri) == "xn-posts"


def test_a_clusters_uri_gives_every_node_the_other_user_and_keeps_its_vhost():
    from xiaoneng.broker import Management

    nodes = "amqp://admin:x@mq1:5672/office;amqp://admin:x@mq2:5673/office"
    uri = identity.with_user(nodes, "xn-posts", "pw")
    assert uri == "amqp://xn-posts:pw@mq1:5672/office;amqp://xn-posts:pw@mq2:5673/office"
    assert identity.user_of_uri(uri) == "xn-posts"
    assert Management(nodes).vhost == "office"
    connection = amqp.connection(uri)  # kombu: the first node, the others to fail over to
    assert (connection.hostname, connection.port, connection.virtual_host) == (
        "mq1", 5672, "office")
    assert connection.alt == uri.split(";")


def test_the_management_api_follows_the_scheme_unless_configured():
    assert identity.management_url("amqp://u:p@mq:5672/") == "http://mq:15672"
    assert identity.management_url("amqps://u:p@mq:5671/") == "https://mq:15671"
    assert identity.management_url("amqps://u:p@mq/", "https://ops:8443/") == "https://ops:8443"


def test_amqps_connects_over_tls_in_the_services_and_in_the_intake_client():
    connection = amqp.connection("amqps://u:p@mq.example:5671/")
    assert connection.transport_cls == "amqps" and connection.port == 5671
    assert connection.transport  # the SSL transport asks for TLS when nothing else was given
    assert connection.ssl is True
    parameters = pika.URLParameters("amqps://u:p@mq.example:5671/%2F")
    assert parameters.ssl_options is not None and parameters.port == 5671
