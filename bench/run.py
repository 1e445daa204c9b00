"""``make bench``: every benchmark, one after another, then the summary — one line per
figure, ``summary: <name> <value>``, in the order of ``NAMES`` — and how long it all took.

    python -m bench.run

Each benchmark prints its own table and the ``summary:`` lines of its figures; a figure
no benchmark printed, or a benchmark that failed, fails the run.
"""

import os
import subprocess
import sys
import time

from bench.events import ROOT

EVENTS = [sys.executable, "bench/events.py", "--events", "2000"]
STEPS = [
    [*EVENTS, "--database", "postgresql", "--rounds", "3", "--summary"],
    [*EVENTS, "--database", "sqlite"],
    [*EVENTS, "--database", "postgresql", "--rate", "200", "--rounds", "3"],
    [sys.executable, "-m", "bench.gateway", "--database", "postgresql"],
    [sys.executable, "-m", "bench.scans"],
    [sys.executable, "-m", "bench.scale"],
]
NAMES = ["events_vs_floor", "events_vs_pika", "write_vs_floor_c1", "write_vs_floor_c16",
         "me_vs_bare_c1", "todo_p99_ms", "list_p99_ms", "stats_p99_ms", "export_1000_s",
         "peak_rss_mb"]


def run(command, found):
    """Run one benchmark, echoing its output and keeping its summary lines."""
    print(f"$ {' '.join(command[1:])}", flush=True)
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT),
                                    "PYTHONWARNINGS": "ignore"})
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.startswith("summary: "):
            name, value = line.split()[1:3]
            found[name] = value
    return process.wait()


def main():
    started, found, failed = time.monotonic(), {}, []
    for command in STEPS:
        if run(command, found) != 0:
            failed.append(" ".join(command[1:]))
    print(f"\nmake bench: {(time.monotonic() - started) / 60:.1f} minutes")
    for name in NAMES:
        print(f"summary: {name} {found.get(name, 'missing')}")
    for command in failed:
        print(f"failed: {command}")
    sys.exit(1 if failed or set(NAMES) - set(found) else 0)


if __name__ == "__main__":
    main()
