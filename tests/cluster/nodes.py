"""Three RabbitMQ nodes on this machine, joined into one cluster, in a folder of their own.

Each node has its own name (``xn1@localhost`` …), AMQP, management and distribution ports,
data, log and pid files; all share one Erlang cookie in the folder's ``home`` (``HOME`` for
the server and for ``rabbitmqctl``). The machine's own node (``rabbit@localhost``, 5672) is
never touched: the server is started from ``/usr/lib/rabbitmq/bin`` directly (Debian's
wrapper would drop the environment), with an environment file of ours instead of
``/etc/rabbitmq/rabbitmq-env.conf``.

``python -m tests.cluster.nodes`` starts the cluster, prints its status and stops it.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

BIN = Path("/usr/lib/rabbitmq/bin")
FIRST_AMQP_PORT = 5681  # far from the machine's node: 5672, 15672, 25672
FIRST_MANAGEMENT_PORT = 15681
FIRST_DIST_PORT = 25681


class Node:
    def __init__(self, cluster, number):
        self.cluster, self.number = cluster, number
        self.name = f"{cluster.prefix}{number}@localhost"
        self.port = FIRST_AMQP_PORT + number - 1
        self.management_port = FIRST_MANAGEMENT_PORT + number - 1
        self.dist_port = FIRST_DIST_PORT + number - 1
        self.dir = cluster.base / f"n{number}"
        self.pid_file = self.dir / "rabbit.pid"

    @property
    def management_url(self):
        return f"http://127.0.0.1:{self.management_port}"

    def uri(self, vhost="/", user="guest", password="guest"):
        vhost = "%2F" if vhost == "/" else vhost
        return f"amqp://{user}:{password}@127.0.0.1:{self.port}/{vhost}"

    def environ(self):
        return {**self.cluster.environ(),
                "RABBITMQ_NODENAME": self.name,
                "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
                "RABBITMQ_NODE_PORT": str(self.port),
                "RABBITMQ_DIST_PORT": str(self.dist_port),
                "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"),
                "RABBITMQ_LOG_BASE": str(self.dir / "log"),
                "RABBITMQ_PID_FILE": str(self.pid_file),
                "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq.conf"),
                "RABBITMQ_ADVANCED_CONFIG_FILE": str(self.dir / "advanced.config"),
                "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "enabled_plugins"),
                "ERL_CRASH_DUMP": str(self.dir / "erl_crash.dump")}

    def prepare(self):
        for sub in ("mnesia", "log"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        (self.dir / "rabbitmq.conf").write_text(
            f"listeners.tcp.1 = 127.0.0.1:{self.port}\n"
            f"management.tcp.port = {self.management_port}\n"
            "management.tcp.ip = 127.0.0.1\n"
            "log.console = false\n"
            "log.file.level = info\n"
            # a node that comes back rejoins the others; nobody is paused for being alone
            "cluster_partition_handling = ignore\n")
        (self.dir / "advanced.config").write_text("[].\n")
        (self.dir / "enabled_plugins").write_text("[rabbitmq_management].\n")

    def start(self):
        subprocess.run([str(BIN / "rabbitmq-server"), "-detached"], env=self.environ(),
                       cwd=self.dir, check=True, capture_output=True, timeout=60)

    def ctl(self, *args, timeout=120, check=True):
        return self.cluster.ctl("-n", self.name, *args, timeout=timeout, check=check)

    def wait_started(self, timeout=120):
        """Until the node runs the broker and its AMQP and management ports answer (a
        detached start returns before the node is even known to epmd)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = max(1, int(deadline - time.monotonic()))
            try:
                self.ctl("await_startup", "--timeout", str(remaining), timeout=remaining + 30)
                break
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        while not (listening(self.port) and listening(self.management_port)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} did not open its ports; logs in {self.dir}")
            time.sleep(0.3)

    def os_pid(self):
        """The node's Erlang VM (beam.smp), from its pid file; None when it is not running."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if alive(pid) else None

    def kill(self):
        """``kill -9`` of the node's VM: no goodbye to its peers or its clients."""
        pid = self.os_pid()
        assert pid, f"{self.name} is not running"
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid)
        # the main thread shows as a zombie before the others have closed the sockets
        deadline = time.monotonic() + 30
        while listening(self.port):
            assert time.monotonic() < deadline, f"{self.name} still listens on {self.port}"
            time.sleep(0.1)

    def stop(self, timeout=60):
        """Stopped in order (``rabbitmqctl stop``), else killed."""
        pid = self.os_pid()
        if pid is None:
            return
        self.ctl("stop", timeout=timeout, check=False)
        if not wait_gone(pid, timeout=timeout):
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid)


