"""Configuration from environment variables, read at start-up, with working defaults.

nameko hands every extension the same config mapping; we fill it from the
environment once (:func:`nameko_config`) and every setting is read from that
mapping through :class:`Settings`, so tests configure a container by passing a dict.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from nameko.extensions import DependencyProvider

from chassis import identity
from chassis.clock import clock

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_JWT_SECRET = "xiaoneng-development-secret-not-for-production"


def _addresses(value):
    return frozenset(a.strip() for a in value.split(",") if a.strip())


def _flag(value):
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


# The built web console (console/dist), served by the gateway at /.
CONSOLE_DIR = Path(__file__).resolve().parent.parent / "console" / "dist"

@dataclass(frozen=True)
class Settings:
    env: str
    data_dir: Path
    amqp_uri: str
    test_clock: bool
    scan_interval: float
    relay_interval: float
    relay_grace: float
    rpc_timeout: float
    max_attempts: int
    gateway_port: int
    jwt_secret: str
    token_ttl: int
    admin_username: str
    admin_password: str
    calendar_overrides: str
    services: tuple
    queue_type: str
    late_grace_minutes: int
    warn_working_days: int
    office_name: str
    complaint_rate: int
    grading_policy: str
    console_dir: Path
    trusted_proxies: frozenset
    metrics_allow: frozenset
    metrics_port: int  # this process's own /metrics (0: none)
    metrics_address: str
    log_format: str  # text or json
    db_pool_size: int
    db_max_overflow: int
    max_body_bytes: int
    export_max_rows: int  # the gateway: the most rows an Excel export holds
    broker_users: tuple  # (party, broker user) pairs: chassis.identity
    broker_management_url: str
    broker_monitor: tuple  # (user, password) the gateway reads the broker's view with
    smtp_url: str  # notifications: the office's mail server ("" : no mail)
    mail_from: str
    webhook_hosts: frozenset  # notifications: the only hosts a webhook may reach
    office_hours: str  # notifications: when mail and webhooks go out (working days)
    delivery_interval: float
    public_url: str  # where the console is reached from a mail or a group chat
    retention_days: int  # published outbox rows and inbox ids: chassis.retention

    @classmethod
    def from_mapping(cls, config):
        get = config.get
        env = get("XIAONENG_ENV", "development")
        return cls(
            env=env,
            data_dir=Path(get("XIAONENG_DATA_DIR", "var")),
            amqp_uri=get("AMQP_URI", DEFAULT_AMQP_URI),
            test_clock=_flag(get("XIAONENG_TEST_CLOCK", "0")) and env != "production",
            scan_interval=float(get("XIAONENG_SCAN_INTERVAL", 60)),
            relay_interval=float(get("XIAONENG_RELAY_INTERVAL", 5)),
            relay_grace=float(get("XIAONENG_RELAY_GRACE", 5)),
            rpc_timeout=float(get("XIAONENG_RPC_TIMEOUT", 10)),
            max_attempts=int(get("XIAONENG_MAX_ATTEMPTS", 5)),
            gateway_port=int(get("XIAONENG_GATEWAY_PORT", 8000)),
            jwt_secret=get("XIAONENG_JWT_SECRET", DEFAULT_JWT_SECRET),
            token_ttl=int(get("XIAONENG_TOKEN_TTL", 8 * 3600)),
            admin_username=get("XIAONENG_ADMIN_USERNAME", "admin"),
            admin_password=get("XIAONENG_ADMIN_PASSWORD", "admin"),
            calendar_overrides=get("XIAONENG_CALENDAR_OVERRIDES", ""),
            services=tuple(s for s in get("XIAONENG_SERVICES",
                                          ",".join(identity.services())).split(",") if s),
            queue_type=get("XIAONENG_QUEUE_TYPE", "classic"),
            late_grace_minutes=int(get("XIAONENG_LATE_GRACE_MINUTES", 15)),
            warn_working_days=int(get("XIAONENG_WARN_WORKING_DAYS", 1)),
            office_name=get("XIAONENG_OFFICE_NAME", "省机构编制委员会办公室"),
            complaint_rate=int(get("XIAONENG_COMPLAINT_RATE", 5)),
            grading_policy=get("XIAONENG_GRADING_POLICY", ""),
            console_dir=Path(get("XIAONENG_CONSOLE_DIR", CONSOLE_DIR)),
            trusted_proxies=_addresses(get("XIAONENG_TRUSTED_PROXIES", "")),
            metrics_allow=_addresses(get("XIAONENG_METRICS_ALLOW", "127.0.0.1,::1")),
            metrics_port=int(get("XIAONENG_METRICS_PORT", 0) or 0),
            metrics_address=get("XIAONENG_METRICS_ADDRESS", "127.0.0.1"),
            log_format=get("XIAONENG_LOG_FORMAT", "text"),
            db_pool_size=int(get("XIAONENG_DB_POOL_SIZE", 10)),
            db_max_overflow=int(get("XIAONENG_DB_MAX_OVERFLOW", 10)),
            max_body_bytes=int(get("XIAONENG_MAX_BODY_BYTES", 1024 * 1024)),
            export_max_rows=int(get("XIAONENG_EXPORT_MAX_ROWS", 50_000)),
            broker_users=tuple(identity.parse_users(get("XIAONENG_BROKER_USERS", "")).items()),
            broker_management_url=identity.management_url(
                get("AMQP_URI", DEFAULT_AMQP_URI), get("XIAONENG_BROKER_MANAGEMENT_URL")),
            broker_monitor=(get("XIAONENG_BROKER_MONITOR_USERNAME", ""),
                            get("XIAONENG_BROKER_MONITOR_PASSWORD", "")),
            smtp_url=get("XIAONENG_SMTP_URL", ""),
            mail_from=get("XIAONENG_MAIL_FROM", "xiaoneng@localhost"),
            webhook_hosts=_addresses(get("XIAONENG_WEBHOOK_HOSTS",
                                         "qyapi.weixin.qq.com,oapi.dingtalk.com")),
            office_hours=get("XIAONENG_OFFICE_HOURS", "08:30-12:00,14:00-17:30"),
            delivery_interval=float(get("XIAONENG_DELIVERY_INTERVAL", 5)),
            public_url=get("XIAONENG_PUBLIC_URL", "http://localhost:8000").rstrip("/"),
            retention_days=int(get("XIAONENG_RETENTION_DAYS", 30)),
        )

    @property
    def production(self):
        return self.env == "production"

    @property
    def own_user(self):
        """The broker user this process connects as."""
        return identity.user_of_uri(self.amqp_uri)

    def user_of(self, party):
        """The broker user ``party`` (a service, ``gateway`` or ``intake``) publishes as."""
        return dict(self.broker_users).get(party, self.own_user)

    def parties_of(self, user):
        """The parties ``user`` speaks for (with one account for all: every party)."""
        parties = (*identity.services(), "gateway", "intake")
        return {party for party in parties if self.user_of(party) == user}

    def database_url(self, service, config):
        """``XIAONENG_<SERVICE>_DATABASE_URL``, else a SQLite file under the data dir."""
        url = config.get(f"XIAONENG_{service.upper()}_DATABASE_URL")
        if url:
            return url
        return f"sqlite:///{(self.data_dir / f'{service}.db').resolve()}"


def nameko_config(environ=None):
    """The nameko config mapping for a process: its environment plus nameko's keys."""
    environ = dict(os.environ if environ is None else environ)
    settings = Settings.from_mapping(environ)
    config = {k: v for k, v in environ.items() if k.startswith("XIAONENG_")}
    config.update(
        AMQP_URI=settings.amqp_uri,
        WEB_SERVER_ADDRESS=f"0.0.0.0:{settings.gateway_port}",
        serializer="json",
        max_workers=int(environ.get("XIAONENG_MAX_WORKERS", 10)),
        parent_calls_tracked=10,
    )
    return config


