"""Schemathesis over the gateway's own OpenAPI document (issue 13): anonymous, then with a
token of each role, each run bounded in time. No 5xx; every response's status, content
type and body match what the document says. The links the document declares (an id one
operation returns, used by the next) let the stateful phase reach past the first 404.

The system runs without the test clock (its routes would let the fuzzer move time).
``XIAONENG_FUZZ_SECONDS`` bounds each identity's run (default 30).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api import Api, Organisation
from tests.system_fixtures import system_environ
from xiaoneng.launcher import System

SECONDS = int(os.environ.get("XIAONENG_FUZZ_SECONDS", 30))
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance")
pytestmark = pytest.mark.timeout(SECONDS * 5 + 600)


@pytest.fixture(scope="module")
def fuzzed_system(vhost, e2e_databases, tmp_path_factory):
    environ = system_environ(vhost, e2e_databases, tmp_path_factory.mktemp("fuzz"),
                             XIAONENG_TEST_CLOCK="0")
    system = System(environ).start(timeout=90)
    yield system
    system.stop()


def identities(api):
    """Anonymous first; the admin last, whose writes (roles, leavers) affect the others."""
    admin = api.login("admin", "admin")
    org = Organisation(api, admin)
    division, leader, head = org.division()
    staff = org.staff(division_id=division["id"])
    org.post(division, staff, [org.staff(division_id=division["id"])])
    return [("anonymous", None), ("staff", staff["token"]), ("division_head", head["token"]),
            ("leader", leader["token"]), ("admin", admin)]


def test_the_api_holds_to_its_openapi_document_for_every_role(fuzzed_system, tmp_path):
    api = Api(fuzzed_system.url)
    schemathesis = Path(sys.executable).parent / "schemathesis"
    failed = []
    for role, token in identities(api):
        command = [str(schemathesis), "run", f"{fuzzed_system.url}/api/v1/openapi.json",
                   "--checks", CHECKS, "--phases", "coverage,fuzzing,stateful",
                   "--max-time", str(SECONDS), "--workers", "1", "--seed", "13",
                   "--request-timeout", "15", "--output-truncate", "true"]
        if token:
            # changing one's own password revokes the token the run is using
            command += ["-H", f"Authorization: Bearer {token}",
                        "--exclude-path", "/api/v1/me/password"]
        run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True,
                             timeout=SECONDS + 300)
        (tmp_path / f"{role}.txt").write_text(run.stdout + run.stderr)
        summary = run.stdout[run.stdout.rfind("SUMMARY"):]
        print(f"\n== fuzzing as {role} (exit {run.returncode}) ==\n{summary[-1500:]}",
              flush=True)
        if run.returncode != 0:
            start = run.stdout.find("FAILURES")
            failed.append((role, (run.stdout[start:start + 8000] if start >= 0 else
                                  run.stdout[-3000:]) + run.stderr[-2000:]))
    assert not failed, "\n\n".join(f"as {role}:\n{output}" for role, output in failed)
