"""People over time through the gateway: lists, corrections, moves, leaving, passwords,
new holders, the admin's warnings; tokens that stop working at once."""

import pytest

from gateway.service import GatewayService
from services.posts.service import PostsService
from tests.api import V1, Api, Office, error
from tests.helpers import free_port, wait_until


@pytest.fixture
def office(behind_gateway):
    api, config = behind_gateway(PostsService)
    o = Office(api, config=config, a="张三", b1="李四", b2="王五")
    o.post = o.new_post(o.a, [o.b1, o.b2], "审核岗")
    return o


def test_staff_and_posts_are_listed_with_filters_and_paging(office):
    o = office
    listed = o.api.ok("GET", f"{V1}/staff?division_id={o.division['id']}", o.a["token"])
    assert {s["name"] for s in listed["items"]} == {"张三", "李四", "王五", "处长"}
    assert all("password" not in s and s["active"] for s in listed["items"])
    page = o.api.ok("GET", f"{V1}/staff?division_id={o.division['id']}&limit=2&offset=2",
                    o.a["token"])
    assert page["total"] == 4 and len(page["items"]) == 2
    assert o.api.ok("GET", f"{V1}/staff?role=leader", o.a["token"])["total"] == 1
    posts = o.api.ok("GET", f"{V1}/posts?division_id={o.division['id']}", o.a["token"])
    assert [(p["id"], p["holder_id"]) for p in posts["items"]] == [(o.post["id"], o.a["id"])]
    assert error(o.api.request("GET", f"{V1}/staff?active=maybe", o.a["token"])) == (
        422, "validation_error")


def test_a_password_change_revokes_older_tokens_and_gives_a_fresh_one(office):
    o = office
    path = f"{V1}/me/password"
    assert error(o.api.request("PUT", path, o.a["token"], {
        "old_password": "wrong-one", "new_password": "a-new-secret"})) == (403, "wrong_password")
    for weak in ("short", o.a["username"], o.a["username"].upper()):
        assert error(o.api.request("PUT", path, o.a["token"], {
            "old_password": "password-123", "new_password": weak})) == (422, "weak_password")
    assert o.api.ok("GET", f"{V1}/me", o.a["token"])["id"] == o.a["id"]  # nothing changed

    fresh = o.api.ok("PUT", path, o.a["token"], {"old_password": "password-123",
                                                  "new_password": "a-new-secret"})
    assert error(o.api.request("GET", f"{V1}/me", o.a["token"])) == (401, "token_revoked")
    assert o.api.ok("GET", f"{V1}/me", fresh["access_token"])["id"] == o.a["id"]
    assert o.api.request("POST", f"{V1}/auth/token", json={
        "username": o.a["username"], "password": "password-123"}).status_code == 401
    again = o.api.login(o.a["username"], "a-new-secret")

    o.api.ok("PUT", f"{V1}/staff/{o.a['id']}/password", o.admin, {"new_password": "reset-by-1"})
    assert error(o.api.request("GET", f"{V1}/me", again)) == (401, "token_revoked")
    assert error(o.api.request("PUT", f"{V1}/staff/{o.a['id']}/password", o.head["token"], {
        "new_password": "reset-by-2"})) == (403, "wrong_role")
    o.api.login(o.a["username"], "reset-by-1")


def test_someone_who_leaves_is_out_of_sign_in_b_lists_and_their_posts(office):
    o = office
    other = o.new_post(o.b2, [o.a], "统计岗")
    path = f"{V1}/staff/{o.a['id']}/deactivate"
    assert error(o.api.request("POST", path, o.head["token"], {"reason": "调离"})) == (
        403, "wrong_role")
    assert error(o.api.request("POST", path, o.admin, {})) == (422, "validation_error")
    left = o.api.ok("POST", path, o.admin, {"reason": "调离"})
    assert (left["active"], left["leaving_reason"]) == (False, "调离")
    assert error(o.api.request("POST", path, o.admin, {"reason": "again"})) == (
        409, "already_inactive")
    assert error(o.api.request("POST", f"{V1}/staff/ghost/deactivate", o.admin,
                               {"reason": "x"})) == (404, "staff_not_found")
    admin_id = o.api.ok("GET", f"{V1}/me", o.admin)["id"]
    assert error(o.api.request("POST", f"{V1}/staff/{admin_id}/deactivate", o.admin,
                               {"reason": "x"})) == (409, "own_account")

    assert error(o.api.request("GET", f"{V1}/me", o.a["token"])) == (401, "account_inactive")
    refused = o.api.request("POST", f"{V1}/auth/token", json={
        "username": o.a["username"], "password": "password-123"})
    assert error(refused) == (401, "account_inactive")
    vacant = o.api.ok("GET", f"{V1}/posts/{o.post['id']}", o.b1["token"])
    assert (vacant["state"], vacant["holder_id"], vacant["backup_ids"]) == (
        "vacant", None, [o.b1["id"], o.b2["id"]])
    assert o.api.ok("GET", f"{V1}/posts/{other['id']}", o.b1["token"])["backup_ids"] == []
    kinds = {(w["kind"], w.get("post_id")) for w in o.api.ok(
        "GET", f"{V1}/org/warnings", o.admin)["items"]}
    assert {("vacant_post", o.post["id"]), ("post_without_backup", other["id"])} <= kinds
    cards = {c["post_id"]: c for c in o.api.ok("GET", f"{V1}/public/signage")["items"]}
    card = cards[o.post["id"]]
    assert (card["vacant"], card["name"]) == (True, "（岗位空缺）")
    assert card["backups"] == [o.b1["name"], o.b2["name"]]
    assert cards[other["id"]]["backups"] == []  # the leaver is named on no card
    assert o.api.ok("GET", f"{V1}/staff/{o.a['id']}", o.admin)["active"] is False
    assert o.api.ok("GET", f"{V1}/staff?active=false", o.admin)["total"] == 1

    taken = o.api.ok("PUT", f"{V1}/posts/{o.post['id']}", o.head["token"],
                     {"holder_id": o.b1["id"]})
    assert (taken["holder_id"], taken["backup_ids"], taken["state"]) == (
        o.b1["id"], [o.b2["id"]], "normal")
    assert error(o.api.request("PUT", f"{V1}/posts/{o.post['id']}", o.head["token"],
                               {"holder_id": o.a["id"]})) == (422, "unknown_reference")


