"""Events/s and publish → handled latency: the chassis beside raw pika and beside its floor
on bare nameko, in one run.

    python bench/events.py [--events 1000] [--database sqlite|postgresql] [--rate 200]
                           [--rounds 3] [--summary]

``--rate`` paces the producers (events/s in all; default 0: a flood), for the latency
a person waiting for the board sees when the office is busy but not flooded.

The chassis path: a producer service raises each event in its own transaction
(outbox row, commit; then publish with confirms and mark published, in the
background); a consumer service, in its own process, applies it in its own
transaction (inbox row + a row of its own). The baseline: pika publishing
persistent messages with publisher confirms to a durable queue and a pika
consumer acking them. The floor: the same two processes and transactions on bare
nameko and bare DB-API connections (bench/bare.py: a row and an outbox row committed,
then nameko's confirmed publish; an inbox row and its effect committed, then nameko's
acknowledgement). Each part runs on its own vhost.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from xiaoneng.vhosts import AUTH, MANAGEMENT, scratch_vhost  # noqa: E402


class CpuMeter:
    """CPU time (user + system, from /proc) of named processes over a run, per event: where
    the machine's time goes. RabbitMQ's and PostgreSQL's processes are found by their
    program's name (a PostgreSQL backend opened during the run counts from zero)."""

    SERVERS = {"RabbitMQ": b"beam", "PostgreSQL": b"postgres"}

    def __init__(self, **pids):
        self.pids = pids
        self.start = self._ticks()

    def per_event_ms(self, events):
        end = self._ticks()
        tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
        return {name: sum(t - self.start.get(name, {}).get(pid, 0) for pid, t in ticks.items())
                * tick_ms / events for name, ticks in end.items()}

    def _ticks(self):
        found = {name: {pid} for name, pid in self.pids.items()}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                program = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
            except OSError:
                continue
            for name, word in self.SERVERS.items():
                if word in program.split(b" ")[0].rsplit(b"/", 1)[-1]:  # "postgres: …"
                    found.setdefault(name, set()).add(int(pid))
        return {name: {pid: t for pid in pids if (t := self._cpu(pid)) is not None}
                for name, pids in found.items()}

    @staticmethod
    def _cpu(pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return None
        return int(fields[11]) + int(fields[12])  # utime + stime


def summary(latencies, elapsed, cpu=None):
    import resource

    ordered = sorted(latencies)
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {"events": len(ordered), "rate": len(ordered) / elapsed, "cpu_ms": cpu or {},
            "peak_rss_mb": peak / 1024,
            "p50_ms": 1000 * statistics.median(ordered),
            "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]}


def run_pika(amqp_uri, count, rate=0.0):
    import threading

    import pika

    params = pika.URLParameters(amqp_uri)
    queue = "bench.raw"
    setup = pika.BlockingConnection(params)
    setup.channel().queue_declare(queue, durable=True)
    setup.close()
    latencies, done = [], threading.Event()

    def consume():
        connection = pika.BlockingConnection(params)
        channel = connection.channel()
        channel.basic_qos(prefetch_count=10)

        def on_message(ch, method, _properties, body):
            latencies.append(time.time() - json.loads(body)["sent"])
            ch.basic_ack(method.delivery_tag)
            if len(latencies) == count:
                ch.stop_consuming()
        channel.basic_consume(queue, on_message)
        channel.start_consuming()
        connection.close()
        done.set()

    consumer = threading.Thread(target=consume)
    consumer.start()
    connection = pika.BlockingConnection(params)
    channel = connection.channel()
    channel.confirm_delivery()
    meter = CpuMeter(pika=os.getpid())
    start = time.time()
    for i in range(count):
        channel.basic_publish("", queue, json.dumps({"i": i, "sent": time.time()}),
                              pika.BasicProperties(delivery_mode=2))
        if rate:
            time.sleep(max(0.0, start + (i + 1) / rate - time.time()))
    done.wait()
    elapsed = time.time() - start
    connection.close()
    consumer.join()
    return summary(latencies, elapsed, meter.per_event_ms(count))


def run_chassis(amqp_uri, count, database, rate=0.0):
    """The producer in this process, the consumer in its own (as deployed: one process
    per service), each with its database."""
    from bench.services import Producer

    return run_pair(amqp_uri, count, database, rate, Producer, ("posts", "bench"),
                    [sys.executable, "-m", "chassis.runner", "bench.services:Consumer"],
                    "evt-posts-staff_changed--bench.on_staff_changed")


def run_floor(amqp_uri, count, database, rate=0.0):
    """The chassis' floor, shaped the same: bare nameko on bare connections (bench/bare.py)."""
    from bench import bare

    workdir = Path(tempfile.mkdtemp(prefix="xn-bench-floor-"))
    urls = postgres_databases(("floor_producer", "floor_consumer")) \
        if database == "postgresql" else {}
    producer_url, consumer_url = (
        urls.get(f"XIAONENG_FLOOR_{part}_DATABASE_URL", f"sqlite:///{workdir}/{part}.db")
        for part in ("PRODUCER", "CONSUMER"))
    bare.open_database("producer", producer_url)
    try:
        return run_pair(amqp_uri, count, database, rate, bare.FloorProducer,
                        ("floor_producer", "floor_consumer"),
                        [sys.executable, "-m", "bench.bare", amqp_uri, "0", "consumer",
                         consumer_url],
                        "evt-floor_producer-staff_changed--floor_consumer.on_staff_changed",
                        chassis=False)
    finally:
        drop_databases(urls)


def run_pair(amqp_uri, count, database, rate, producer, names, consumer_command, queue,
             chassis=True):
    """``producer`` (a service whose ``emit`` RPC raises events) in this process, the
    consumer in its own, started by ``consumer_command``, consuming from ``queue``;
    ``names``: the two services' names (the consumer answers ``handled``, ``finished_at``
    and ``latencies``). ``chassis``: each service's PostgreSQL database is made here (the
    floor's processes are given theirs)."""
    import eventlet

    eventlet.monkey_patch()
    from nameko.runners import ServiceRunner

    from xiaoneng.rpc import rpc  # signed: the chassis answers only its parties

    workdir = Path(tempfile.mkdtemp(prefix="xn-bench-"))
    config = {"AMQP_URI": amqp_uri, "XIAONENG_DATA_DIR": str(workdir),
              "XIAONENG_RELAY_INTERVAL": "60", "max_workers": 10}
    databases = postgres_databases(names) if chassis and database == "postgresql" else {}
    config.update(databases)
    consumer = start_consumer(config, consumer_command, queue, workdir / "consumer.log")
    runner = ServiceRunner(config)
    runner.add_service(producer)
    runner.start()
    try:
        with rpc(config) as cluster:
            emitter, counter = (getattr(cluster, name) for name in names)
            batches, per_batch = 10, count // 10
            meter = CpuMeter(producer=os.getpid(), consumer=consumer.pid)
            start = time.time()
            interval = batches / rate if rate else 0.0  # ten producers share the rate,
            replies = [emitter.emit.call_async(per_batch, interval, k / batches)
                       for k in range(batches)]  # evenly spaced, not ten at once
            for reply in replies:
                reply.result()
            while counter.handled() < batches * per_batch:
                time.sleep(0.25)
            elapsed = counter.finished_at() - start
            cpu = meter.per_event_ms(batches * per_batch)
            latencies = counter.latencies()
    finally:
        runner.stop()
        consumer.terminate()
        consumer.wait()
        drop_databases(databases)
    return summary(latencies, elapsed, cpu)


def start_consumer(config, command, queue, log_path):
    environ = {**os.environ, **{k: str(v) for k, v in config.items()},
               "PYTHONPATH": str(ROOT), "XIAONENG_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=open(log_path, "wb"),
                               stderr=subprocess.STDOUT)
    import requests

    vhost = config["AMQP_URI"].rsplit("/", 1)[1]
    while requests.get(f"{MANAGEMENT}/queues/{vhost}/{queue}", auth=AUTH,
                       timeout=5).status_code != 200:  # its queue exists
        if process.poll() is not None:
            raise RuntimeError(f"the consumer died: {log_path.read_text()[-2000:]}")
        time.sleep(0.2)
    return process


def postgres_databases(services=("posts", "bench")):
    """A new database for each service (``XIAONENG_<SERVICE>_DATABASE_URL``); drop them
    with :func:`drop_databases`."""
    import sqlalchemy as sa

    admin = sa.create_engine("postgresql+psycopg2://postgres@127.0.0.1/postgres",
                             isolation_level="AUTOCOMMIT")
    urls = {}
    for service in services:
        name = f"xn_bench_{uuid.uuid4().hex[:8]}_{service}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        urls[f"XIAONENG_{service.upper()}_DATABASE_URL"] = \
            f"postgresql+psycopg2://postgres@127.0.0.1/{name}"
    return urls


def drop_databases(urls):
    import sqlalchemy as sa

    admin = sa.create_engine("postgresql+psycopg2://postgres@127.0.0.1/postgres",
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for url in urls.values():
            name = sa.engine.make_url(url).database
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def with_vhost(part, count, database, rate):
    with scratch_vhost("xn_bench") as vhost:
        output = subprocess.run(
            [sys.executable, __file__, "--part", part, "--events", str(count),
             "--database", database, "--rate", str(rate),
             "--amqp-uri", f"amqp://guest:guest@127.0.0.1:5672/{vhost}"],
            check=True, capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}).stdout
    return json.loads(output.strip().splitlines()[-1])


PARTS = {"pika": run_pika, "chassis": run_chassis, "floor": run_floor}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--part", choices=list(PARTS))
    parser.add_argument("--rate", type=float, default=0.0)
    parser.add_argument("--rounds", type=int, default=1,
                        help="runs of the three; the median ratios are printed")
    parser.add_argument("--summary", action="store_true",
                        help="end with the summary lines events_vs_floor and events_vs_pika")
    parser.add_argument("--amqp-uri")
    args = parser.parse_args()
    if args.part == "pika":
        print(json.dumps(run_pika(args.amqp_uri, args.events, args.rate)))
        return
    if args.part:
        print(json.dumps(PARTS[args.part](args.amqp_uri, args.events, args.database, args.rate)))
        return
    pace = f"paced at {args.rate:.0f}/s" if args.rate else "a flood"
    print(f"{args.events} events ({pace}), chassis database: {args.database}, "
          f"{args.rounds} round(s) of pika, chassis, its floor")
    ratios, p99s = {"pika": [], "floor": []}, []
    for _ in range(args.rounds):  # side by side, so a slower minute of the host hits all
        results = {part: with_vhost(part, args.events, args.database, args.rate)
                   for part in PARTS}
        chassis = results["chassis"]
        for label, part in (("raw pika, confirms", "pika"),
                            (f"chassis outbox+inbox ({args.database})", "chassis"),
                            ("its floor, bare nameko", "floor")):
            result = results[part]
            print(f"  {label:<34} {result['rate']:8.0f} events/s   p50 {result['p50_ms']:7.1f} ms"
                  f"   p99 {result['p99_ms']:7.1f} ms   peak RSS {result['peak_rss_mb']:5.0f} MB")
        for part, result in results.items():
            print(f"  CPU per event, {part}: " + ", ".join(
                f"{name} {ms:.2f} ms" for name, ms in result["cpu_ms"].items())
                + f" (total {sum(result['cpu_ms'].values()):.2f} ms)")
        for part in ratios:
            ratios[part].append(chassis["rate"] / results[part]["rate"])
            print(f"  ratio chassis/{part}: throughput {ratios[part][-1]:.2f}x, "
                  f"p50 latency {chassis['p50_ms'] / results[part]['p50_ms']:.1f}x")
        p99s.append(chassis["p99_ms"])
    if len(p99s) > 1:
        for part, values in ratios.items():
            print(f"  over {len(values)} rounds: chassis/{part} median "
                  f"{statistics.median(values):.2f}x (" + ", ".join(f"{r:.2f}" for r in values)
                  + ")")
        print(f"  chassis p99 median {statistics.median(p99s):.1f} ms")
    if args.summary:
        print(f"summary: events_vs_floor {statistics.median(ratios['floor']):.2f}")
        print(f"summary: events_vs_pika {statistics.median(ratios['pika']):.2f}")


if __name__ == "__main__":
    main()
