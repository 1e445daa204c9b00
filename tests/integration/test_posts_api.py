"""The posts service behind the gateway: organisation, posts, backups, signage, bad input."""

import json
import time

import jwt
import pytest
import sqlalchemy as sa

from chassis.clock import clock
from chassis.config import DEFAULT_JWT_SECRET
from chassis.db import OutboxRecord, make_engine
from services.posts.rules import InsecureFirstAdmin
from services.posts.service import PostsService
from tests.api import V1, Organisation, error
from tests.helpers import raised
from xiaoneng.migrate import migrate_all


@pytest.fixture
def system(behind_gateway):
    def start(**overrides):
        api, config = behind_gateway(PostsService, **overrides)
        return api, api.login("admin", "admin"), config
    return start


@pytest.fixture
def api(system):
    return system()


def post_body(division, holder, backups, **extra):
    return {"title": "机构编制审核岗", "division_id": division["id"], "duties": ["审核", "答复"],
            "holder_id": holder["id"], "backup_ids": [b["id"] for b in backups], **extra}


def test_an_admin_builds_a_division_with_a_post_and_the_signage_shows_its_card(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    division, leader, head = org.division()
    a, b1, b2 = (org.staff(division_id=division["id"], name=n) for n in ("张三", "李四", "王五"))

    assert api.ok("GET", f"{V1}/divisions/{division['id']}", a["token"])["head_id"] == head["id"]
    post = api.ok("POST", f"{V1}/posts", admin, post_body(division, a, [b1, b2]))
    assert post["state"] == "normal" and post["acting_id"] is None
    assert post["backup_ids"] == [b1["id"], b2["id"]]

    cards = api.ok("GET", f"{V1}/public/signage?division_id={division['id']}")
    assert cards["total"] == 1
    card = cards["items"][0]
    assert (card["post_title"], card["division"], card["name"]) == (
        "机构编制审核岗", "政府机构编制处", "张三")
    assert card["duties"] == ["审核", "答复"] and card["phone"] == a["phone"]
    assert "acting_name" not in card
    assert card["backups"] == ["李四", "王五"]  # 五.2: published while nobody acts, in order
    api.ok("PUT", f"{V1}/posts/{post['id']}/backups", admin, {"backup_ids": [b2["id"], b1["id"]]})
    reordered = api.ok("GET", f"{V1}/public/signage?division_id={division['id']}")["items"]
    assert reordered[0]["backups"] == ["王五", "李四"]

    moved = api.ok("PUT", f"{V1}/divisions/{division['id']}", admin, {"head_id": b1["id"]})
    assert moved["head_id"] == b1["id"] and moved["leader_id"] == leader["id"]
    outsider = Organisation(api, admin).staff("leader")
    refused = api.request("PUT", f"{V1}/divisions/{division['id']}", admin,
                          {"head_id": outsider["id"]})
    assert refused.json()["error"]["code"] == "not_in_division"


def test_a_division_head_manages_posts_of_their_own_division_only(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    mine, _, head = org.division()
    other, _, _ = org.division()
    a, b = (org.staff(division_id=mine["id"]) for _ in range(2))
    stranger = org.staff(division_id=other["id"])

    post = api.ok("POST", f"{V1}/posts", head["token"], post_body(mine, a, [b]))
    api.ok("PUT", f"{V1}/posts/{post['id']}/backups", head["token"], {"backup_ids": [b["id"]]})
    assert api.ok("GET", f"{V1}/posts/{post['id']}", a["token"])["backup_ids"] == [b["id"]]

    refused = api.request("POST", f"{V1}/posts", head["token"],
                          post_body(other, stranger, [stranger]))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_your_division"


def test_passwords_are_never_returned(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    division, _, head = org.division()
    for response in (api.request("GET", f"{V1}/me", head["token"]),
                     api.request("GET", f"{V1}/staff/{head['id']}", admin)):
        assert response.status_code == 200
        assert "password" not in response.text and "argon2" not in response.text


@pytest.mark.parametrize("body, status, code", [
    ('{"name": "x",', 400, "malformed_json"),
    ("[1, 2]", 400, "invalid_body"),
    ('{"name": "处"}', 422, "validation_error"),
    ('{"name": 5, "code": "C"}', 422, "validation_error"),
    ('{"name": "处", "code": "C", "colour": "red"}', 422, "validation_error"),
    ('{"name": "处", "code": "C", "leader_id": "nobody"}', 422, "not_a_leader"),
])
def test_bad_division_input_gets_a_clear_error_and_creates_nothing(api, body, status, code):
    api, admin, _ = api
    response = api.request("POST", f"{V1}/divisions", admin, data=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"] and "details" in error
    assert api.ok("GET", f"{V1}/divisions", admin)["total"] == 0


def test_bad_post_input_is_refused_and_changes_nothing(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    division, _, _ = org.division()
    a, b = (org.staff(division_id=division["id"]) for _ in range(2))
    cases = [
        (post_body(division, a, [a]), 422, "backup_is_holder"),
        (post_body(division, a, [b], special=True), 422, "special_post_has_no_backup"),
        (post_body(division, a, []), 422, "backup_required"),
        ({**post_body(division, a, []), "backup_ids": ["ghost"]}, 422, "unknown_reference"),
        ({**post_body(division, a, [b]), "division_id": "ghost"}, 422, "unknown_reference"),
        ({**post_body(division, a, [b]), "duties": "审核"}, 422, "validation_error"),
    ]
    for body, status, code in cases:
        response = api.request("POST", f"{V1}/posts", admin, body)
        assert error(response) == (status, code)
    assert api.ok("GET", f"{V1}/public/signage")["total"] == 0

    post = api.ok("POST", f"{V1}/posts", admin, post_body(division, a, [b]))
    for backups, code in (([a["id"]], "backup_is_holder"), ([], "backup_required")):
        bad = api.request("PUT", f"{V1}/posts/{post['id']}/backups", admin,
                          {"backup_ids": backups})
        assert error(bad) == (422, code)
    assert api.ok("GET", f"{V1}/posts/{post['id']}", admin)["backup_ids"] == [b["id"]]
    special = api.ok("POST", f"{V1}/posts", admin, post_body(division, a, [], special=True))
    assert special["backup_ids"] == []


def test_duplicates_unknown_ids_and_wrong_roles_get_their_statuses(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    division, _, head = org.division()
    a = org.staff(division_id=division["id"])
    taken = {"username": "admin", "password": "password-123", "name": "n", "title": "t",
             "phone": "1", "role": "leader"}
    assert api.request("POST", f"{V1}/staff", admin, taken).status_code == 409
    assert api.request("GET", f"{V1}/posts/ghost", admin).status_code == 404
    assert api.request("GET", f"{V1}/divisions/ghost", admin).status_code == 404
    assert api.request("PUT", f"{V1}/posts/ghost/backups", admin,
                       {"backup_ids": []}).status_code == 404
    wrong_role = api.request("POST", f"{V1}/divisions", a["token"], {"name": "x", "code": "y"})
    assert wrong_role.status_code == 403 and wrong_role.json()["error"]["code"] == "wrong_role"
    # a wrong role is refused before any lookup: the unknown id does not matter
    assert api.request("PUT", f"{V1}/divisions/ghost", head["token"],
                       {"name": "新"}).status_code == 403
    # anyone may hold a division's head powers (五.3): the service says no, after the lookup
    assert api.request("PUT", f"{V1}/posts/ghost/backups", a["token"],
                       {"backup_ids": []}).status_code == 404


def test_missing_forged_and_expired_tokens_are_refused(api):
    api, admin, config = api
    assert api.request("GET", f"{V1}/me").status_code == 401
    forged = jwt.encode({"sub": "x", "role": "admin", "exp": time.time() + 60}, "guess" * 8,
                        algorithm="HS256")
    assert api.request("GET", f"{V1}/me", forged).json()["error"]["code"] == "invalid_token"
    expired = jwt.encode({"sub": "x", "role": "admin", "exp": time.time() - 1},
                         DEFAULT_JWT_SECRET, algorithm="HS256")
    response = api.request("GET", f"{V1}/me", expired)
    assert error(response) == (401, "token_expired")
    wrong = api.request("POST", f"{V1}/auth/token", json={"username": "admin", "password": "x"})
    assert error(wrong) == (401, "invalid_credentials")


def test_unknown_routes_are_404_whoever_calls(api):
    api, admin, _ = api
    for token in (None, admin):
        response = api.request("GET", f"{V1}/no-such-thing", token)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert api.request("GET", f"{V1}/admin/clock", admin).status_code == 404


def test_operations_endpoints_answer(api):
    api, admin, _ = api
    assert api.ok("GET", "/healthz") == {"status": "ok"}
    assert api.ok("GET", "/readyz") == {"status": "ready", "broker": "connected",
                                        "revocations": "loaded"}
    spec = api.ok("GET", f"{V1}/openapi.json")
    assert "/api/v1/posts/{id}/backups" in spec["paths"]
    assert "posts.PostIn" in spec["components"]["schemas"]
    response = api.request("GET", f"{V1}/me", admin, headers={"X-Correlation-Id": "trace-42"})
    assert response.headers["X-Correlation-Id"] == "trace-42"
    assert 'xiaoneng_http_requests_total{route="GET /api/v1/me",status="200"}' in api.request(
        "GET", "/metrics").text


def test_the_test_clock_is_set_and_read_by_an_admin_when_enabled(system):
    # Services here share the gateway's process and clock; tests/e2e checks the broadcast.
    api, admin, _ = system(XIAONENG_TEST_CLOCK="1")
    try:
        set_to = "2026-10-01T09:00:00+08:00"
        assert api.ok("POST", f"{V1}/admin/clock", admin, {"now": set_to})["now"].startswith(
            "2026-10-01T01:00")
        assert api.ok("GET", f"{V1}/admin/clock", admin)["now"].startswith("2026-10-01T01:0")
        org = Organisation(api, admin)
        division, leader, head = org.division()
        for person in (leader, head, org.staff(division_id=division["id"])):
            assert api.refused("POST", f"{V1}/admin/clock", person["token"],
                               {"now": "2027-01-01T09:00:00+08:00"}) == (403, "wrong_role")
        assert api.ok("GET", f"{V1}/admin/clock", admin)["now"].startswith("2026-10-01T01:0")
        invalid = api.request("POST", f"{V1}/admin/clock", admin, {"now": "soon"})
        assert invalid.status_code == 422
    finally:
        clock.reset()


def test_a_service_that_does_not_answer_leaves_the_gateway_ready(system):
    api, _, _ = system(XIAONENG_SERVICES="posts,ghost", XIAONENG_RPC_TIMEOUT="1")
    assert api.request("GET", "/readyz").status_code == 200


def test_one_staff_member_may_back_up_several_posts_and_signage_pages(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    division, _, _ = org.division()
    a1, a2, b = (org.staff(division_id=division["id"]) for _ in range(3))
    for holder in (a1, a2):
        api.ok("POST", f"{V1}/posts", admin, post_body(division, holder, [b]))
    first = api.ok("GET", f"{V1}/public/signage?limit=1")
    assert first["total"] == 2 and len(first["items"]) == 1
    second = api.ok("GET", f"{V1}/public/signage?limit=1&offset=1")
    assert second["items"] != first["items"]
    assert api.request("GET", f"{V1}/public/signage?limit=zero").status_code == 422


def test_a_head_cannot_change_backups_of_another_divisions_post(api):
    api, admin, _ = api
    org = Organisation(api, admin)
    mine, _, head = org.division()
    other, _, _ = org.division()
    a, b, c = (org.staff(division_id=other["id"]) for _ in range(3))
    post = api.ok("POST", f"{V1}/posts", admin, post_body(other, a, [c]))
    refused = api.request("PUT", f"{V1}/posts/{post['id']}/backups", head["token"],
                          {"backup_ids": [b["id"]]})
    assert refused.status_code == 403
    assert api.ok("GET", f"{V1}/posts/{post['id']}", admin)["backup_ids"] == [c["id"]]


def test_the_correlation_id_of_a_request_travels_into_the_events_it_raises(api):
    api, admin, config = api
    api.ok("POST", f"{V1}/divisions", admin, {"name": "综合处", "code": "ZH"},
           headers={"X-Correlation-Id": "req-7f3a"})
    engine = make_engine(config["XIAONENG_POSTS_DATABASE_URL"])
    with engine.connect() as conn:
        [body] = conn.execute(sa.select(OutboxRecord.body).where(
            OutboxRecord.routing_key == "division_changed")).scalars()
    engine.dispose()
    assert json.loads(body)["correlation_id"] == "req-7f3a"


def test_the_development_admin_is_refused_in_production(runner_factory, service_config):
    config = service_config("posts", XIAONENG_ENV="production")
    runner = runner_factory(config, PostsService)
    with pytest.raises(RuntimeError, match="XIAONENG_ADMIN_PASSWORD") as refused:
        runner.start()
    assert "AMQP_URI" in str(refused.value)  # every default it found is named at once
    config.update(AMQP_URI="amqp://xn:s3cret@127.0.0.1:5672/", XIAONENG_JWT_SECRET="x" * 40,
                  XIAONENG_ADMIN_PASSWORD="", XIAONENG_ADMIN_USERNAME="")
    migrate_all(["posts"], config)  # production: the migrations Job's work, not the pod's
    with pytest.raises(InsecureFirstAdmin):  # no first admin at all
        runner_factory(config, PostsService).start()


def test_posts_from_before_the_b_rule_and_headless_divisions_are_listed_for_the_admin(api):
    api, admin, config = api
    org = Organisation(api, admin)
    division, _, head = org.division()
    a, b = (org.staff(division_id=division["id"]) for _ in range(2))
    post = api.ok("POST", f"{V1}/posts", admin, post_body(division, a, [b]))
    engine = make_engine(config["XIAONENG_POSTS_DATABASE_URL"])
    with engine.begin() as conn:  # as data created before a B was required
        conn.execute(sa.text("DELETE FROM post_backups WHERE post_id = :id"), {"id": post["id"]})
    engine.dispose()
    headless = api.ok("POST", f"{V1}/divisions", admin, {"name": "综合处", "code": "ZH9"})

    assert api.ok("GET", f"{V1}/posts/{post['id']}", a["token"])["backup_ids"] == []
    warnings = api.ok("GET", f"{V1}/org/warnings", admin)["items"]
    assert {(w["kind"], w["division_id"], w.get("post_id")) for w in warnings} == {
        ("post_without_backup", division["id"], post["id"]),
        ("division_without_head", headless["id"], None),
        ("division_without_leader", headless["id"], None)}
    own = api.ok("GET", f"{V1}/org/warnings", head["token"])["items"]
    assert [w["kind"] for w in own] == ["post_without_backup"]
    refused = api.request("GET", f"{V1}/org/warnings?division_id={headless['id']}",
                          head["token"])
    assert error(refused) == (403, "not_your_division")
    assert api.ok("GET", f"{V1}/org/warnings", a["token"]) == {"items": [], "total": 0}


def test_every_event_about_a_record_carries_a_higher_revision_than_the_one_before(api):
    api, admin, config = api
    org = Organisation(api, admin)
    division, _, head = org.division()  # created, then given its head
    a, b, c = (org.staff(division_id=division["id"]) for _ in range(3))
    post = api.ok("POST", f"{V1}/posts", admin, post_body(division, a, [b]))
    api.ok("PUT", f"{V1}/posts/{post['id']}/backups", admin, {"backup_ids": [c["id"]]})
    api.ok("PUT", f"{V1}/staff/{a['id']}", admin, {"title": "副处长"})

    url = config["XIAONENG_POSTS_DATABASE_URL"]
    assert [e["revision"] for e in raised(url, "division_changed")
            if e["division_id"] == division["id"]] == [1, 2]
    assert [e["revision"] for e in raised(url, "post_changed")] == [1, 2]
    assert [e["revision"] for e in raised(url, "staff_changed")
            if e["staff_id"] == a["id"]] == [1, 2]
    assert raised(url, "division_changed")[-1]["head_id"] == head["id"]
