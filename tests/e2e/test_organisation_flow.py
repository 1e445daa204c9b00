"""Issue 11's acceptance across processes: someone leaves, the organisation stays true."""

import time
from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import PASSWORD, V1, Office, error
from tests.helpers import wait_until


def todo(api, person):
    return api.ok("GET", f"{V1}/me/todo", person["token"])


def test_a_leaver_hands_nothing_to_nobody(api, system):
    day = datetime(2026, 12, 21, 9, 0, tzinfo=OFFICE_TZ)  # Monday
    o = Office.on(api, day, a="甲", b="乙", c="丙", leaver="丁")
    admin, head, a, b, c, leaver = o.admin, o.head, o.a, o.b, o.c, o.leaver
    leavers_post = o.new_post(leaver, [b], "综合岗")
    as_post = o.new_post(a, [leaver, c], "审核岗")
    document = o.document(day, leaver, title="关于某中心更名的请示", from_unit="省某厅")
    second = o.document(day, leaver, title="关于某所编制的函", from_unit="省某局", kind="函")
    work = [i["kind"] for i in todo(api, leaver)["items"] if i["kind"] != "duty_report"]
    assert work == ["document", "document"]  # (in December the year's report is asked too)

    api.ok("POST", f"{V1}/staff/{leaver['id']}/deactivate", admin, {"reason": "调离"})
    response = api.request("GET", f"{V1}/me", leaver["token"])
    assert error(response) == (401, "account_inactive")
    post = api.ok("GET", f"{V1}/posts/{leavers_post['id']}", head["token"])
    assert (post["state"], post["holder_id"]) == ("vacant", None)
    assert api.ok("GET", f"{V1}/posts/{as_post['id']}", head["token"])["backup_ids"] == [c["id"]]

    def reassign_item():
        return [i for i in todo(api, head)["items"]
                if i["kind"] == "assign_document" and i["id"] == document["id"]]
    [item] = wait_until(reassign_item, timeout=15, message="the document in the head's to-do")
    assert (item["title"], item["link"]) == (document["title"], f"/documents/{document['id']}")
    assert todo(api, head)["missing"] == []
    reassigned = api.ok("POST", f"{V1}/documents/{document['id']}/assign", head["token"],
                        {"assignee_id": b["id"]})
    assert reassigned["assignee_id"] == b["id"]
    assert not reassign_item()
    api.ok("PUT", f"{V1}/posts/{leavers_post['id']}", head["token"], {"holder_id": c["id"]})
    wait_until(lambda: api.ok("GET", f"{V1}/documents/{second['id']}",
                              head["token"])["assignee_id"] == c["id"], timeout=15,
               message="the new holder takes over the leaver's open document")

    notice = o.notice(a, day + timedelta(minutes=5), reason="开会")
    assert [i["id"] for i in todo(api, head)["items"]
            if i["kind"] == "approve_absence"] == [notice["id"]]
    api.ok("POST", f"{V1}/leave-notices/{notice['id']}/approve", head["token"])
    o.set_now(day + timedelta(minutes=6))

    def covered_post():
        post = api.ok("GET", f"{V1}/posts/{as_post['id']}", head["token"])
        return post if post["state"] == "covered" else None
    covered = wait_until(covered_post, timeout=15, message="A's post covered")
    assert covered["acting_id"] == c["id"]  # the next B in order: the leaver is gone
    cards = api.ok("GET", f"{V1}/public/signage?division_id={o.division['id']}")["items"]
    card = next(card for card in cards if card["post_id"] == as_post["id"])
    assert (card["backups"], card["acting_name"]) == (["丙"], "丙")  # 五.2, the leaver unnamed
    api.ok("POST", f"{V1}/leave-notices/{notice['id']}/return", a["token"])
    assert [i["kind"] for i in todo(api, head)["items"] if i["id"] == notice["id"]] == [
        "return_report"]
    api.ok("POST", f"{V1}/leave-notices/{notice['id']}/acknowledge", head["token"])
    assert [i for i in todo(api, head)["items"] if i["id"] == notice["id"]] == []


def test_a_password_change_revokes_the_old_token_and_the_new_one_works(api, system):
    clerk = Office(api, clerk="书记员").clerk
    fresh = api.ok("PUT", f"{V1}/me/password", clerk["token"], {
        "old_password": PASSWORD, "new_password": "correct-horse-9"})
    old = api.request("GET", f"{V1}/me", clerk["token"])
    assert error(old) == (401, "token_revoked")
    assert api.ok("GET", f"{V1}/me", fresh["access_token"])["id"] == clerk["id"]
    relogged = api.login(clerk["username"], "correct-horse-9")
    assert api.ok("GET", f"{V1}/me", relogged)["id"] == clerk["id"]


def test_no_password_token_or_secret_reaches_a_log_line(api, system):
    """Every process's log, after passwords were set, changed, reset and guessed."""
    o = Office(api, person="赵六")
    admin, person = o.admin, o.person
    secrets = [PASSWORD, "Changed-Secret-91", "Reset-Secret-92", "Guessed-Secret-93",
               person["token"], admin, system.settings.jwt_secret]
    fresh = api.ok("PUT", f"{V1}/me/password", person["token"], {
        "old_password": PASSWORD, "new_password": "Changed-Secret-91"})
    secrets.append(fresh["access_token"])
    api.ok("PUT", f"{V1}/staff/{person['id']}/password", admin,
           {"new_password": "Reset-Secret-92"})
    assert api.request("POST", f"{V1}/auth/token", json={
        "username": person["username"], "password": "Guessed-Secret-93"}).status_code == 401
    api.request("PUT", f"{V1}/me/password", api.login(person["username"], "Reset-Secret-92"),
                {"old_password": "Guessed-Secret-93", "new_password": "x"})
    time.sleep(1)  # let the processes write their lines
    logs = {path.name: path.read_text(errors="replace")
            for path in system.log_dir.glob("*.log")}
    assert {"posts.log", "gateway.log"} <= set(logs)
    assert "PUT /api/v1/me/password" in logs["gateway.log"]  # the requests were logged
    leaked = [(name, secret[:12]) for name, text in logs.items() for secret in secrets
              if secret in text]
    assert leaked == []
