"""The gateway as the tests use it: one HTTP client, the bodies most tests send, and an
office (a division with its supervising leader, head and staff) built through the API.
Shared by the integration, e2e, browser and fuzz tests."""

import uuid
from datetime import timedelta

import requests

from tests.helpers import raised

V1 = "/api/v1"
PASSWORD = "password-123"  # every person the tests create signs in with it


class Api:
    def __init__(self, base_url):
        self.base = base_url.rstrip("/")
        self.http = requests.Session()

    def request(self, method, path, token=None, json=None, data=None, headers=None, **kw):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        url = path if path.startswith("http") else f"{self.base}{path}"
        return self.http.request(method, url, json=json, data=data, headers=headers,
                                 timeout=30, **kw)

    def login(self, username, password):
        response = self.request("POST", f"{V1}/auth/token",
                                json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def ok(self, method, path, token=None, json=None, status=(200, 201), **kw):
        response = self.request(method, path, token, json, **kw)
        assert response.status_code in status, f"{method} {path}: {response.text}"
        return response.json()

    def wait_revocations(self):
        """Until the gateway has loaded which tokens were revoked (it serves signed-in
        routes only then)."""
        from tests.helpers import wait_until

        wait_until(lambda: self.request("GET", "/readyz").json()["revocations"] == "loaded",
                   message="the gateway loads the revocations")

    def refused(self, method, path, token=None, json=None):
        """``(status, error code)`` of a request that must fail."""
        return error(self.request(method, path, token, json))

    def set_clock(self, admin, moment):
        """Move every service's test clock to ``moment`` (the system runs with
        ``XIAONENG_TEST_CLOCK=1``)."""
        self.ok("POST", f"{V1}/admin/clock", admin, {"now": moment.isoformat()})


def error(response):
    """``(status, error code)`` of a refused request."""
    assert response.status_code >= 400, f"expected a refusal: {response.text}"
    return response.status_code, response.json()["error"]["code"]


def unique(prefix):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def notice_body(start, hours=2, kind="business", reason="到省政府开会", contact="0571-87000000"):
    """A leave-post notice (离岗告示) from ``start`` for ``hours``."""
    return {"start_at": start.isoformat(),
            "expected_return_at": (start + timedelta(hours=hours)).isoformat(),
            "reason": reason, "kind": kind, "contact": contact}


def leave_body(start_date, end_date=None, kind="other", reason="家中有事",
               contact="13900000000", handover_note="在办：某局编制调整请示"):
    """A leave request (请假) from ``start_date`` (a date) to ``end_date`` (the same day)."""
    return {"start_date": start_date.isoformat(),
            "end_date": (end_date or start_date).isoformat(), "kind": kind, "reason": reason,
            "contact": contact, "handover_note": handover_note}


def document_body(received_at, title="关于调整机构编制的请示", from_unit="省教育厅",
                  kind="请示", urgent=False):
    """An incoming document (收文) to register."""
    return {"title": title, "from_unit": from_unit, "received_at": received_at.isoformat(),
            "urgent": urgent, "kind": kind}


class Organisation:
    """Builds divisions, staff and posts through the API, as an admin."""

    def __init__(self, api, admin_token):
        self.api, self.admin = api, admin_token

    def staff(self, role="staff", division_id=None, name=None):
        username = unique(role[:4])
        body = {"username": username, "password": PASSWORD, "name": name or username,
                "title": "科员", "phone": "0571-8700" + username[-4:], "role": role,
                "division_id": division_id}
        record = self.api.ok("POST", f"{V1}/staff", self.admin, body)
        record["token"] = self.api.login(username, PASSWORD)
        return record

    def post(self, division, holder, backups, title="综合岗", token=None):
        """A post held by ``holder`` with ``backups`` in takeover order."""
        return self.api.ok("POST", f"{V1}/posts", token or self.admin, {
            "title": title, "division_id": division["id"], "duties": ["职责"],
            "holder_id": holder["id"], "backup_ids": [b["id"] for b in backups]})

    def division(self):
        leader = self.staff("leader", name="分管领导")
        division = self.api.ok("POST", f"{V1}/divisions", self.admin,
                               {"name": "政府机构编制处", "code": unique("ZF"),
                                "leader_id": leader["id"]})
        head = self.staff("division_head", division["id"], name="处长")
        return division, leader, head


class Office:
    """A division with its supervising leader and head (处长), and staff by name:
    ``Office(api, a="张三", b="李四")`` gives ``o.a`` and ``o.b``, each a staff record with
    its ``token``. ``config`` is the services' (integration tests); ``set_now`` moves the
    clock the services read (in-process, or every process's through the gateway)."""

    def __init__(self, api, admin=None, *, config=None, set_now=None, **people):
        self.api, self.config = api, config
        self.admin = admin or api.login("admin", "admin")
        self.org = Organisation(api, self.admin)
        self.division, self.leader, self.head = self.org.division()
        for attribute, name in people.items():
            setattr(self, attribute, self.org.staff(division_id=self.division["id"], name=name))
        self.set_now = set_now or (lambda moment: api.set_clock(self.admin, moment))

    @classmethod
    def on(cls, api, day, **people):
        """An office of the system started as processes, every clock set to ``day``."""
        admin = api.login("admin", "admin")
        api.set_clock(admin, day)
        return cls(api, admin, **people)

    def new_post(self, holder, backups, title="综合岗"):
        return self.org.post(self.division, holder, backups, title)

    def raised(self, service, type_):
        """The data of every ``type_`` event ``service`` raised (from its outbox)."""
        return raised(self.config[f"XIAONENG_{service.upper()}_DATABASE_URL"], type_)

    def notice(self, person, start, **body):
        """``person`` files a leave-post notice (see :func:`notice_body`)."""
        return self.api.ok("POST", f"{V1}/leave-notices", person["token"],
                           notice_body(start, **body))

    def away(self, person, start, **body):
        """A notice of ``person``'s, approved by whoever the service says approves it."""
        filed = self.notice(person, start, **body)
        if filed["status"] != "pending":  # 30 minutes or less: recorded, no approval
            return filed
        approver = next(p for p in (self.head, self.leader) if p["id"] == filed["approver_id"])
        return self.api.ok("POST", f"{V1}/leave-notices/{filed['id']}/approve",
                           approver["token"])

    def document(self, received_at, assignee=None, due_date=None, by=None, **body):
        """A document registered (by ``by``, else the head) and, with ``assignee``, assigned
        by the head (分办)."""
        document = self.api.ok("POST", f"{V1}/documents", (by or self.head)["token"],
                               document_body(received_at, **body))
        if assignee is None:
            return document
        assignment = {"assignee_id": assignee["id"]}
        if due_date:
            assignment["due_date"] = due_date
        return self.api.ok("POST", f"{V1}/documents/{document['id']}/assign",
                           self.head["token"], assignment)
