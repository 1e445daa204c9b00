"""``python -m xiaoneng.migrate``: what production runs before a release's services start;
a service in production refuses a database it has not migrated."""

import pytest

from chassis.db import is_migrated, make_engine
from services.notifications.service import NotificationsService
from tests.integration.test_migrations import upgrade
from xiaoneng.migrate import migrate_all, migrations_of


def test_the_migrate_command_brings_each_named_database_to_its_newest_revision(database_url):
    environ = {"XIAONENG_NOTIFICATIONS_DATABASE_URL": database_url("notifications")}
    engine = make_engine(environ["XIAONENG_NOTIFICATIONS_DATABASE_URL"])
    scripts = migrations_of("notifications")
    assert not is_migrated(engine, scripts)
    upgrade(engine, "notifications", "0001")
    assert not is_migrated(engine, scripts)  # a release behind
    migrate_all(["notifications"], environ)
    assert is_migrated(engine, scripts)
    engine.dispose()


def test_a_service_in_production_refuses_a_database_not_migrated(
        runner_factory, service_config):
    config = service_config("notifications", XIAONENG_ENV="production",
                            AMQP_URI="amqp://xn:s3cret@127.0.0.1:5672/",
                            XIAONENG_JWT_SECRET="x" * 40, XIAONENG_ADMIN_PASSWORD="long-one")
    with pytest.raises(RuntimeError, match="python -m xiaoneng.migrate notifications"):
        runner_factory(config, NotificationsService).start()
