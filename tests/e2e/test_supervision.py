"""One crashed process never takes the office offline: the launcher starts it again."""

import signal
import time

from tests.api import V1
from tests.helpers import wait_until


def test_a_service_killed_with_sigkill_is_started_again_and_the_office_carries_on(api, system):
    said = []
    posts = system.processes["posts"]
    posts.send_signal(signal.SIGKILL)
    posts.wait(10)

    def supervised():
        system.supervise(say=lambda text, **_: said.append(text))
        return "posts" in system.processes and system.processes["posts"] is not posts
    wait_until(supervised, timeout=15, message="posts started again")
    assert "posts exited with -9" in said[0] and "starting it again in 1s" in said[0]
    assert system.processes["gateway"].poll() is None  # the rest never stopped

    def signs_in():
        time.sleep(0.5)
        system.supervise(say=lambda text, **_: said.append(text))
        return api.request("POST", f"{V1}/auth/token", json={
            "username": "admin", "password": "admin"}).status_code == 200
    wait_until(signs_in, timeout=60, message="sign-in works again")
