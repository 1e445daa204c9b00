"""The broker's users: one for each service, the gateway and the intake, each allowed only
its own exchanges and queues (chassis.identity says why).

``python -m xiaoneng.broker provision`` (what ``make run`` and the end-to-end tests do
through :func:`provision`) creates the users in a vhost through the management API with
the broker account it is given, declares the topology there (consumers of another
party's exchange only look it up), and keeps the passwords in the data directory (mode
0600). ``python -m xiaoneng.broker permissions`` prints each user's permissions, for a
deployment that creates its users from its own secrets.
"""

import argparse
import json
import logging
import os
import secrets
from urllib.parse import quote, unquote, urlsplit

import requests

from chassis import identity
from contracts import SERVICES
from xiaoneng import topology

log = logging.getLogger(__name__)
PARTIES = (*SERVICES, "gateway", "intake")
SHARED = r"xiaoneng\.(retry\.[0-9]+s|parked)"  # retrying and parking: every consumer's
REPLY_KEY = "[0-9a-f-]{36}"  # nameko routes a reply by its listener's uuid, never a dot in it
EVENTS = "|".join(rf"{p}\.events" for p in (*SERVICES, "gateway"))


def user_name(vhost: str, party: str) -> str:
    """``xiaoneng-posts`` on the default vhost, ``<vhost>-posts`` on another."""
    return f"{'xiaoneng' if vhost in ('', '/') else vhost}-{party}"


def permissions(party: str) -> dict:
    """What ``party``'s user may configure, write and read (RabbitMQ's regular expressions
    on exchange and queue names), and the routing keys it may publish and bind on
    ``nameko-rpc`` (topic permissions). A service declares, binds and consumes its own
    queues, publishes its own events, retries and parks; binds RPC keys of its own only,
    so a sign-in's password reaches posts alone."""
    if party == "intake":
        return {"configure": "^$", "write": r"^xiaoneng\.intake$", "read": "^$",
                "rpc_write": "^$", "rpc_read": "^$"}
    own = rf"evt-.+--{party}\..+|rpc-{party}|rpc\.reply-{party}-.+"
    if party != "gateway":
        own += rf"|intake-.+--{party}\..+"
    return {"configure": rf"^({party}\.events|nameko-rpc|{SHARED}|{own})$",
            "write": rf"^({party}\.events|nameko-rpc|amq\.default|{SHARED}|{own})$",
            "read": rf"^({EVENTS}|nameko-rpc|xiaoneng\.intake|{SHARED}|{own})$",
            "rpc_write": rf"^([a-z_]+\.[a-z_]+|{REPLY_KEY})$",
            "rpc_read": rf"^({party}\.(\*|[a-z_]+)|{REPLY_KEY})$"}


class Management:
    """RabbitMQ's management API, as the broker account given in ``amqp_uri``."""

    def __init__(self, amqp_uri: str, url: str | None = None):
        parts = urlsplit(identity.brokers(amqp_uri)[0])  # a cluster's first node
        self.url = identity.management_url(amqp_uri, url) + "/api"
        self.auth = (unquote(parts.username or "guest"), unquote(parts.password or "guest"))
        self.vhost = unquote(parts.path[1:]) if len(parts.path) > 1 else "/"

    def put(self, path: str, body: dict):
        requests.put(f"{self.url}/{path}", json=body, auth=self.auth,
                     timeout=10).raise_for_status()

    def post(self, path: str, body: dict):
        requests.post(f"{self.url}/{path}", json=body, auth=self.auth,
                      timeout=30).raise_for_status()

    def delete(self, path: str):
        requests.delete(f"{self.url}/{path}", auth=self.auth, timeout=10)

    def get(self, path: str):
        response = requests.get(f"{self.url}/{path}", auth=self.auth, timeout=10)
        response.raise_for_status()
        return response.json()


def provision(amqp_uri: str, data_dir=None, management_url: str | None = None,
              queue_type: str = "classic", passwords: dict | None = None) -> dict:
    """Every party's user in ``amqp_uri``'s vhost, with its permissions, and the topology
    declared; ``{party: its AMQP URI}``. Passwords are ``passwords`` (a deployment's
    secrets), else kept — or made — in ``data_dir``."""
    api = Management(amqp_uri, management_url)
    vhost = quote(api.vhost, safe="")
    if queue_type == "quorum":
        quorum_by_default(api, vhost)
    known = identity.load_credentials(data_dir) if data_dir else {}
    credentials = {}
    for party in PARTIES:
        user = user_name(api.vhost, party)
        password = (passwords or {}).get(party) or (
            known.get(party, {}).get("password") if known.get(party, {}).get("user") == user
            else None)
        credentials[party] = {"user": user, "password": password or secrets.token_urlsafe(24)}
        grant(api, vhost, user, credentials[party]["password"], permissions(party))
    if data_dir:
        identity.save_credentials(data_dir, credentials)
    api.post(f"definitions/{vhost}", topology.declarations(queue_type))
    return {party: identity.with_user(amqp_uri, c["user"], c["password"])
            for party, c in credentials.items()}


