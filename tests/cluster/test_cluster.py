"""The system on a three-node RabbitMQ cluster, a node killed under a stream (issue 32).

Three RabbitMQ nodes on this machine (conftest, nodes.py) joined into one cluster; the
system in quorum mode (``XIAONENG_QUEUE_TYPE=quorum``, on a vhost whose default queue type
is quorum, so nameko's RPC queues are replicated too), two instances of every service and
two gateways, on PostgreSQL, with an ``AMQP_URI`` listing all three nodes. Every process
connects to the first node that answers, the first in the list while it is up.

Through the gateways the stream of tests/stream.py flows while the first node's Erlang VM
is killed with SIGKILL (every connection and every queue leader is on it), started again
later (it rejoins the cluster), and the second node is killed and left down for good: the
system ends on two of three nodes. Right after each kill the public API (an RPC) and the
console are asked through both gateways for a while: each answer comes within the RPC
timeout — 503 ``service_unavailable`` while the call is lost, never a hang. Nothing is
restarted by hand but the node; no process of the system may die.

Then nothing lost, nothing doubled, nothing unsettled (tests/stream.py) and one line:
``cluster: nodes=3 facts=… node_kills=… lost=0 doubled=0 settle_s=…``.
"""

import os
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from tests.api import V1
from tests.helpers import free_port, parked_messages
from tests.stream import Client, Stream, outcome_figures, owners, settle, supervised
from tests.system_fixtures import system_environ
from xiaoneng.launcher import System

pytestmark = [pytest.mark.skipif(os.environ.get("XIAONENG_TEST_DB") != "postgresql",
                                 reason="the cluster test runs on PostgreSQL: make cluster"),
              pytest.mark.timeout(900)]

DOCUMENTS, HOLDERS, ROUNDS, COMPLAINTS, CLERKS = 400, 20, 5, 100, 20
RPC_TIMEOUT = 5
PROBE_SECONDS = 12  # how long after a kill the gateways are asked, every 0.3 s
VHOST = "xn_cluster"


class NodeFaults:
    """Node kills and the restart, one after the other in a thread of their own, each once
    the stream has done a given share of its steps; after each kill, :meth:`probe`."""

    def __init__(self, cluster, system, total_steps):
        self.cluster, self.system, self.total = cluster, system, total_steps
        self.done = self.kills = self.restarts = 0
        self.answers = Counter()  # (what, status) → how many
        self.slowest = 0.0
        self.error = None
        self.lock, self.cancelled = threading.Lock(), threading.Event()
        first, second, _ = cluster.nodes
        self.plan = [(0.15, self.kill, first), (0.45, self.restart, first),
                     (0.70, self.kill, second)]  # and never started again
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def step(self):
        with self.lock:
            self.done += 1

    def run(self):
        try:
            while self.plan:
                share, action, node = self.plan[0]
                while self.done < share * self.total:
                    if self.cancelled.wait(0.1):
                        return
                action(node)
                self.plan.pop(0)
        except BaseException as exc:  # raised again by the test (finish)
            self.error = exc

    def finish(self, timeout=300):
        self.thread.join(timeout)
        if self.error:
            raise self.error
        assert not self.plan, f"node faults not done: {self.plan}"

    def say(self, text):
        print(f"[cluster {time.strftime('%H:%M:%S')}] {text} ({self.done}/{self.total} "
              f"steps)", flush=True)

    def kill(self, node):
        node.kill()
        self.kills += 1
        self.say(f"killed {node.name} (kill -9)")
        self.probe()

    def restart(self, node):
        started = time.monotonic()
        node.start()
        node.wait_started()
        self.cluster.wait_running(self.cluster.nodes)
        self.restarts += 1
        self.say(f"{node.name} back in the cluster after {time.monotonic() - started:.1f}s")

    def probe(self):
        """The public API (an RPC to inquiries) and the console through both gateways."""
        until = time.monotonic() + PROBE_SECONDS
        while time.monotonic() < until:
            for url in self.system.urls:
                for what, path in (("rpc", f"{V1}/public/commitments"), ("console", "/")):
                    asked = time.monotonic()
                    try:
                        status = requests.get(url + path, timeout=30).status_code
                    except requests.RequestException as exc:
                        status = type(exc).__name__
                    with self.lock:
                        self.slowest = max(self.slowest, time.monotonic() - asked)
                        self.answers[(what, status)] += 1
            time.sleep(0.3)


