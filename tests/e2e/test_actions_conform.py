"""Issue 34: the server says what the caller may do, and its word holds.

For records of each kind in a few states, and for the people around each (the person it
is about, their head, a leader, another member of the division, an admin): every verb its
``actions`` lists is accepted by its route, and every other verb of its kind is refused
(403 or 409) and changes nothing. And GET /me's ``may`` agrees with the routes it names:
a verb listed is not refused for want of a right (403), one not listed is; a verb that
reaches some divisions only is refused in another."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from chassis.clock import OFFICE_TZ
from gateway.me import VERBS
from tests.api import V1, Office, document_body, leave_body, notice_body, unique
from tests.helpers import wait_until

DAY = datetime(2027, 3, 1, 9, 0, tzinfo=OFFICE_TZ)  # a Monday
REFUSED = (403, 409)
MATERIALS = [{"code": "A", "name": "申请书", "required": True},
             {"code": "B", "name": "情况说明", "required": True}]


@dataclass(frozen=True)
class Kind:
    """A kind of record: where it is read, and each verb's request (method, path, body)."""

    path: str  # "/leave-requests/{id}"
    verbs: dict  # verb: record -> (method, path, body)

    def read(self, record):
        return V1 + self.path.format(id=record["id"])


def step(path, suffix, body=None):
    """The request of a verb whose body does not depend on the record."""
    return lambda record: ("POST", path.format(id=record["id"]) + suffix, body or {})


def urge(kind):
    return lambda record: ("POST", "/urges", {"kind": kind, "id": record["id"],
                                              "note": "请抓紧办理"})


def absences(path, kind):
    on = path + "/{id}"
    return Kind(on, {"approve": step(on, "/approve", {"note": "同意"}),
                     "reject": step(on, "/reject", {"note": "近期任务重，另行安排"}),
                     "return": step(on, "/return"), "acknowledge": step(on, "/acknowledge"),
                     "urge": urge(kind)})


DOCUMENT = "/documents/{id}"
DOCUMENTS = Kind(DOCUMENT, {
    "assign": lambda r: ("POST", DOCUMENT.format(id=r["id"]) + "/assign",
                         {"assignee_id": r["assignee_hint"]}),
    "return": step(DOCUMENT, "/return", {"reason": "不属本处职权"}),
    "consult": step(DOCUMENT, "/consultations", {"with_unit": "省财政厅", "topic": "经费来源"}),
    "extend": lambda r: ("POST", DOCUMENT.format(id=r["id"]) + "/extensions", {
        "new_due_date": r["later_due"], "basis": "需征求多家单位意见",
        "opinion": "延期五个工作日办结"}),
    "complete": step(DOCUMENT, "/complete", {"result": "已按要求办结"}),
    "approve_return": step(DOCUMENT, "/return/approve", {"note": "同意退文"}),
    "reject_return": step(DOCUMENT, "/return/reject", {"note": "属本处职权，继续办理"}),
    "urge": urge("document"),
})
VIOLATION = "/violations/{id}"
VIOLATIONS = Kind(VIOLATION, {
    "contest": step(VIOLATION, "/contest", {"explanation": "当日在外开会，已报告"}),
    "uphold": step(VIOLATION, "/uphold", {"note": "经核实属实"}),
    "waive": step(VIOLATION, "/waive", {"reason": "不可抗力"}),
})
CASE = "/cases/{id}"
CASES = Kind(CASE, {
    "decide": step(CASE, "/decide", {"outcome": "criticism_education", "measures": [],
                                     "note": "批评教育"}),
    "dismiss": step(CASE, "/dismiss", {"reason": "不可抗力"}),
})
APPLICATION = "/applications/{id}"
APPLICATIONS = Kind(APPLICATION, {
    "resubmit": step(APPLICATION, "/resubmit", {
        "applicant": "省某厅", "contact": "0571-87000001",
        "materials": [{"code": "A", "ok": True}, {"code": "B", "ok": True}]}),
    "complete": step(APPLICATION, "/complete", {"result": "已办结"}),
    "refer": step(APPLICATION, "/referrals", {"external_unit": "省财政厅",
                                              "question": "经费是否到位"}),
    "urge": urge("application"),
})


