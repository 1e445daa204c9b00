"""The floors of the benchmarks: the same processes, messages and transactions as the
system's, on nameko alone, with none of its work (tokens, routing, schemas, rules, inbox
checks, ORM), each as cheap as nameko and the database driver make them.

For bench/gateway.py:

- ``http``: an HTTP entrypoint. ``GET /echo`` makes one RPC to a bare echo service in the
  same process (the baseline of every row). ``POST /write`` makes one RPC to ``writer``
  and dispatches one event for ``auditor``. ``GET /me/<id>`` makes GET /me's five RPCs:
  the person from ``reader-posts``, then each reader's divisions at once.
- ``writer``: one transaction, one row inserted, then one event for ``notifier``, in its
  own process.
- ``notifier``: stores each of the writer's events in its own transaction, in its own process.
- ``auditor``: stores each event in its own transaction, in its own process.
- ``reader-<service>``: the rows GET /me reads in that service's own database, in one
  SELECT each, in its own process.

For bench/events.py: ``FloorProducer`` (in the bench's process) commits a row and an
outbox row and publishes with nameko's dispatcher (confirmed); ``consumer`` commits an
inbox row and its effect for each event.

    python -m bench.bare <amqp uri> <port> [http|writer|auditor|notifier|consumer|
                         reader-<service>]
                         [database url]
"""

import eventlet

eventlet.monkey_patch()

import json  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from eventlet import GreenPool  # noqa: E402
from eventlet.queue import LightQueue  # noqa: E402
from nameko.events import EventDispatcher, event_handler  # noqa: E402
from nameko.rpc import RpcProxy, rpc  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402
from nameko.web.handlers import http  # noqa: E402


