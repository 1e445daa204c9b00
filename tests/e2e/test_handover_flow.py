"""Issue 3's acceptance: leave-post notices hand posts over to B backups, across processes."""

import signal
from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import answers, wait_until


def post_state(api, token, post_id):
    post = api.ok("GET", f"{V1}/posts/{post_id}", token)
    return post["state"], post["acting_id"]


def test_a_notice_hands_the_post_to_b1_then_b2_and_back_to_a(api):
    day = datetime(2026, 12, 1, 9, 0, tzinfo=OFFICE_TZ)  # a Tuesday
    o = Office.on(api, day, a="张三", b1="李四", b2="王五")
    a, b1, b2, division = o.a, o.b1, o.b2, o.division
    post = api.ok("POST", f"{V1}/posts", o.admin, {
        "title": "事业单位登记岗", "division_id": division["id"], "duties": ["登记审核"],
        "holder_id": a["id"], "backup_ids": [b1["id"], b2["id"]]})

    notice = o.notice(a, day + timedelta(minutes=10), kind="personal", reason="就医")
    assert notice["status"] == "pending" and notice["approver_id"] == o.head["id"]
    api.ok("POST", f"{V1}/leave-notices/{notice['id']}/approve", o.head["token"])
    o.set_now(day + timedelta(minutes=11))
    wait_until(lambda: post_state(api, a["token"], post["id"]) == ("covered", b1["id"]),
               timeout=15, message="B1 covers P")

    def board():
        url = f"{V1}/public/notice-board?division_id={division['id']}"
        return [(r["name"], r["post_title"], r["reason"], r["covered_by"])
                for r in api.ok("GET", url)["items"]]
    wait_until(lambda: board() == [("张三", "事业单位登记岗", "因私", "李四")], timeout=10)

    o.away(b1, day + timedelta(minutes=20))
    o.set_now(day + timedelta(minutes=21))
    wait_until(lambda: post_state(api, a["token"], post["id"]) == ("covered", b2["id"]),
               timeout=15, message="B2 covers P while B1 is away too")
    wait_until(lambda: ("张三", "事业单位登记岗", "因私", "王五") in board(), timeout=10)

    back = api.ok("POST", f"{V1}/leave-notices/{notice['id']}/return", a["token"])
    assert back["late"] is False
    wait_until(lambda: post_state(api, a["token"], post["id"]) == ("normal", None),
               timeout=15, message="P returns to A")
    handovers = api.ok("GET", f"{V1}/posts/{post['id']}/handovers", a["token"])["items"]
    assert sorted(h["to_id"] for h in handovers) == sorted([b1["id"], b2["id"]])
    assert all(h["ended_at"] for h in handovers)


def test_a_division_heads_notice_is_approved_by_the_supervising_leader(api):
    day = datetime(2026, 12, 2, 9, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, day)
    head, leader = o.head, o.leader
    notice = o.notice(head, day + timedelta(hours=1))
    assert notice["approver_id"] == leader["id"]
    assert api.request("POST", f"{V1}/leave-notices/{notice['id']}/approve",
                       head["token"]).status_code == 403
    assert api.ok("POST", f"{V1}/leave-notices/{notice['id']}/approve",
                  leader["token"])["status"] == "approved"


def test_killing_posts_while_absences_are_approved_loses_and_doubles_no_handover(api, system):
    day = datetime(2026, 12, 3, 9, 0, tzinfo=OFFICE_TZ)
    o = Office.on(api, day)
    admin, head = o.admin, o.head
    pairs = []
    for _ in range(6):
        holder, backup = (o.org.staff(division_id=o.division["id"]) for _ in range(2))
        post = o.new_post(holder, [backup], "岗位")
        notice = o.notice(holder, day + timedelta(minutes=5))
        pairs.append((post, backup, notice))

    def approve(notices):
        for notice in notices:
            api.ok("POST", f"{V1}/leave-notices/{notice['id']}/approve", head["token"])

    approve(notice for _, _, notice in pairs[:3])
    o.set_now(day + timedelta(minutes=6))  # the first three start ...
    system.stop_process("posts", signal.SIGKILL)       # ... while posts dies
    approve(notice for _, _, notice in pairs[3:])
    system.start_process("posts")
    wait_until(lambda: answers(system, "posts"), timeout=30)

    def all_covered():
        return all(post_state(api, admin, post["id"]) == ("covered", backup["id"])
                   for post, backup, _ in pairs)
    wait_until(all_covered, timeout=30, message="every post covered by its backup")
    for post, backup, _ in pairs:
        handovers = api.ok("GET", f"{V1}/posts/{post['id']}/handovers", admin)["items"]
        assert [(h["to_id"], h["ended_at"]) for h in handovers] == [(backup["id"], None)]