def actions(api, kind, record, caller):
    """The caller's ``actions`` on the record; none where they may not read it."""
    response = api.request("GET", kind.read(record), caller["token"])
    if response.status_code in (403, 404):
        return []
    assert response.status_code == 200, response.text
    return response.json()["actions"]


def conforms(api, o, kind, make, callers):
    """``make()`` gives a fresh record in one state and the person it is about; for each
    caller, the verbs not listed are refused and change nothing, and each listed one is
    accepted on a fresh record in the same state (whose ``actions`` list it alike)."""
    record, person = make()
    roles = {"person": person, **callers}
    seen = {}
    for role, caller in roles.items():
        listed = actions(api, kind, record, caller)
        assert set(listed) <= set(kind.verbs), listed
        seen[role] = listed
        for verb in set(kind.verbs) - set(listed):
            before = api.ok("GET", kind.read(record), o.admin)
            method, path, body = kind.verbs[verb](record)
            response = api.request(method, V1 + path, caller["token"], body)
            assert response.status_code in REFUSED, (role, verb, response.text)
            assert api.ok("GET", kind.read(record), o.admin) == before, (role, verb)
        for verb in listed:
            fresh, person = make()
            caller = person if role == "person" else caller
            assert verb in actions(api, kind, fresh, caller), (role, verb)
            method, path, body = kind.verbs[verb](fresh)
            response = api.request(method, V1 + path, caller["token"], body)
            assert response.status_code in (200, 201), (role, verb, response.text)
    return seen


def clock(api, o):
    return datetime.fromisoformat(api.ok("GET", f"{V1}/admin/clock", o.admin)["now"])


def newcomer(o):
    """A new member of the division: nothing of theirs overlaps, nobody has judged them
    (grading counts per person)."""
    return o.org.staff(division_id=o.division["id"])


def test_every_listed_action_is_accepted_and_every_other_refused(api):
    o = Office.on(api, DAY, a="张三", b="李四")
    callers = {"head": o.head, "leader": o.leader, "other": o.b,
               "admin": {"token": o.admin}}

    def pending_leave():
        person = newcomer(o)
        return api.ok("POST", f"{V1}/leave-requests", person["token"],
                      leave_body((DAY + timedelta(days=1)).date())), person
    seen = conforms(api, o, absences("/leave-requests", "leave_request"), pending_leave,
                    callers)
    assert set(seen["head"]) >= {"approve", "reject"} and "approve" not in seen["person"]

    def started_notice():  # 20 minutes from two seconds on: recorded, started by the scan
        person = newcomer(o)
        filed = o.notice(person, clock(api, o) + timedelta(seconds=2), hours=1 / 3)
        path = f"{V1}/leave-notices/{filed['id']}"
        wait_until(lambda: api.ok("GET", path, person["token"]).get("started_at"),
                   timeout=20, message="the notice starts")
        return api.ok("GET", path, person["token"]), person
    seen = conforms(api, o, absences("/leave-notices", "leave_notice"), started_notice,
                    callers)
    assert "return" in seen["person"] and "return" not in seen["head"]

    later = {}

    def document(state):
        def make():
            received = o.document(DAY, by=o.a)
            record = {**received, "assignee_hint": o.a["id"], "later_due": "2027-06-01"}
            if state == "received":
                return record, o.a
            assigned = api.ok("POST", f"{V1}/documents/{received['id']}/assign",
                              o.head["token"], {"assignee_id": o.a["id"]})
            if "due" not in later:
                later["due"] = api.ok("GET", f"{V1}/calendar/working-days?from="
                                      f"{assigned['due_date']}&n=3", o.a["token"])["date"]
            record = {**assigned, "assignee_hint": o.b["id"], "later_due": later["due"]}
            if state == "assigned":
                return record, o.a
            asked = api.ok("POST", f"{V1}/documents/{received['id']}/return", o.a["token"],
                           {"reason": "不属本处职权"})
            return {**record, **asked}, o.a
        return make
    for state in ("received", "assigned", "return_requested"):
        conforms(api, o, DOCUMENTS, document(state), callers)

    def violation(contested):
        def make():
            person = newcomer(o)
            recorded = api.ok("POST", f"{V1}/violations", o.head["token"], {
                "staff_id": person["id"], "nature": "non_performance",
                "occurred_at": (DAY - timedelta(hours=1)).isoformat(),
                "description": "未按要求报送材料"})
            if contested:
                recorded = api.ok("POST", f"{V1}/violations/{recorded['id']}/contest",
                                  person["token"], {"explanation": "已口头报告"})
            return recorded, person
        return make
    seen = conforms(api, o, VIOLATIONS, violation(False), callers)
    assert seen["person"] == ["contest"] and "uphold" in seen["leader"]
    conforms(api, o, VIOLATIONS, violation(True), callers)

    def case(contested):
        def make():
            recorded, person = violation(contested)()
            case_id = wait_until(lambda: api.ok("GET", f"{V1}/violations/{recorded['id']}",
                                                o.admin)["case_id"], timeout=20)
            return {"id": case_id}, person
        return make
    seen = conforms(api, o, CASES, case(False), callers)
    assert set(seen["leader"]) == {"decide", "dismiss"}
    conforms(api, o, CASES, case(True), callers)

    matter = api.ok("POST", f"{V1}/matters", o.admin, {
        "name": "事业单位登记", "basis": "《事业单位登记管理暂行条例》", "time_limit_days": 5,
        "procedure": "受理、审核、登记", "division_id": o.division["id"],
        "materials": MATERIALS})

    def application(complete):
        def make():
            submitted = api.ok("POST", f"{V1}/applications", o.a["token"], {
                "matter_id": matter["id"], "applicant": "省某厅", "contact": "0571-87000001",
                "materials": [{"code": "A", "ok": True}, {"code": "B", "ok": complete}]})
            return submitted, o.a
        return make
    seen = conforms(api, o, APPLICATIONS, application(True), callers)
    assert {"complete", "refer"} <= set(seen["person"])
    seen = conforms(api, o, APPLICATIONS, application(False), callers)
    assert "resubmit" in seen["person"]


