"""Requests/s and latency through the gateway, beside bare nameko, in one run.

    python -m bench.gateway [--requests 400] [--database sqlite|postgresql]

The baseline is a bare nameko HTTP entrypoint making one RPC to a bare echo service
(bench/bare.py). Through the gateway: an authenticated read (``GET /api/v1/me``: the
person from posts, then what they may do from four services at once) and an
authenticated write (a ≤ 30-minute leave-post notice: attendance reads who approves from
its own views and commits; the gateway's audit entry is kept by accountability), at
concurrency 1 and 16, with the CPU each process spent per request at each (from /proc).
Beside each, its floor on bare nameko (bench/bare.py): the same processes, messages and
transactions with nothing else — for the write an RPC that inserts a row and tells a
notifier process (as attendance tells the head, through notifications), and an audit event
stored by a fourth process; for ``/me`` the same five RPCs to four processes, each reading
the same rows of that service's database in one SELECT. Then ``GET /api/v1/me/todo`` for a
head with 200 documents waiting, the peak RSS of every process of the system, and the
summary lines ``write_vs_floor_c1``, ``write_vs_floor_c16`` and ``me_vs_bare_c1``.
Everything runs on its own vhost and data directory.
"""

import argparse
import functools
import itertools
import os
import pstats
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import requests
import sqlalchemy as sa

from bench.events import ROOT, CpuMeter, drop_databases, postgres_databases
from chassis.config import Settings
from contracts import SERVICES
from gateway.me import SOURCES as READ_BY_ME  # bench/bare.py's readers, one each
from xiaoneng.launcher import System
from xiaoneng.vhosts import scratch_vhost

V1 = "/api/v1"
BARE_WRITE = "bare nameko write (its floor)"
BARE_ME = "bare nameko /me (its floor)"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(make_request, total, concurrency, settle=None):
    """Run ``total`` requests over ``concurrency`` threads (each with its own session);
    ``make_request(session, thread, i)`` returns a response. ``settle(total)``, if given,
    waits for what the requests set going after their answers and returns when the last of
    it landed (``time.perf_counter()``); the rate counts up to then."""
    latencies, errors, lock = [], [], threading.Lock()

    def worker(thread):
        session = requests.Session()
        for i in range(thread, total, concurrency):
            started = time.perf_counter()
            response = make_request(session, thread, i)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status_code >= 300:
                    errors.append(response.text[:200])
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = (settle(total) if settle else time.perf_counter()) - started
    if errors:
        raise RuntimeError(f"{len(errors)} requests failed, e.g. {errors[0]}")
    ordered = sorted(latencies)
    return {"rate": total / elapsed, "p50": 1000 * statistics.median(ordered),
            "p99": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]}


def settled(counts):
    """A ``settle`` for :func:`load`: ``counts()`` returns the rows the writes' events leave
    (the audit entries, the head's notifications); done when none has grown for half a
    second, at the moment the last did. The events are handled after the answers, and the
    floor's processes handle theirs within the run too."""
    def settle(total):
        last, changed_at = counts(), time.perf_counter()
        while time.perf_counter() - changed_at < 0.5:
            time.sleep(0.02)
            if (now := counts()) != last:
                last, changed_at = now, time.perf_counter()
        return changed_at
    return settle


def row_count(bare_url, table):
    """Rows in one of bench/bare.py's tables (its SQLite file is per role)."""
    role = table.removeprefix("bare_")
    url = f"{bare_url}-{role}.db" if bare_url.startswith("sqlite") else bare_url
    with engine_of(url).connect() as connection:
        return connection.scalar(sa.text(f"SELECT count(*) FROM {table}"))


@functools.cache
def engine_of(url):
    return sa.create_engine(url, poolclass=sa.pool.NullPool if url.startswith("sqlite")
                            else sa.pool.QueuePool)


def post(session, url, token, body):
    return session.post(url, json=body, headers={"Authorization": f"Bearer {token}"},
                        timeout=30)


