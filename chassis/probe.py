"""``python -m chassis.probe <service> [--max-age SECONDS]``: exit 0 if the service's process
in this container is ready — its heartbeat file (``<XIAONENG_DATA_DIR>/health/<service>``,
touched every few seconds while it is ready: chassis.readiness) is fresh — else 1 with why.

Kubernetes runs it in the service's container as its readiness probe, and with a longer
``--max-age`` as its liveness probe (a process that stopped beating is restarted). It
imports nothing heavy: it runs every few seconds. One process per container: processes of
one service sharing a data directory (``make run`` with instances) share one file.
"""

import argparse
import os
import sys
import time
from pathlib import Path


def path(data_dir, service) -> Path:
    return Path(data_dir) / "health" / service


def touch(data_dir, service):
    found = path(data_dir, service)
    found.parent.mkdir(parents=True, exist_ok=True)
    found.touch()


def age(data_dir, service) -> float | None:
    """Seconds since the last beat, or None if there never was one."""
    try:
        return time.time() - path(data_dir, service).stat().st_mtime
    except FileNotFoundError:
        return None


def main(argv=None, environ=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chassis.probe")
    parser.add_argument("service")
    parser.add_argument("--max-age", type=float, default=30.0,
                        help="seconds a beat counts (default 30)")
    args = parser.parse_args(argv)
    data_dir = (os.environ if environ is None else environ).get("XIAONENG_DATA_DIR", "var")
    seconds = age(data_dir, args.service)
    if seconds is None:
        print(f"{args.service}: not ready (no heartbeat yet)", file=sys.stderr)
        return 1
    if seconds > args.max_age:
        print(f"{args.service}: not ready (last heartbeat {seconds:.0f}s ago)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
