"""Start the whole system as processes: every service, then the gateway.

``python -m xiaoneng.launcher`` is what ``make run`` runs (on SQLite under
``XIAONENG_DATA_DIR``); the end-to-end tests use :class:`System` the same way.
Services start before the gateway so their event queues exist before anything
is published. A process that dies is started again (:mod:`xiaoneng.supervision`);
one crashed service never takes the office offline. Ctrl-C or SIGTERM stops
everything, once. Each process serves its metrics on a port of its own
(``metrics_urls``) and writes its log to ``<log_dir>/<name>.log``; ``make run`` keeps the
logs of the five starts before (``<name>.log.1`` … ``.5``).
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from chassis.clock import OFFSET_FILE
from chassis.config import Settings
from xiaoneng import GATEWAY, SERVICE_CLASSES, broker
from xiaoneng.supervision import Restarts


class System:
    """``instances`` of every service (competing consumers on the same queues) and one
    gateway per port in ``gateway_ports`` (default: ``XIAONENG_GATEWAY_PORT``). With more
    than one, processes are named ``posts.1``, ``posts.2``, ``gateway.2`` … (each is told
    its name as ``XIAONENG_INSTANCE``). ``metrics_urls``: each process's Prometheus metrics,
    a service's on a free port, a gateway's at its own ``/metrics``."""

    def __init__(self, environ=None, log_dir=None, instances=1, gateway_ports=()):
        self.environ = dict(os.environ if environ is None else environ)
        self.settings = Settings.from_mapping(self.environ)
        self.log_dir = Path(log_dir or self.settings.data_dir / "logs")
        self.targets = {}  # process name → (nameko service path, extra environment)
        for service in self.settings.services:
            for i in range(1, instances + 1):
                name = service if instances == 1 else f"{service}.{i}"
                self.targets[name] = (SERVICE_CLASSES[service], {})
        self.gateway_ports = list(gateway_ports) or [self.settings.gateway_port]
        for i, port in enumerate(self.gateway_ports, 1):
            self.targets["gateway" if i == 1 else f"gateway.{i}"] = (
                GATEWAY, {"XIAONENG_GATEWAY_PORT": str(port)})
        self.metrics_urls = {}
        for name, (_, environ) in self.targets.items():
            environ["XIAONENG_INSTANCE"] = name
            if name not in self.gateways:
                environ["XIAONENG_METRICS_PORT"] = str(free_port())
            port = environ.get("XIAONENG_METRICS_PORT") or environ["XIAONENG_GATEWAY_PORT"]
            self.metrics_urls[name] = f"http://127.0.0.1:{port}/metrics"
        self.processes = {}
        self.uris = {}  # party → its AMQP URI, once provisioned
        self.started_at = {}
        self.restarts = {}
        self.due = {}  # name → when to start it again
        self.given_up = set()

    @property
    def url(self):
        return self.urls[0]

    @property
    def urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.gateway_ports]

    @property
    def gateways(self):
        return [name for name in self.targets if name.startswith("gateway")]

    def start(self, timeout=60):
        """Every service, then the gateways once the services answer. A system that does
        not come up leaves nothing running behind it."""
        self.provision()
        try:
            for name in self.targets:
                if name not in self.gateways:
                    self.start_process(name)
            self.wait_ready(timeout, gateway=False)
            for name in self.gateways:
                self.start_process(name)
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def provision(self):
        """Each process connects as its own broker user (xiaoneng.broker): made now in the
        vhost with the account ``AMQP_URI`` gives, unless ``XIAONENG_BROKER_IDENTITIES=0``
        (a deployment that gives every process its own ``AMQP_URI`` itself)."""
        if self.environ.get("XIAONENG_BROKER_IDENTITIES", "1") == "0":
            return
        self.uris = broker.provision(
            self.settings.amqp_uri, self.settings.data_dir,
            self.environ.get("XIAONENG_BROKER_MANAGEMENT_URL"), self.settings.queue_type)
        users = broker.users_setting(broker.Management(self.settings.amqp_uri).vhost)
        for name, (_, environ) in self.targets.items():
            environ.update(AMQP_URI=self.uris[self.party(name)], XIAONENG_BROKER_USERS=users)

    def uri_of(self, party):
        """The AMQP URI ``party`` (a service, ``gateway`` or ``intake``) connects with."""
        return self.uris.get(party, self.settings.amqp_uri)

    def party(self, name):
        return "gateway" if name in self.gateways else name.split(".")[0]

    def start_process(self, name):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        target, environ = self.targets[name]
        log = open(self.log_dir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "chassis.runner", target], env={**self.environ, **environ},
            stdout=log, stderr=subprocess.STDOUT)
        self.started_at[name] = time.monotonic()

    def stop_process(self, name, sig=signal.SIGTERM, timeout=20):
        process = self.processes.pop(name)
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def wait_ready(self, timeout, gateway=True):
        """Services are ready when their logs say so; the system when /readyz does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if gateway and all(self._gateway_ready(url) for url in self.urls):
                return
            if not gateway and all(self._started(n) for n in self.processes):
                return
            time.sleep(0.3)
        raise TimeoutError(f"the system did not become ready in {timeout}s; logs in "
                           f"{self.log_dir}")

    def _started(self, name):
        path = self.log_dir / f"{name}.log"
        return path.exists() and b"Connected to amqp" in path.read_bytes()

    @staticmethod
    def _gateway_ready(url):
        try:
            return requests.get(url + "/readyz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def check_alive(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; see "
                                   f"{self.log_dir / (name + '.log')}")

    def supervise(self, say=print):
        """Start again what died (with backoff); called every second by :func:`main`."""
        now = time.monotonic()
        for name, process in list(self.processes.items()):
            if process.poll() is None:
                continue
            del self.processes[name]
            ran_for = now - self.started_at[name]
            delay = self.restarts.setdefault(name, Restarts()).after_exit(ran_for)
            if delay is None:
                self.given_up.add(name)
                say(f"{name} keeps crashing at start (exit {process.returncode}); giving up "
                    f"on it: see {self.log_dir / (name + '.log')}", flush=True)
            else:
                self.due[name] = now + delay
                say(f"{name} exited with {process.returncode} after {ran_for:.0f}s; "
                    f"starting it again in {delay:.0f}s", flush=True)
        for name, when in list(self.due.items()):
            if when <= now:
                del self.due[name]
                self.start_process(name)

    def stop(self, interrupted=False):
        """Gateways first, then the services together; after Ctrl-C they got the signal too."""
        self.due.clear()
        self._stop_all([n for n in self.gateways if n in self.processes], interrupted)
        self._stop_all(list(self.processes), interrupted)

    def kill(self):
        """Ends every process at once (SIGKILL), for a system thrown away with its vhost and
        databases (the tests'): a clean stop costs each nameko process two to three seconds."""
        self.due.clear()
        for process in self.processes.values():
            process.kill()
        for process in self.processes.values():
            process.wait()
        self.processes.clear()

    def _stop_all(self, names, interrupted, timeout=20):
        processes = [self.processes.pop(name) for name in names]
        if not interrupted:
            for process in processes:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rotate_logs(log_dir, keep=5):
    """Each ``<name>.log`` becomes ``<name>.log.1``, the one before ``.2`` … up to ``keep``;
    older ones go."""
    for log in log_dir.glob("*.log") if log_dir.exists() else ():
        for i in range(keep - 1, 0, -1):
            older = log.with_name(f"{log.name}.{i}")
            if older.exists():
                older.replace(log.with_name(f"{log.name}.{i + 1}"))
        log.replace(log.with_name(f"{log.name}.1"))


def main():
    system = System()
    rotate_logs(system.log_dir)
    # a test clock set in an earlier run does not carry over into this one
    (system.settings.data_dir / OFFSET_FILE).unlink(missing_ok=True)
    print(f"starting {', '.join(system.settings.services)} and the gateway "
          f"(logs in {system.log_dir}) ...", flush=True)
    # Also when started in the background, where SIGINT arrives ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: system.stop() or sys.exit(0))
    try:
        system.start()
        password = "(XIAONENG_ADMIN_PASSWORD)" if system.settings.production \
            else system.settings.admin_password
        print(f"\nXiaoneng is up: {system.url}  (ready: {system.url}/readyz)\n"
              f"API docs: {system.url}/api/v1/openapi.json\n"
              f"admin login: {system.settings.admin_username} / {password}\n"
              "Ctrl-C stops everything.", flush=True)
        while True:
            system.supervise()
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nstopping ...", flush=True)
        system.stop(interrupted=True)
    finally:
        system.stop()


if __name__ == "__main__":
    main()
