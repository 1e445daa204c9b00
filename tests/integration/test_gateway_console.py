"""The gateway serves the built console at / (index for page paths), leaves /api/v1 to
the API, sets the security headers, and gathers the to-do even with a service away."""

import gzip
import http.client
from datetime import datetime

import pytest

from chassis.clock import OFFICE_TZ
from services.attendance.service import AttendanceService
from services.posts.service import PostsService
from tests.api import V1, Organisation, error, notice_body

MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=OFFICE_TZ)
LOGIN_SCRIPT = "export const signIn = () => '登录';\n" * 200


@pytest.fixture
def gateway(behind_gateway, set_now, tmp_path):
    set_now(MONDAY)
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")  # beside dist/
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text("<!DOCTYPE html><div id=app></div>", encoding="utf-8")
    (built / "routes.json").write_text('["/", "/board", "/signage", "/documents/:id"]',
                                       encoding="utf-8")  # as the console's build writes it
    (built / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    (built / "assets" / "Login-def456.js").write_text(LOGIN_SCRIPT, encoding="utf-8")
    (built / "assets" / "Login-def456.js.gz").write_bytes(gzip.compress(LOGIN_SCRIPT.encode()))
    # documents is named but not started: its part of the to-do is missing
    api, _ = behind_gateway(PostsService, AttendanceService, XIAONENG_CONSOLE_DIR=str(built),
                            XIAONENG_SERVICES="posts,attendance,documents")
    return api


def test_page_paths_get_the_console_and_assets_are_served_as_they_are(gateway):
    for path in ("/", "/board", "/documents/abc", "/no/such/page", "/assets/missing.js"):
        page = gateway.request("GET", path)
        expected = 404 if path in ("/no/such/page", "/assets/missing.js") else 200
        assert page.status_code == expected and "<div id=app>" in page.text, path
        assert page.headers["Content-Type"].startswith("text/html")
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["Referrer-Policy"] == "same-origin"
    assert gateway.request("GET", "/signage").headers["X-Frame-Options"] == "DENY"
    assert gateway.request("GET", "/board").headers["X-Frame-Options"] == "SAMEORIGIN"
    asset = gateway.request("GET", "/assets/index-abc123.js")
    assert asset.text == "console.log(1)" and "immutable" in asset.headers["Cache-Control"]


def test_a_compressed_asset_goes_out_as_gzip_and_head_answers_without_it(gateway):
    asset = gateway.request("GET", "/assets/Login-def456.js",
                            headers={"Accept-Encoding": "gzip"})
    assert asset.headers["Content-Encoding"] == "gzip"  # requests unpacks it into .text
    assert asset.text == LOGIN_SCRIPT and asset.headers["Vary"] == "Accept-Encoding"
    assert asset.headers["Content-Type"].startswith("text/javascript")
    head = gateway.request("HEAD", "/assets/Login-def456.js",
                           headers={"Accept-Encoding": "gzip"})
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["Content-Length"] == asset.headers["Content-Length"]
    revalidated = gateway.request("GET", "/", headers={
        "If-None-Match": gateway.request("GET", "/").headers["ETag"]})
    assert (revalidated.status_code, revalidated.content) == (304, b"")


def raw_get(gateway, path):
    """The path sent as written: HTTP clients such as requests remove ``..`` first."""
    host, port = gateway.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_path_that_climbs_out_of_the_console_gets_the_not_found_page_never_the_file(
        gateway):
    for path in ("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                 "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/../../etc/passwd"):
        status, body = raw_get(gateway, path)
        assert (status, body) == (404, "<!DOCTYPE html><div id=app></div>"), path


def test_the_api_stays_the_api(gateway):
    missing = gateway.request("GET", f"{V1}/no-such-route")
    assert error(missing) == (404, "not_found")
    assert missing.headers["X-Content-Type-Options"] == "nosniff"


def test_the_todo_loads_and_says_which_part_is_away(gateway):
    admin = gateway.login("admin", "admin")
    org = Organisation(gateway, admin)
    division, _, head = org.division()
    clerk = org.staff(division_id=division["id"])
    notice = gateway.ok("POST", f"{V1}/leave-notices", clerk["token"],
                        notice_body(MONDAY.replace(hour=9)))
    todo = gateway.ok("GET", f"{V1}/me/todo", head["token"])
    assert [(i["kind"], i["id"], i["link"]) for i in todo["items"]] == [
        ("approve_absence", notice["id"], f"/absences/notice/{notice['id']}")]
    assert todo["missing"] == ["documents"]