def organisation(url, people):
    """A division with its head and ``people`` staff, each signed in."""
    http = requests.Session()

    def login(username, password):
        return http.post(f"{url}{V1}/auth/token", json={"username": username,
                                                        "password": password},
                         timeout=30).json()["access_token"]
    admin = login("admin", "admin")

    def staff(role, division_id):
        username = f"{role[:4]}{uuid.uuid4().hex[:8]}"
        post(http, f"{url}{V1}/staff", admin, {
            "username": username, "password": "password-123", "name": username,
            "title": "科员", "phone": "0571", "role": role, "division_id": division_id})
        return login(username, "password-123")
    division = post(http, f"{url}{V1}/divisions", admin,
                    {"name": "压测处", "code": f"YC{uuid.uuid4().hex[:6]}"}).json()
    head = staff("division_head", division["id"])
    return admin, head, [staff("staff", division["id"]) for _ in range(people)]


def peak_rss(system):
    """VmHWM of every process of the system, in MB."""
    peaks = {}
    for name, process in system.processes.items():
        status = Path(f"/proc/{process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM"))
        peaks[name] = int(line.split()[1]) / 1024
    return peaks


def start_bare(amqp_uri, port, roles):
    """bench/bare.py's processes, ``{role: database url}``, once each is ready."""
    processes = {role: subprocess.Popen(
        [sys.executable, "-m", "bench.bare", amqp_uri, str(port), role, database],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}) for role, database in roles.items()}
    for role, process in processes.items():
        assert process.stdout.readline().strip() == "ready", f"bench.bare {role} did not start"
    return processes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--profile", metavar="DIR",
                        help="profile every service (XIAONENG_PROFILE) and print the write's")
    args = parser.parse_args()
    with scratch_vhost("xn_bench") as name:
        run(args, name)
    for path in sorted(Path(args.profile).glob("*.prof")) if args.profile else ():
        print(f"\n{path.name}: where the process's time went, by own time")
        pstats.Stats(str(path)).sort_stats("tottime").print_stats(15)


