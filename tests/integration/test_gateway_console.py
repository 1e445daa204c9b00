"""The gateway serves the built console at / (index for page paths), leaves /api/v1 to
the API, sets the security headers, and gathers the to-do even with a service away."""

import pytest

from services.attendance.service import AttendanceService
from services.posts.service import PostsService
from tests.integration.api import Organisation

V1 = "/api/v1"


@pytest.fixture
def gateway(behind_gateway, tmp_path):
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text("<!DOCTYPE html><div id=app></div>", encoding="utf-8")
    (built / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    # documents is named but not started: its part of the to-do is missing
    api, _ = behind_gateway(PostsService, AttendanceService, XIAONENG_CONSOLE_DIR=str(built),
                            XIAONENG_SERVICES="posts,attendance,documents")
    return api


def test_page_paths_get_the_console_and_assets_are_served_as_they_are(gateway):
    for path in ("/", "/board", "/documents/abc", "/no/such/page"):
        page = gateway.request("GET", path)
        assert page.status_code == 200 and "<div id=app>" in page.text, path
        assert page.headers["Content-Type"].startswith("text/html")
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["Referrer-Policy"] == "same-origin"
    assert gateway.request("GET", "/signage").headers["X-Frame-Options"] == "DENY"
    assert gateway.request("GET", "/board").headers["X-Frame-Options"] == "SAMEORIGIN"
    asset = gateway.request("GET", "/assets/index-abc123.js")
    assert asset.text == "console.log(1)" and "immutable" in asset.headers["Cache-Control"]
    assert gateway.request("GET", "/../../etc/passwd").text.startswith("<!DOCTYPE html>")


def test_the_api_stays_the_api(gateway):
    missing = gateway.request("GET", f"{V1}/no-such-route")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")
    assert missing.headers["X-Content-Type-Options"] == "nosniff"


def test_the_todo_loads_and_says_which_part_is_away(gateway):
    admin = gateway.login("admin", "admin")
    org = Organisation(gateway, admin)
    division, _, head = org.division()
    clerk = org.staff(division_id=division["id"])
    notice = gateway.ok("POST", f"{V1}/leave-notices", clerk["token"], {
        "start_at": "2030-01-07T09:00:00+08:00", "expected_return_at": "2030-01-07T11:00:00+08:00",
        "reason": "开会", "kind": "business", "contact": "1"})
    todo = gateway.ok("GET", f"{V1}/me/todo", head["token"])
    assert [(i["kind"], i["id"], i["link"]) for i in todo["items"]] == [
        ("approve_absence", notice["id"], f"/absences/notice/{notice['id']}")]
    assert todo["missing"] == ["documents"]
