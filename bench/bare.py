"""The baselines of bench/gateway.py, on nameko alone, with none of the gateway's work (tokens,
routing, schemas, rules, inbox, ORM):

- ``http``: an HTTP entrypoint. ``GET /echo`` makes one RPC to a bare echo service in the
  same process (the baseline of every row). ``POST /write`` makes one RPC to ``writer``
  and dispatches one event for ``auditor``.
- ``writer``: one transaction, one row inserted, in its own process.
- ``auditor``: stores each event in its own transaction, in its own process.

``POST /write`` is the floor of a write through the gateway: the same processes, messages
and transactions, each as cheap as nameko and the database driver make them.

    python -m bench.bare <amqp uri> <port> [http|writer|auditor] [database url]
"""

import eventlet

eventlet.monkey_patch()

import json  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402
import uuid  # noqa: E402

from eventlet.queue import LightQueue  # noqa: E402
from nameko.events import EventDispatcher, event_handler  # noqa: E402
from nameko.rpc import RpcProxy, rpc  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402
from nameko.web.handlers import http  # noqa: E402

TABLE = "CREATE TABLE IF NOT EXISTS {} (id VARCHAR(36) PRIMARY KEY, body TEXT)"


class Rows:
    """Inserts a row a transaction on bare DB-API connections: psycopg2 made green, or one
    SQLite connection (a single writer anyway)."""

    def __init__(self, url, table, size=10):
        self.table = table
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
        connection = self.connections.get()
        with connection:
            connection.cursor().execute(TABLE.format(table))
        self.connections.put(connection)

    def insert(self, body):
        connection = self.connections.get()
        try:
            with connection:  # one transaction: committed, or rolled back on an error
                connection.cursor().execute(
                    f"INSERT INTO {self.table} (id, body) VALUES ({self.marker}, {self.marker})",
                    (str(uuid.uuid4()), json.dumps(body)))
        finally:
            self.connections.put(connection)


rows = {}


class EchoService:
    name = "echo"

    @rpc
    def echo(self, value):
        return value


class BareHttp:
    name = "bare_http"
    echo = RpcProxy("echo")
    writer = RpcProxy("writer")
    dispatch = EventDispatcher()

    @http("GET", "/echo")
    def get(self, request):
        return json.dumps(self.echo.echo({"id": "x", "role": "staff"}))

    @http("POST", "/write")
    def post(self, request):
        result = self.writer.write(json.loads(request.get_data(as_text=True)))
        # The answer does not wait for the broker, as the gateway's audit entry does not.
        eventlet.spawn_n(self.dispatch, "written",
                         {"method": "POST", "path": request.path, "status": 201})
        return 201, json.dumps(result)


class Writer:
    name = "writer"

    @rpc
    def write(self, value):
        rows["writer"].insert(value)
        return value


class Auditor:
    name = "auditor"

    @event_handler("bare_http", "written")
    def on_written(self, entry):
        rows["auditor"].insert(entry)


ROLES = {"http": (EchoService, BareHttp), "writer": (Writer,), "auditor": (Auditor,)}


def main():
    amqp_uri, port = sys.argv[1], sys.argv[2]
    role = sys.argv[3] if len(sys.argv) > 3 else "http"
    if role != "http":
        rows[role] = Rows(sys.argv[4], f"bare_{role}")
    runner = ServiceRunner({"AMQP_URI": amqp_uri, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                            "max_workers": 10})
    for service in ROLES[role]:
        runner.add_service(service)
    runner.start()
    print("ready", flush=True)
    runner.wait()


if __name__ == "__main__":
    main()
