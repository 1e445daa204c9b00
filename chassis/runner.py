"""Run services in this process: ``python -m chassis.runner services.posts.service:PostsService``.

Configuration comes from the environment (:mod:`chassis.config`); SIGTERM and
Ctrl-C stop the services cleanly. ``XIAONENG_PROFILE=<folder>`` profiles the process
(cProfile, about twice as slow) and writes ``<services>-<pid>.prof`` there when it stops.
"""

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # eventlet's own deprecation notice; nameko 2 needs it
    import eventlet

eventlet.monkey_patch()

import cProfile  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from importlib import import_module  # noqa: E402
from pathlib import Path  # noqa: E402

from nameko.cli.run import run  # noqa: E402

from chassis import logs  # noqa: E402
from chassis.config import Settings, nameko_config  # noqa: E402


def load(path):
    module, _, cls = path.partition(":")
    return getattr(import_module(module), cls)


def main(argv):
    if not argv:
        sys.exit("usage: python -m chassis.runner module:ServiceClass [...]")
    services = [load(path) for path in argv]
    logs.configure(Settings.from_mapping(os.environ).log_format,
                   os.environ.get("XIAONENG_LOG_LEVEL", "INFO"),
                   ",".join(service.name for service in services))
    logging.getLogger("alembic").setLevel(logging.WARNING)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even in background
    folder = os.environ.get("XIAONENG_PROFILE")
    profiler = cProfile.Profile() if folder else None
    if profiler:
        profiler.enable()
    try:
        run(services, nameko_config())
    finally:
        if profiler:
            profiler.disable()
            names = "+".join(service.name for service in services)
            profiler.dump_stats(Path(folder) / f"{names}-{os.getpid()}.prof")


if __name__ == "__main__":
    main(sys.argv[1:])
