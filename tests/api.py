"""A small HTTP client for the gateway, shared by the integration and e2e tests."""

import uuid

import requests


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
        response = self.request("POST", "/api/v1/auth/token",
                                json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def ok(self, method, path, token=None, json=None, status=(200, 201), **kw):
        response = self.request(method, path, token, json, **kw)
        assert response.status_code in status, f"{method} {path}: {response.text}"
        return response.json()


def unique(prefix):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


class Organisation:
    """Builds a division with a leader, a head and staff through the API."""

    def __init__(self, api, admin_token):
        self.api, self.admin = api, admin_token

    def staff(self, role="staff", division_id=None, name=None):
        username = unique(role[:4])
        body = {"username": username, "password": "password-123", "name": name or username,
                "title": "科员", "phone": "0571-8700" + username[-4:], "role": role,
                "division_id": division_id}
        record = self.api.ok("POST", "/api/v1/staff", self.admin, body)
        record["token"] = self.api.login(username, "password-123")
        return record

    def post(self, division, holder, backups, title="综合岗", token=None):
        """A post held by ``holder`` with ``backups`` in takeover order."""
        return self.api.ok("POST", "/api/v1/posts", token or self.admin, {
            "title": title, "division_id": division["id"], "duties": ["职责"],
            "holder_id": holder["id"], "backup_ids": [b["id"] for b in backups]})

    def division(self):
        leader = self.staff("leader", name="分管领导")
        division = self.api.ok("POST", "/api/v1/divisions", self.admin,
                               {"name": "政府机构编制处", "code": unique("ZF"),
                                "leader_id": leader["id"]})
        head = self.staff("division_head", division["id"], name="处长")
        return division, leader, head