def run(args, name):
    amqp_uri = f"amqp://guest:guest@127.0.0.1:5672/{name}"
    data_dir = tempfile.mkdtemp(prefix="xn-bench-gateway-")
    environ = {**os.environ, "AMQP_URI": amqp_uri, "XIAONENG_DATA_DIR": data_dir,
               "XIAONENG_GATEWAY_PORT": str(free_port())}
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        environ["XIAONENG_PROFILE"] = str(Path(args.profile).resolve())
    databases = postgres_databases((*SERVICES, "bare")) \
        if args.database == "postgresql" else {}
    bare_url = databases.get("XIAONENG_BARE_DATABASE_URL", f"sqlite:///{data_dir}/bare")
    environ.update(databases)  # the system's services take theirs; dropped together below
    bare_port = free_port()
    bare = start_bare(amqp_uri, bare_port, {
        role: f"{bare_url}-{role}.db" if bare_url.startswith("sqlite") else bare_url
        for role in ("auditor", "notifier", "writer", "http")})
    system = System(environ)
    try:
        system.start(timeout=120)
        settings = Settings.from_mapping(environ)
        bare.update(start_bare(amqp_uri, bare_port, {  # on the tables the services made
            f"reader-{service}": settings.database_url(service, environ)
            for service in READ_BY_ME}))
        url = system.url
        admin, head, people = organisation(url, 16)
        left = {"gateway POST /leave-notices": lambda: tuple(  # the audit entries, the head told
                    requests.get(f"{url}{V1}{path}?limit=1", timeout=30, headers={
                        "Authorization": f"Bearer {token}"}).json()["total"]
                    for path, token in (("/audit", admin), ("/me/notifications", head))),
                BARE_WRITE: lambda: tuple(row_count(bare_url, table)
                                          for table in ("bare_auditor", "bare_notifier"))}
        staff_ids = [requests.get(f"{url}{V1}/me", headers={"Authorization": f"Bearer {t}"},
                                  timeout=30).json()["id"] for t in people]
        office = timezone(timedelta(hours=8))
        day = datetime.now(office) + timedelta(days=30)
        future = datetime(day.year, day.month, day.day, 9, tzinfo=office)
        slots = itertools.count()  # every notice its own 31-minute slot: none overlap,

        def bare_get(session, thread, i):
            return session.get(f"http://127.0.0.1:{bare_port}/echo", timeout=30)

        def bare_write(session, thread, i):
            return session.post(f"http://127.0.0.1:{bare_port}/write", timeout=30,
                                json={"start_at": future.isoformat(), "reason": "到楼下取件"})

        def bare_me(session, thread, i):
            return session.get(f"http://127.0.0.1:{bare_port}/me/{staff_ids[thread]}",
                               timeout=30)

        def me(session, thread, i):
            return session.get(f"{url}{V1}/me", timeout=30,
                               headers={"Authorization": f"Bearer {people[thread]}"})

        def notice(session, thread, i):
            day, slot = divmod(next(slots), 20)  # 09:00–19:20, never past midnight
            start = future + timedelta(days=day, minutes=31 * slot)
            return post(session, f"{url}{V1}/leave-notices", people[thread], {
                "start_at": start.isoformat(), "contact": "0571",
                "expected_return_at": (start + timedelta(minutes=20)).isoformat(),
                "reason": "到楼下取件", "kind": "business"})

        n = args.requests
        print(f"gateway vs bare nameko, {n} requests per row, database {args.database}")
        processes = {name: process.pid for name, process in system.processes.items()}
        summary = {}
        for concurrency in (1, 16):
            results, cpu = {}, {}
            for label, request in (("bare nameko GET (1 RPC)", bare_get),
                                   ("gateway GET /me", me),
                                   (BARE_ME, bare_me),
                                   ("gateway POST /leave-notices", notice),
                                   (BARE_WRITE, bare_write)):
                meter = CpuMeter(bench=os.getpid(), **{f"bare {role}": process.pid
                                                       for role, process in bare.items()},
                                 **processes)
                results[label] = load(request, n, concurrency,
                                      settled(left[label]) if label in left else None)
                cpu[label] = meter.per_event_ms(n)
            base = results["bare nameko GET (1 RPC)"]["rate"]
            for label, r in results.items():
                print(f"  c={concurrency:<3} {label:<30} {r['rate']:7.0f} req/s   "
                      f"p50 {r['p50']:6.1f} ms   p99 {r['p99']:6.1f} ms   "
                      f"{r['rate'] / base:4.2f}x bare")
            floors = {"write": results["gateway POST /leave-notices"]["rate"]
                      / results[BARE_WRITE]["rate"],
                      "me": results["gateway GET /me"]["rate"] / results[BARE_ME]["rate"]}
            print(f"        the gateway's write: {floors['write']:.2f}x its floor on bare "
                  f"nameko; GET /me: {floors['me']:.2f}x its floor")
            summary[f"write_vs_floor_c{concurrency}"] = floors["write"]
            if concurrency == 1:
                summary["me_vs_bare_c1"] = floors["me"]
            # Where each request's CPU went, busiest first: at c=1 a request's latency is
            # about the sum along its path (2 cores, little runs beside it).
            for label, spent in cpu.items():
                busiest = sorted(((ms, name) for name, ms in spent.items() if ms >= 0.1),
                                 reverse=True)
                print(f"        CPU per request, {label}: " + ", ".join(
                    f"{name} {ms:.1f} ms" for ms, name in busiest))

        for i in range(200):
            post(requests, f"{url}{V1}/documents", head, {
                "title": f"待批办文件{i}", "from_unit": "省某厅", "kind": "函", "urgent": False,
                "received_at": datetime.now(UTC).isoformat()})
        todo = load(lambda session, thread, i: session.get(
            f"{url}{V1}/me/todo", headers={"Authorization": f"Bearer {head}"}, timeout=30),
            100, 1)
        print(f"  GET /me/todo, a head with 200 waiting: p50 {todo['p50']:.1f} ms   "
              f"p99 {todo['p99']:.1f} ms")
        print("  peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in peak_rss(system).items()))
        for name, value in summary.items():
            print(f"summary: {name} {value:.2f}")
    finally:
        system.stop()
        for process in bare.values():
            process.terminate()
            process.wait()
        drop_databases(databases)


if __name__ == "__main__":
    main()