def development_defaults(settings) -> list:
    """The development defaults anyone could know that these settings still use."""
    broker = urlsplit(settings.amqp_uri)
    found = []
    if broker.username in (None, "", "guest") or broker.password in (None, "", "guest"):
        found.append("AMQP_URI with RabbitMQ's guest account (or no password)")
    if settings.jwt_secret == DEFAULT_JWT_SECRET or len(settings.jwt_secret) < 32:
        found.append("XIAONENG_JWT_SECRET (the development one, or under 32 characters)")
    if settings.admin_password == "admin":
        found.append("XIAONENG_ADMIN_PASSWORD (admin)")
    return found


def administrator(settings) -> list:
    """Why this process's broker user is unfit for production: an administrator may speak
    for anyone (it may create users and grant itself anything), and one whose tags cannot
    be read cannot be told from one."""
    try:
        tags = identity.broker_tags(settings.amqp_uri, settings.broker_management_url)
    except (requests.RequestException, ValueError) as exc:
        return [f"AMQP_URI's user could not be checked at {settings.broker_management_url} "
                f"(XIAONENG_BROKER_MANAGEMENT_URL): {exc}"]
    return ["AMQP_URI with a broker user tagged administrator"] \
        if "administrator" in tags else []


def check_production(settings, broker_checks=administrator):
    """With ``XIAONENG_ENV=production`` no process starts on a development default, nor
    as a broker administrator."""
    found = development_defaults(settings) if settings.production else []
    if settings.production and not found:
        found = broker_checks(settings)
    if found:
        raise RuntimeError("XIAONENG_ENV=production refuses development defaults: "
                           + "; ".join(found))


class SettingsProvider(DependencyProvider):
    """Gives workers the :class:`Settings`, read once when the service starts."""

    def setup(self):
        self.settings = Settings.from_mapping(self.container.config)
        check_production(self.settings)
        if self.settings.test_clock:
            clock.load(self.settings.data_dir)

    def get_dependency(self, worker_ctx):
        return self.settings