def test_what_me_says_one_may_do_the_routes_let_one_do(api):
    o = Office.on(api, DAY + timedelta(days=7), a="张三", b="李四", c="王五")
    other = Office(api, o.admin, x="赵六", y="钱七")
    matter = api.ok("POST", f"{V1}/matters", o.admin, {
        "name": "机构编制事项审核", "basis": "《机构编制管理条例》", "time_limit_days": 10,
        "procedure": "受理、审核、答复", "division_id": o.division["id"],
        "materials": MATERIALS})
    members = {o.division["id"]: (o.c, o.b), other.division["id"]: (other.x, other.y)}
    now = clock(api, o)

    def probe(verb, division_id):
        """A request doing ``verb`` (in ``division_id``), its body valid."""
        member, second = members[division_id]
        return {
            "file_notice": ("POST", "/leave-notices", notice_body(
                now + timedelta(days=1), hours=1 / 3)),
            "file_leave_request": ("POST", "/leave-requests",
                                   leave_body((now + timedelta(days=2)).date())),
            "report_absence": ("POST", "/absence-reports", {
                "staff_id": member["id"], "observed_at": now.isoformat(),
                "note": "未请假离岗"}),
            "check_duty": ("POST", "/duty-checks", {
                "division_id": division_id, "checked_at": now.isoformat(),
                "absent_ids": []}),
            "register_document": ("POST", "/documents", document_body(now)),
            "draft_outgoing": ("POST", "/documents/outgoing",
                               {"title": "关于调整机构编制的通知", "series": "编发"}),
            "record_inquiry": ("POST", "/inquiries", {
                "visitor_name": "王先生", "contact": "13900000000", "question": "如何办理"}),
            "submit_application": ("POST", "/applications", {
                "matter_id": matter["id"], "applicant": "省某厅", "contact": "0571",
                "materials": [{"code": "A", "ok": True}, {"code": "B", "ok": True}]}),
            "publish_matter": ("POST", "/matters", {
                "name": unique("事项"), "basis": "依据", "time_limit_days": 5,
                "procedure": "程序", "division_id": division_id, "materials": MATERIALS}),
            "read_complaints": ("GET", f"/complaints?division_id={division_id}", None),
            "read_commitments": ("GET", "/reports/commitments?half=2027H1", None),
            "record_violation": ("POST", "/violations", {
                "staff_id": member["id"], "nature": "non_performance",
                "occurred_at": (now - timedelta(hours=1)).isoformat(),
                "description": "未按要求报送材料"}),
            "read_violations": ("GET", f"/violations?staff_id={member['id']}", None),
            "read_cases": ("GET", "/cases", None),
            "submit_duty_report": ("POST", "/duty-reports",
                                   {"year": 2026, "summary": "全年工作总结"}),
            "read_appraisals": ("GET", f"/appraisals?division_id={division_id}&year=2027",
                                None),
            "read_statistics": ("GET", f"/stats/overview?division_id={division_id}", None),
            "read_audit": ("GET", "/audit", None),
            "manage_organisation": ("POST", "/divisions",
                                    {"name": "新设处室", "code": unique("XS")}),
            "manage_posts": ("POST", "/posts", {
                "title": unique("岗位"), "division_id": division_id, "duties": ["职责"],
                "holder_id": member["id"], "backup_ids": [second["id"]]}),
            "operate": ("GET", "/admin/status", None),
        }[verb]
    # the complaints list shows another division's as none, rather than refusing them
    filtered = {"read_complaints"}

    def status(verb, division_id, person):
        method, path, body = probe(verb, division_id)
        return api.request(method, V1 + path, person["token"], body).status_code

    def me(person):
        return api.ok("GET", f"{V1}/me", person["token"])

    def settled():  # every service knows both divisions' heads
        return all({"publish_matter", "check_duty", "record_violation", "manage_posts",
                    "read_complaints"} <= set(me(head)["may"]) for head in (o.head,
                                                                             other.head))
    wait_until(settled, timeout=20, message="the services know who heads what")

    def agrees(person):
        """What GET /me says ``person`` may do: listed, not refused for want of a right;
        not listed, refused; listed for some divisions, refused in the others."""
        found = me(person)
        assert found["missing"] == [], found
        for verb in VERBS:
            listed = verb in found["may"]
            reach = found["divisions"].get(verb, [o.division["id"]])  # one try: no reach
            inside = [d for d in members if reach == "all" or d in reach]
            for division_id in (inside if listed else [o.division["id"]]):
                assert (status(verb, division_id, person) != 403) == listed, (verb, found)
            if listed and verb in found["divisions"] and verb not in filtered:
                for division_id in set(members) - set(inside):
                    assert status(verb, division_id, person) == 403, (verb, found)
        return found

    staff, head, leader = agrees(o.a), agrees(o.head), agrees(o.leader)
    admin = agrees({"token": o.admin})
    assert {"file_notice", "register_document", "record_inquiry"} <= set(staff["may"])
    assert not {"record_violation", "read_statistics", "check_duty"} & set(staff["may"])
    assert head["divisions"]["record_violation"] == [o.division["id"]]
    assert leader["divisions"]["record_violation"] == "all"
    assert {"manage_organisation", "read_audit", "operate"} <= set(admin["may"])

    # 五.3: while the head is away the B acting for their post holds the head's powers, and
    # /me says so (the console then shows the B the head's forms and lists)
    o.new_post(o.head, [o.b], "处长岗")
    o.away(o.head, clock(api, o) + timedelta(seconds=2), hours=2)
    wait_until(lambda: me(o.b)["heads"] == [o.division["id"]], timeout=20,
               message="the B holds the head's powers")
    wait_until(lambda: all(me(o.b)["divisions"].get(verb) == [o.division["id"]] for verb in (
        "record_violation", "read_appraisals", "check_duty", "publish_matter",
        "manage_posts")), timeout=20, message="every service knows the acting head")
    acting = agrees(o.b)
    assert "read_statistics" in acting["may"] and "manage_organisation" not in acting["may"]
