"""六.2, 六.4 and 六.6 across processes: a matter handled at once is due the day it is
accepted; the written notice names its 经办人 with the office phone posts announced; a
question referred to another division reaches the bell and the to-do of everyone there,
and its answer reaches the party's look-up."""

from datetime import datetime

from chassis.clock import OFFICE_TZ
from tests.api import V1, Office
from tests.helpers import database_url, projected, wait_until

THURSDAY = datetime(2026, 12, 10, 9, 0, tzinfo=OFFICE_TZ)


def unread(api, person):
    return api.ok("GET", f"{V1}/me/notifications?unread=true", person["token"])["items"]


def test_a_referred_question_reaches_the_other_division_and_its_answer_the_party(api, system):
    o = Office.on(api, THURSDAY, a="周一")
    other, _, other_head = o.org.division()
    clerk = o.org.staff(division_id=other["id"], name="吴二")
    projected(database_url(system, "inquiries"), [o.a, clerk, other_head], "inquiries")
    matter = api.ok("POST", f"{V1}/matters", o.head["token"], {
        "name": "机构编制证明出具", "basis": "《机构编制管理条例》", "time_limit_days": 0,
        "procedure": "受理、出具", "division_id": o.division["id"],
        "materials": [{"code": "A", "name": "申请函", "required": True}]})

    def apply(materials):
        return api.ok("POST", f"{V1}/applications", o.a["token"], {
            "matter_id": matter["id"], "applicant": "省某中心", "contact": "0571-2",
            "materials": materials})
    returned = apply([])
    page = api.request("GET", f"{V1}/applications/{returned['id']}/notice"
                              f"?token={returned['token']}").text
    assert "周一" in page and o.a["phone"] in page and "即办" in page
    accepted = apply([{"code": "A", "ok": True}])
    assert (accepted["status"], accepted["due_date"]) == ("accepted", "2026-12-10")

    question = "该中心是否属于公益二类事业单位？"
    referral = api.ok("POST", f"{V1}/applications/{accepted['id']}/referrals", o.a["token"],
                      {"division_id": other["id"], "question": question})
    assert (referral["status"], referral["due_date"]) == ("open", "2026-12-11")
    for person in (clerk, other_head):
        [told] = wait_until(lambda p=person: unread(api, p), timeout=15,
                            message="the division told of the referral")
        assert (told["kind"], told["link"]) == ("referral", f"/applications/{accepted['id']}")
        assert question in told["title"]
    assert [i["id"] for i in api.ok("GET", f"{V1}/me/todo", clerk["token"])["items"]
            if i["kind"] == "referral"] == [referral["id"]]

    api.ok("POST", f"{V1}/referrals/{referral['id']}/answer", clerk["token"],
           {"answer": "属于公益二类"})
    looked_up = api.ok("GET", f"{V1}/public/applications/{accepted['id']}"
                              f"?token={accepted['token']}")
    assert looked_up["referrals"] == [{"question": question, "answer": "属于公益二类"}]
    assert looked_up["matter"]["time_limit_days"] == 0
