"""Who sent a message: the broker as a trust boundary.

Each party — every service, the gateway, the intake of outside systems — connects to
RabbitMQ as its own user, and every message it publishes carries ``user_id``, which the
broker checks against the connection's user: a ``user_id`` nobody can forge. A consumer
believes an event only from its source's user, an intake message only from the intake
user, and a person's identity (an RPC's ``actor``) only from the gateway's user.

``XIAONENG_BROKER_USERS`` names each party's user (``posts=xn-posts,gateway=xn-gateway,
…``); a party not named is the process's own user (one account for everything: the
development default, where there is nothing to tell apart). Credentials a launcher made
for the parties are kept in ``broker-users.json`` in the data directory (mode 0600).
"""

import json
import os
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import requests

_services: tuple[str, ...] = ()  # the system's, named at start (name_services)
ORIGIN = "x-origin-user"  # the first sender of a message a consumer republished itself
UNVERIFIED = "unverified_sender"
CREDENTIALS = "broker-users.json"


def name_services(names) -> None:
    """The services the system is made of, named once at start by whoever defines them (the
    contracts, when imported): the chassis knows no service by name."""
    global _services
    _services = tuple(names)


def services() -> tuple[str, ...]:
    """The system's services (:func:`name_services`); every one a party besides the gateway
    and the intake."""
    return _services


def user_of_uri(amqp_uri: str) -> str:
    return urlsplit(amqp_uri).username or "guest"


def parse_users(text: str) -> dict:
    """``posts=xn-posts,gateway=xn-gateway`` as a mapping of party to broker user."""
    pairs = (item.split("=", 1) for item in text.split(",") if item.strip())
    return {party.strip(): user.strip() for party, user in pairs}


def sender(message, own_user: str) -> str | None:
    """The user who published ``message``, as the broker checked it. A message this very
    user republished (a retry, a parked message replayed) names its first sender in the
    ``x-origin-user`` header, which nobody else can make us believe: only we publish
    with our own ``user_id``."""
    user_id = message.properties.get("user_id")
    if user_id is not None and user_id == own_user:
        return (message.headers or {}).get(ORIGIN, user_id)
    return user_id


def brokers(amqp_uri: str) -> list[str]:
    """The URIs of an ``AMQP_URI`` naming a cluster's nodes (``amqp://…@n1/vh;amqp://…@n2/vh``:
    kombu connects to the first that answers, and to the next when one goes away)."""
    return [part.strip() for part in amqp_uri.split(";") if part.strip()]


def with_user(amqp_uri: str, user: str, password: str) -> str:
    """``amqp_uri`` (host, port, vhost, TLS; every node it names) with another user's
    credentials."""
    found = []
    for uri in brokers(amqp_uri):
        parts = urlsplit(uri)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
        found.append(urlunsplit((parts.scheme, netloc, parts.path, parts.query,
                                 parts.fragment)))
    return ";".join(found)


def save_credentials(data_dir: Path, credentials: dict) -> Path:
    """``{party: {"user", "password"}}``, readable by this account only."""
    path = Path(data_dir) / CREDENTIALS
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(credentials, file)
    os.chmod(path, 0o600)
    return path


def load_credentials(data_dir: Path) -> dict:
    path = Path(data_dir) / CREDENTIALS
    return json.loads(path.read_text()) if path.exists() else {}


def management_url(amqp_uri: str, configured: str | None = None) -> str:
    """The management API's base URL: ``XIAONENG_BROKER_MANAGEMENT_URL``, else the AMQP
    host on port 15672 (https for ``amqps://``)."""
    if configured:
        return configured.rstrip("/")
    parts = urlsplit(amqp_uri)
    scheme = "https" if parts.scheme == "amqps" else "http"
    return f"{scheme}://{parts.hostname}:{15671 if scheme == 'https' else 15672}"


def broker_tags(amqp_uri: str, url: str) -> list[str]:
    """The tags of the URI's own broker user (``/api/whoami``); raises if the broker's
    management API does not answer. A user with no tag may not sign in to it at all (401):
    no tags, and certainly not an administrator."""
    parts = urlsplit(amqp_uri)
    response = requests.get(f"{url}/api/whoami", timeout=5, auth=(
        unquote(parts.username or "guest"), unquote(parts.password or "guest")))
    if response.status_code == 401:
        return []
    response.raise_for_status()
    tags = response.json().get("tags", [])
    return tags.split(",") if isinstance(tags, str) else list(tags)
