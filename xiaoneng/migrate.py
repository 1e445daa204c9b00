"""``python -m xiaoneng.migrate [service ...]``: every service's database (or the named
services') brought to its newest revision, one after another.

What the Kubernetes Job ``migrations`` and compose's one-shot ``migrate`` run before a
release's services start: in production a service never migrates at start (a pod of the
old release restarting mid-rollout would otherwise move the schema under its peers), and
refuses a database not yet migrated. ``make run`` and the tests migrate at start.
"""

import argparse
import os
from importlib import import_module

from chassis.config import Settings, nameko_config
from chassis.db import make_engine, migrate
from xiaoneng import SERVICE_CLASSES


def migrations_of(service: str) -> str:
    """The service's Alembic scripts, as its unit of work names them."""
    module, _, name = SERVICE_CLASSES[service].partition(":")
    return getattr(import_module(module), name).uow.migrations


def migrate_all(services, environ) -> list:
    config = nameko_config(environ)
    settings = Settings.from_mapping(config)
    for service in services:
        engine = make_engine(settings.database_url(service, config), pool_size=1,
                             max_overflow=0)
        try:
            migrate(engine, migrations_of(service))
        finally:
            engine.dispose()
    return list(services)


def main(argv=None, environ=None):
    parser = argparse.ArgumentParser(prog="python -m xiaoneng.migrate")
    parser.add_argument("services", nargs="*", help="default: every service")
    args = parser.parse_args(argv)
    if unknown := set(args.services) - set(SERVICE_CLASSES):
        parser.error(f"no such service: {', '.join(sorted(unknown))}")
    done = migrate_all(args.services or list(SERVICE_CLASSES),
                       os.environ if environ is None else environ)
    print(f"migrated: {', '.join(done)}")


if __name__ == "__main__":
    main()