@pytest.fixture(scope="module")
def cluster_system(rabbit_cluster, e2e_databases, tmp_path_factory):
    rabbit_cluster.add_vhost(VHOST, default_queue_type="quorum")
    environ = system_environ(
        VHOST, e2e_databases, tmp_path_factory.mktemp("cluster"),
        AMQP_URI=rabbit_cluster.amqp_uri(VHOST),
        XIAONENG_BROKER_MANAGEMENT_URL=rabbit_cluster.nodes[0].management_url,
        XIAONENG_QUEUE_TYPE="quorum",
        XIAONENG_TEST_CLOCK="1", XIAONENG_SCAN_INTERVAL="1",
        XIAONENG_RELAY_INTERVAL="1", XIAONENG_RPC_TIMEOUT=str(RPC_TIMEOUT),
        XIAONENG_COMPLAINT_RATE="100000",
        # ten processes on one PostgreSQL of max_connections 100, the test's too
        XIAONENG_DB_POOL_SIZE="4", XIAONENG_DB_MAX_OVERFLOW="3")
    system = System(environ, instances=2, gateway_ports=[free_port(), free_port()])
    system.start(timeout=180)
    try:
        with supervised(system):
            yield system
    finally:
        system.stop()


def test_a_stream_through_node_kills_loses_and_doubles_nothing(
        rabbit_cluster, cluster_system, e2e_databases):
    cluster, system = rabbit_cluster, cluster_system
    assert len(cluster.running_nodes()) == 3
    client = Client(system.urls)
    stream = Stream(client, DOCUMENTS, HOLDERS, ROUNDS, COMPLAINTS, CLERKS).prepare()
    faults = NodeFaults(cluster, system, stream.steps)
    try:
        stream_seconds = stream.run(faults.step)
    except BaseException:
        faults.cancelled.set()
        raise
    faults.finish()
    running = cluster.running_nodes()

    survivor = cluster.nodes[2]  # never killed
    with owners(e2e_databases) as databases:
        flood_seconds = stream.flood(databases)
        outcome, settle_seconds = settle(databases, lambda: parked_messages(
            VHOST, "quorum", survivor.port, survivor.management_url))
    # on two nodes of three, RPC and the console still answer
    after = [requests.get(url + path, timeout=30).status_code for url in system.urls
             for path in (f"{V1}/public/commitments", "/")]

    figures = (f"cluster: nodes={len(cluster.nodes)} facts={stream.facts} "
               f"node_kills={faults.kills} node_restarts={faults.restarts} "
               f"lost={outcome['lost']} doubled={outcome['doubled']} "
               f"unsettled={outcome['unsettled']} settle_s={settle_seconds:.1f} "
               f"stream_s={stream_seconds:.1f} flood_s={flood_seconds:.1f} "
               f"slowest_answer_s={faults.slowest:.1f} "
               f"answers={dict(sorted((f'{w} {s}', n) for (w, s), n in faults.answers.items()))} "
               + outcome_figures(outcome, client))
    print("\n" + figures, flush=True)
    Path(system.log_dir / "figures.txt").write_text(figures + "\n")
    assert running == {cluster.nodes[0].name, survivor.name}, running
    # during each failover: an answer within the RPC timeout, 200 or 503, never a hang
    assert faults.slowest <= RPC_TIMEOUT + 2, faults.answers
    assert {s for (w, s) in faults.answers if w == "rpc"} <= {200, 503}, faults.answers
    assert {s for (w, s) in faults.answers if w == "console"} == {200}, faults.answers
    assert after == [200] * len(after)
    assert system.said == [], "no process of the system died"
    assert outcome["details"] == {}, outcome["details"]
    assert (outcome["lost"], outcome["doubled"], outcome["unsettled"]) == (0, 0, 0)