class Cluster:
    """``Cluster(base)``: nodes ``xn1`` … ``xn<count>`` under ``base`` (made and removed)."""

    def __init__(self, base=None, count=3, prefix="xn"):
        self.made_base = base is None
        self.base = Path(base or tempfile.mkdtemp(prefix="xn-cluster-"))
        self.prefix = prefix
        self.nodes = [Node(self, i) for i in range(1, count + 1)]
        self.home = self.base / "home"

    def environ(self):
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("RABBITMQ_", "ERL_"))}
        return {**keep, "HOME": str(self.home),
                "RABBITMQ_CONF_ENV_FILE": str(self.base / "rabbitmq-env.conf"),
                "ERL_EPMD_ADDRESS": "127.0.0.1",
                "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS":
                    "-kernel inet_dist_use_interface {127,0,0,1}"}

    def ctl(self, *args, timeout=120, check=True):
        result = subprocess.run([str(BIN / "rabbitmqctl"), *args], env=self.environ(),
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)}: {result.stdout}{result.stderr}")
        return result.stdout

    def start(self, timeout=120):
        """Every node, the second and third joined to the first; a cluster that does not
        come up is stopped and removed before the error is raised."""
        busy = [p for n in self.nodes for p in (n.port, n.management_port, n.dist_port)
                if listening(p)]
        if busy:
            raise RuntimeError(f"ports {busy} are in use: another cluster test running?")
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            cookie = self.home / ".erlang.cookie"
            cookie.write_text(secrets.token_hex(20).upper())
            cookie.chmod(0o400)
            (self.base / "rabbitmq-env.conf").write_text("")
            for node in self.nodes:
                node.prepare()
                node.start()
            for node in self.nodes:
                node.wait_started(timeout)
            first = self.nodes[0]
            for node in self.nodes[1:]:
                node.ctl("stop_app")
                node.ctl("join_cluster", first.name)
                node.ctl("start_app")
                node.wait_started(timeout)
            self.wait_running(self.nodes, timeout)
        except BaseException:
            self.destroy()
            raise
        return self

    def running_nodes(self, via=None):
        """The nodes the cluster says run, asked through ``via`` (default: the first up)."""
        for node in [via] if via else reversed(self.up()):  # the last: never killed here
            try:
                status = node.ctl("cluster_status", "--formatter", "json", timeout=60,
                                  check=False)
                return set(json.loads(status)["running_nodes"])
            except (ValueError, KeyError, subprocess.TimeoutExpired):
                continue  # a node still coming up may not answer yet: ask another
        return set()

    def wait_running(self, nodes, timeout=120):
        want = {n.name for n in nodes}
        deadline = time.monotonic() + timeout
        while self.running_nodes() != want:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the cluster runs {self.running_nodes()}, not {want}")
            time.sleep(0.5)

    def up(self):
        return [n for n in self.nodes if n.os_pid() is not None]

    def amqp_uri(self, vhost="/", nodes=None):
        """One URI listing every node (kombu fails over along the list, ';'-separated)."""
        return ";".join(n.uri(vhost) for n in nodes or self.nodes)

    def add_vhost(self, name, default_queue_type="quorum"):
        """A vhost the guest account may use fully, whose queues declared without a type
        (nameko's RPC queues) are quorum queues, replicated on every node."""
        api = self.nodes[0].management_url + "/api"
        auth = ("guest", "guest")
        requests.put(f"{api}/vhosts/{name}", auth=auth, timeout=10,  # RabbitMQ 3.10's key
                     json={"defaultqueuetype": default_queue_type}).raise_for_status()
        requests.put(f"{api}/permissions/{name}/guest", auth=auth, timeout=10,
                     json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()

    def keep_logs(self, folder):
        """A copy of every node's log files in ``folder``."""
        for node in self.nodes:
            for log in (node.dir / "log").glob("*.log"):
                shutil.copy(log, Path(folder) / log.name)

    def destroy(self):
        """Every node stopped (killed if it will not stop) and the folder removed."""
        try:
            for node in self.nodes:
                try:
                    node.stop(timeout=30)
                except Exception:  # noqa: BLE001 - the next node is stopped all the same
                    pid = node.os_pid()
                    if pid:
                        os.kill(pid, signal.SIGKILL)
                        wait_gone(pid)
            for pid in self.strays():
                os.kill(pid, signal.SIGKILL)
                wait_gone(pid)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


    def strays(self):
        """Erlang VMs of ours still running (one still starting has no pid file yet): those
        whose command line names this cluster's home folder, and no other."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    words = (entry / "cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if str(self.home).encode() in words and alive(int(entry.name)):
                    found.append(int(entry.name))
        return found


def listening(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (a detached child of ours not yet reaped) is gone too
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def wait_gone(pid, timeout=30):
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def main():
    cluster = Cluster()
    try:
        started = time.monotonic()
        cluster.start()
        print(f"started in {time.monotonic() - started:.1f}s: "
              f"{sorted(cluster.running_nodes())}\nAMQP_URI={cluster.amqp_uri()}")
        print(cluster.nodes[0].ctl("cluster_status"))
    finally:
        cluster.destroy()
        print(f"stopped; {cluster.base} removed: {not cluster.base.exists()}")


if __name__ == "__main__":
    main()
