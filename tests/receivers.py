"""Real receivers for what notifications sends, each its own process (a test's green
threads never serve them): an SMTP server (aiosmtpd) keeping mail in a Maildir, and an
HTTP receiver standing in for a group robot. Fixtures registered in the root conftest."""

import json
import mailbox
import socket
import subprocess
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from tests.helpers import free_port

RECEIVER = Path(__file__).with_name("webhook_receiver.py")


def wait_listening(port, process, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the receiver exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


class MailServer:
    def __init__(self, directory):
        self.box = mailbox.Maildir(directory, create=True)
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(self.port, self.process)

    def messages(self):
        """``[(to, subject, text)]`` of what arrived, oldest first."""
        keys = sorted(self.box.keys(), key=lambda k: (k.split(".")[0], k))  # "<time>.M<µs>…"
        parsed = [BytesParser(policy=policy.default).parsebytes(self.box.get_bytes(key))
                  for key in keys]
        return [(m["To"], m["Subject"], m.get_content()) for m in parsed]

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class WebhookReceiver:
    """Answers every POST 200 with the robots' ``{"errcode": 0}``, or 500 under ``/fail``,
    and keeps each body it was sent."""

    def __init__(self, directory):
        self.log = Path(directory) / "webhooks.jsonl"
        self.port = free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.host}/robot"
        self.process = subprocess.Popen(
            [sys.executable, str(RECEIVER), str(self.port), str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(self.port, self.process)

    def received(self):
        """``[(path, body)]`` of every POST, oldest first."""
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [(entry["path"], entry["body"]) for entry in map(json.loads, lines)]

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def mail_server(tmp_path):
    server = MailServer(tmp_path / "mail")
    yield server
    server.stop()


@pytest.fixture
def webhook_receiver(tmp_path):
    receiver = WebhookReceiver(tmp_path)
    yield receiver
    receiver.stop()