def test_a_new_holder_needs_a_b_left_and_only_the_divisions_head_changes_a_post(office):
    o = office
    lone = o.new_post(o.b1, [o.b2], "档案岗")
    assert error(o.api.request("PUT", f"{V1}/posts/{lone['id']}", o.head["token"],
                               {"holder_id": o.b2["id"]})) == (422, "backup_required")
    assert o.api.ok("GET", f"{V1}/posts/{lone['id']}", o.a["token"])["holder_id"] == o.b1["id"]
    _, _, other_head = o.org.division()
    assert error(o.api.request("PUT", f"{V1}/posts/{lone['id']}", other_head["token"],
                               {"title": "x"})) == (403, "not_your_division")
    assert error(o.api.request("PUT", f"{V1}/posts/ghost", o.admin, {"title": "x"})) == (
        404, "post_not_found")
    renamed = o.api.ok("PUT", f"{V1}/posts/{lone['id']}", o.head["token"],
                       {"title": "档案管理岗", "duties": ["档案整理", "借阅登记"]})
    assert (renamed["title"], renamed["duties"]) == ("档案管理岗", ["档案整理", "借阅登记"])


def test_a_move_or_a_new_role_is_corrected_by_the_admin_and_flagged(office):
    o = office
    other, _, _ = o.org.division()
    assert error(o.api.request("PUT", f"{V1}/staff/{o.b1['id']}", o.head["token"],
                               {"phone": "1"})) == (403, "wrong_role")
    moved = o.api.ok("PUT", f"{V1}/staff/{o.b1['id']}", o.admin,
                     {"division_id": other["id"], "phone": "0571-88889999"})
    assert (moved["division_id"], moved["phone"]) == (other["id"], "0571-88889999")
    assert o.api.ok("GET", f"{V1}/me", o.b1["token"])["division_id"] == other["id"]
    warnings = o.api.ok("GET", f"{V1}/org/warnings?division_id={o.division['id']}",
                        o.admin)["items"]
    assert [(w["kind"], w["staff_id"]) for w in warnings] == [
        ("backup_elsewhere", o.b1["id"])]

    promoted = o.api.ok("PUT", f"{V1}/staff/{o.b2['id']}", o.admin, {"role": "leader",
                                                                     "division_id": None})
    assert promoted["role"] == "leader"
    assert error(o.api.request("GET", f"{V1}/me", o.b2["token"])) == (401, "token_revoked")
    assert error(o.api.request("PUT", f"{V1}/staff/{o.b2['id']}", o.admin,
                               {"role": "division_head", "division_id": o.division["id"]})) \
        == (409, "division_has_head")


def test_another_gateway_learns_of_a_revocation_from_the_event(office, runner_factory):
    o = office
    port = free_port()
    config = {**o.config, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
              "XIAONENG_GATEWAY_PORT": str(port)}
    runner_factory(config, GatewayService).start()
    second = Api(f"http://127.0.0.1:{port}")
    second.wait_revocations()
    assert second.ok("GET", f"{V1}/me", o.b2["token"])["id"] == o.b2["id"]
    o.api.ok("POST", f"{V1}/staff/{o.b2['id']}/deactivate", o.admin, {"reason": "退休"})
    wait_until(lambda: second.request("GET", f"{V1}/me", o.b2["token"]).status_code == 401,
               timeout=5, message="the second gateway refuses the token")