def quorum_by_default(api: Management, vhost: str):
    """The vhost's default queue type quorum, so that the queues the services declare
    themselves (nameko's RPC queues: a quorum queue declared ahead of nameko would refuse
    its declaration) are replicated too. RabbitMQ 3.10 sets it only when it creates a
    vhost: a missing vhost is created with it (deploy/ names its own vhost for that); one
    that exists with another default is reported, not changed."""
    try:
        found = api.get(f"vhosts/{vhost}")
    except requests.HTTPError as exc:
        if exc.response is None or exc.response.status_code != 404:
            raise
        # 3.10 reads "defaultqueuetype", later versions "default_queue_type"
        api.put(f"vhosts/{vhost}", {"defaultqueuetype": "quorum",
                                     "default_queue_type": "quorum"})
        return
    if found.get("default_queue_type") != "quorum":
        log.warning("vhost %s's default queue type is %s, not quorum: RPC queues stay "
                    "classic (not replicated); use a vhost provisioning creates",
                    api.vhost, found.get("default_queue_type"))


def passwords_from(environ) -> dict:
    """``XIAONENG_<PARTY>_BROKER_PASSWORD`` for every party: all of them, or a clear error."""
    names = {party: f"XIAONENG_{party.upper()}_BROKER_PASSWORD" for party in PARTIES}
    missing = [name for name in names.values() if not environ.get(name)]
    if missing:
        raise SystemExit(f"set {', '.join(missing)}")
    return {party: environ[name] for party, name in names.items()}


def grant(api: Management, vhost: str, user: str, password: str, allowed: dict):
    api.put(f"users/{quote(user, safe='')}", {"password": password, "tags": ""})
    api.put(f"permissions/{vhost}/{quote(user, safe='')}",
            {k: allowed[k] for k in ("configure", "write", "read")})
    api.put(f"topic-permissions/{vhost}/{quote(user, safe='')}",
            {"exchange": "nameko-rpc", "write": allowed["rpc_write"],
             "read": allowed["rpc_read"]})


def users_setting(vhost: str) -> str:
    """``XIAONENG_BROKER_USERS`` for the users :func:`provision` makes."""
    return ",".join(f"{party}={user_name(vhost, party)}" for party in PARTIES)


def remove(amqp_uri: str, vhost: str, management_url: str | None = None):
    """The parties' users of ``vhost`` (a scratch vhost's, when it goes)."""
    api = Management(amqp_uri, management_url)
    for party in PARTIES:
        api.delete(f"users/{quote(user_name(vhost, party), safe='')}")


def admin_uri(amqp_uri, environ) -> str:
    """The account that creates the users: ``--amqp-uri``, else ``AMQP_URI``, with
    ``RABBITMQ_ADMIN_USERNAME``/``RABBITMQ_ADMIN_PASSWORD`` when set (a secret's values, any
    characters, kept out of a URI)."""
    uri = amqp_uri or environ.get("AMQP_URI")
    if not uri:
        raise SystemExit("give --amqp-uri (or AMQP_URI): the broker and an account that may "
                         "create users")
    if environ.get("RABBITMQ_ADMIN_USERNAME"):
        return identity.with_user(uri, environ["RABBITMQ_ADMIN_USERNAME"],
                                  environ.get("RABBITMQ_ADMIN_PASSWORD", ""))
    return uri


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m xiaoneng.broker")
    parser.add_argument("command", choices=["provision", "permissions"])
    parser.add_argument("--amqp-uri", help="an account that may create users (provision)")
    parser.add_argument("--data-dir", default="var")
    parser.add_argument("--vhost", default="/", help="permissions: the users of this vhost")
    parser.add_argument("--management-url", help="default: the AMQP host, port 15672")
    parser.add_argument("--queue-type", choices=["classic", "quorum"], default="classic")
    parser.add_argument("--passwords-from-env", action="store_true",
                        help="XIAONENG_<PARTY>_BROKER_PASSWORD for every party (secrets)")
    args = parser.parse_args(argv)
    if args.command == "permissions":
        print(json.dumps({user_name(args.vhost, p): permissions(p) for p in PARTIES},
                         indent=2))
        return
    passwords = passwords_from(os.environ) if args.passwords_from_env else None
    uris = provision(admin_uri(args.amqp_uri, os.environ),
                     None if passwords else args.data_dir,
                     args.management_url or os.environ.get("XIAONENG_BROKER_MANAGEMENT_URL"),
                     args.queue_type, passwords)
    users = ", ".join(unquote(identity.user_of_uri(uri)) for uri in uris.values())
    print(f"{len(uris)} broker users ready: {users}")


if __name__ == "__main__":
    main()
