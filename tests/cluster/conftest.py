"""A RabbitMQ cluster of three nodes for the module (tests/cluster/nodes.py): started in a
folder of its own and, whatever happens — a failure, Ctrl-C, SIGTERM, a timeout —
every node stopped and the folder removed at the end."""

import atexit
import signal

import pytest

from tests.cluster.nodes import Cluster


@pytest.fixture(scope="module")
def rabbit_cluster(tmp_path_factory):
    cluster = Cluster()
    kept = tmp_path_factory.mktemp("rabbit-logs")  # the nodes' logs outlive their folder
    atexit.register(cluster.destroy)  # if the run is cut short before teardown

    def interrupted(*_):
        raise KeyboardInterrupt("SIGTERM")
    previous = signal.signal(signal.SIGTERM, interrupted)
    try:
        cluster.start(timeout=180)
        yield cluster
    finally:
        cluster.keep_logs(kept)
        cluster.destroy()
        signal.signal(signal.SIGTERM, previous)
        atexit.unregister(cluster.destroy)