class Database:
    """Bare DB-API connections: psycopg2 made green (a pool of ``size``), or one SQLite
    connection (a single writer anyway). Statements are written with ``%s``. The pools are
    small: beside the system's own, PostgreSQL allows 100 connections in all."""

    def __init__(self, url, tables=(), size=5):
        self.connections = LightQueue()
        if url.startswith("postgresql"):
            import psycopg2
            from psycogreen.eventlet import patch_psycopg

            patch_psycopg()
            dsn, self.marker = url.replace("+psycopg2", ""), "%s"
            for _ in range(size):
                self.connections.put(psycopg2.connect(dsn))
        else:
            self.marker = "?"
            connection = sqlite3.connect(url.removeprefix("sqlite:///"), check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")  # as the chassis sets SQLite up
            connection.execute("PRAGMA synchronous=NORMAL")
            self.connections.put(connection)
        self.transaction(*((f"CREATE TABLE IF NOT EXISTS {t}", ()) for t in tables))

    def transaction(self, *statements):
        """Each ``(sql, parameters)`` in one transaction: committed, or rolled back."""
        connection = self.connections.get()
        try:
            with connection:
                cursor = connection.cursor()
                for sql, parameters in statements:
                    cursor.execute(sql.replace("%s", self.marker), parameters)
        finally:
            self.connections.put(connection)

    def rows(self, sql, parameters=()):
        connection = self.connections.get()
        try:
            with connection:
                cursor = connection.cursor()
                cursor.execute(sql.replace("%s", self.marker), parameters)
                return cursor.fetchall()
        finally:
            self.connections.put(connection)


def row_table(name):
    return f"{name} (id VARCHAR(36) PRIMARY KEY, body TEXT)"


def insert(table, body):
    return (f"INSERT INTO {table} (id, body) VALUES (%s, %s)",
            (str(uuid.uuid4()), json.dumps(body)))


databases = {}


READ_BY_ME = {  # gateway.me.SOURCES: the person with their division; the divisions judged
    "posts": ("SELECT s.id, s.name, d.name FROM staff s LEFT JOIN divisions d "
              "ON d.id = s.division_id WHERE s.id = %s", "SELECT * FROM divisions"),
    **{service: (None, "SELECT * FROM division_view")
       for service in ("attendance", "inquiries", "accountability")},
}


class EchoService:
    name = "echo"

    @rpc
    def echo(self, value):
        return value


class BareHttp:
    name = "bare_http"
    echo = RpcProxy("echo")
    writer = RpcProxy("writer")
    dispatch = EventDispatcher()  # and reader_posts, reader_attendance…: below

    @http("GET", "/echo")
    def get(self, request):
        return json.dumps(self.echo.echo({"id": "x", "role": "staff"}))

    @http("GET", "/me/<staff_id>")
    def me(self, request, staff_id):
        """GET /me's messages: the record from posts, then each service's view of what the
        caller may do, asked at once."""
        record = self.reader_posts.me(staff_id)
        asked = [getattr(self, f"reader_{service}") for service in READ_BY_ME]
        reaches = list(GreenPool().imap(lambda proxy: proxy.may(staff_id), asked))
        return json.dumps({**record, "may": reaches})

    @http("POST", "/write")
    def post(self, request):
        result = self.writer.write(json.loads(request.get_data(as_text=True)))
        # The answer does not wait for the broker, as the gateway's audit entry does not.
        eventlet.spawn_n(self.dispatch, "written",
                         {"method": "POST", "path": request.path, "status": 201})
        return 201, json.dumps(result)


for _service in READ_BY_ME:
    setattr(BareHttp, f"reader_{_service}", RpcProxy(f"bare_{_service}"))


class Writer:
    """The write's owner: one row, then one event for whom it concerns (as attendance
    tells the head of a notice), published after the answer as an outbox's would be."""

    name = "writer"
    dispatch = EventDispatcher()

    @rpc
    def write(self, value):
        databases["writer"].transaction(insert("bare_writer", value))
        eventlet.spawn_n(self.dispatch, "concerns", {"staff_id": "head", "value": value})
        return value


class Notifier:
    """Stores each event of the writer in its own transaction, as notifications does."""

    name = "notifier"

    @event_handler("writer", "concerns")
    def on_concerns(self, event):
        databases["notifier"].transaction(insert("bare_notifier", event))


class Auditor:
    name = "auditor"

    @event_handler("bare_http", "written")
    def on_written(self, entry):
        databases["auditor"].transaction(insert("bare_auditor", entry))


def reader(service):
    """The floor of GET /me's work in ``service``: the same rows read by one SELECT on a
    bare connection to that service's own database (posts: the person and their division;
    every service: the divisions its ``may`` judges)."""
    staff, divisions = READ_BY_ME[service]

    class Reader:
        name = f"bare_{service}"

        @rpc
        def me(self, staff_id):
            [row] = databases[service].rows(staff, (staff_id,))
            return {"id": row[0], "name": row[1], "division": row[2]}

        @rpc
        def may(self, staff_id):
            return [row[0] for row in databases[service].rows(divisions)]
    return Reader


class FloorProducer:
    """The floor of a chassis producer (bench/events.py): each event one transaction on a
    bare connection (a row and an outbox row), then published by nameko's own dispatcher
    (persistent, confirmed)."""

    name = "floor_producer"
    dispatch = EventDispatcher()

    @rpc
    def emit(self, count, interval=0.0, phase=0.0):
        started = eventlet.hubs.get_hub().clock() + phase * interval
        for i in range(count):
            if interval:
                eventlet.sleep(max(0.0, started + i * interval - eventlet.hubs.get_hub().clock()))
            event = {"id": str(uuid.uuid4()), "occurred_at": time.time(),
                     "data": {"staff_id": f"s{i}", "name": "压测", "role": "staff",
                              "division_id": "d1"}}
            databases["producer"].transaction(
                insert("floor_staff", event["data"]),
                ("INSERT INTO floor_outbox (id, body) VALUES (%s, %s)",
                 (event["id"], json.dumps(event))))
            self.dispatch("staff_changed", event)


class FloorConsumer:
    """The floor of a chassis consumer: each event one transaction on a bare connection (an
    inbox row and its effect, with when it was handled), acknowledged by nameko."""

    name = "floor_consumer"

    @event_handler("floor_producer", "staff_changed")
    def on_staff_changed(self, event):
        databases["consumer"].transaction(
            ("INSERT INTO floor_inbox (id, body) VALUES (%s, '')", (event["id"],)),
            ("INSERT INTO floor_handled (id, occurred_at, handled_at) VALUES (%s, %s, %s)",
             (event["id"], event["occurred_at"], time.time())))

    @rpc
    def handled(self):
        return databases["consumer"].rows("SELECT count(*) FROM floor_handled")[0][0]

    @rpc
    def finished_at(self):
        return databases["consumer"].rows("SELECT max(handled_at) FROM floor_handled")[0][0]

    @rpc
    def latencies(self):
        return [h - o for o, h in databases["consumer"].rows(
            "SELECT occurred_at, handled_at FROM floor_handled")]


ROLES = {"http": (EchoService, BareHttp), "writer": (Writer,), "auditor": (Auditor,),
         "notifier": (Notifier,),
         "consumer": (FloorConsumer,), **{f"reader-{s}": (reader(s),) for s in READ_BY_ME}}
TABLES = {"writer": [row_table("bare_writer")], "auditor": [row_table("bare_auditor")],
          "notifier": [row_table("bare_notifier")],
          "producer": [row_table("floor_staff"), row_table("floor_outbox")],
          "consumer": [row_table("floor_inbox"), "floor_handled (id VARCHAR(36) PRIMARY KEY, "
                       "occurred_at DOUBLE PRECISION, handled_at DOUBLE PRECISION)"]}


def open_database(role, url):
    """The database of ``role`` (a reader's: its service's), its tables made."""
    name = role.removeprefix("reader-")
    databases[name] = Database(url, TABLES.get(name, ()), size=2 if name in READ_BY_ME else 5)


def main():
    amqp_uri, port = sys.argv[1], sys.argv[2]
    role = sys.argv[3] if len(sys.argv) > 3 else "http"
    if role != "http":
        open_database(role, sys.argv[4])
    runner = ServiceRunner({"AMQP_URI": amqp_uri, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                            "max_workers": 10})
    for service in ROLES[role]:
        runner.add_service(service)
    runner.start()
    print("ready", flush=True)
    runner.wait()


if __name__ == "__main__":
    main()
