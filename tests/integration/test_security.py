"""README "Security": sign-in throttling held by posts (so every gateway counts the same
attempts), client addresses behind trusted proxies only, /metrics for its allow-list, and
the audit trail of every successful write."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from eventlet import GreenPool

from chassis.config import Settings
from chassis.db import make_engine
from gateway.auth import issue_token
from gateway.service import GatewayService
from services.accountability.service import AccountabilityService
from services.inquiries.service import InquiriesService
from services.posts.models import Staff
from services.posts.service import PostsService
from tests.api import V1, Api, Organisation, error
from tests.helpers import free_port, wait_until


def sign_in(api, username, password, address=None):
    """A sign-in, from ``address`` when the gateway trusts the caller as its proxy."""
    return api.request("POST", f"{V1}/auth/token",
                       json={"username": username, "password": password},
                       headers={"X-Forwarded-For": address} if address else {})


@pytest.fixture
def office(behind_gateway):
    api, config = behind_gateway(PostsService)
    org = Organisation(api, api.login("admin", "admin"))
    division, _, _ = org.division()
    org.person = lambda: org.staff(division_id=division["id"])
    return api, org, config


def proxied_gateway(runner_factory, config):
    """Another gateway on the same services, behind a proxy (this test) it trusts."""
    port = free_port()
    runner_factory({**config, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                    "XIAONENG_TRUSTED_PROXIES": "127.0.0.1"}, GatewayService).start()
    return Api(f"http://127.0.0.1:{port}")


ATTACKER, VICTIM = "198.51.100.66", "198.51.100.7"


def test_five_wrong_passwords_lock_out_that_address_not_the_owner_on_every_gateway(
        office, runner_factory, set_now):
    api, org, config = office
    first, second = (proxied_gateway(runner_factory, config) for _ in range(2))
    person, other = org.person(), org.person()
    for _ in range(5):
        assert error(sign_in(first, person["username"], "guess-123", ATTACKER)) == (
            401, "invalid_credentials")
    locked = sign_in(first, person["username"], "password-123", ATTACKER)  # the right one
    assert error(locked) == (429, "too_many_attempts")
    assert locked.json()["error"]["details"]["retry_after_seconds"] == 900
    # every gateway counts the same attempts; the owner at their own desk is not locked out
    assert error(sign_in(second, person["username"], "password-123", ATTACKER)) == (
        429, "too_many_attempts")
    assert sign_in(second, person["username"], "password-123", VICTIM).status_code == 200
    assert sign_in(first, other["username"], "password-123", ATTACKER).status_code == 200

    set_now(datetime.now(UTC) + timedelta(minutes=15, seconds=5))
    assert sign_in(first, person["username"], "password-123", ATTACKER).status_code == 200


def test_spraying_guesses_over_many_usernames_from_one_address_is_stopped(
        office, runner_factory):
    api, org, config = office
    gateway = proxied_gateway(runner_factory, config)
    answers = [sign_in(gateway, f"user-{n}", "Password1!", ATTACKER).status_code
               for n in range(21)]  # four guesses or fewer per name: never five for one
    assert answers == [401] * 20 + [429]
    person = org.person()
    assert error(sign_in(gateway, person["username"], "password-123", ATTACKER)) == (
        429, "too_many_attempts")
    assert sign_in(gateway, person["username"], "password-123", VICTIM).status_code == 200


def test_concurrent_guesses_are_counted_before_the_password_is_checked(office):
    api, org, _ = office
    person = org.person()
    answers = sorted(GreenPool().imap(
        lambda _: sign_in(api, person["username"], "guess-123").status_code, range(12)))
    assert answers == [401] * 5 + [429] * 7


def test_refused_and_throttled_sign_ins_are_audited_with_the_username_and_address(
        behind_gateway, runner_factory):
    api, config = behind_gateway(PostsService, AccountabilityService)
    gateway = proxied_gateway(runner_factory, config)
    for _ in range(6):
        sign_in(gateway, "nobody-here", "guess-123", ATTACKER)
    admin = api.login("admin", "admin")

    def tried():
        return [(e["status"], e["username"], e["client"], e["path"]) for e in api.ok(
            "GET", f"{V1}/audit?limit=500", admin)["items"] if e["username"] == "nobody-here"]
    found = wait_until(lambda: len(found := tried()) == 6 and found, timeout=15)
    assert sorted(found) == sorted([(401, "nobody-here", ATTACKER, f"{V1}/auth/token")] * 5
                                   + [(429, "nobody-here", ATTACKER, f"{V1}/auth/token")])


def test_a_right_password_clears_earlier_failures_and_unknown_names_count_too(office):
    api, org, _ = office
    person = org.person()
    for _ in range(4):
        sign_in(api, person["username"], "guess-123")
    assert sign_in(api, person["username"], "password-123").status_code == 200
    for _ in range(4):  # four more: still not five in a row
        sign_in(api, person["username"], "guess-123")
    assert sign_in(api, person["username"], "password-123").status_code == 200
    for _ in range(5):
        sign_in(api, "nobody-here", "guess-123")
    assert error(sign_in(api, "nobody-here", "guess-123")) == (429, "too_many_attempts")


def test_wrong_current_passwords_count_as_failed_sign_ins(office):
    api, org, _ = office
    person = org.person()
    change = {"old_password": "guess-1234", "new_password": "another-secret"}
    for _ in range(5):
        assert error(api.request("PUT", f"{V1}/me/password", person["token"], change)) == (
            403, "wrong_password")
    assert error(api.request("PUT", f"{V1}/me/password", person["token"], {
        **change, "old_password": "password-123"})) == (429, "too_many_attempts")
    assert error(sign_in(api, person["username"], "password-123")) == (429, "too_many_attempts")


@pytest.fixture
def complaints(behind_gateway, runner_factory):
    """One posts and one inquiries (so one count per address), and two gateways: one
    trusting nobody, one behind a proxy."""
    untrusted, config = behind_gateway(PostsService, InquiriesService,
                                       XIAONENG_COMPLAINT_RATE="2")
    port = free_port()
    runner_factory({**config, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                    "XIAONENG_TRUSTED_PROXIES": "127.0.0.1,10.9.9.9"}, GatewayService).start()
    return untrusted, Api(f"http://127.0.0.1:{port}")


def file_complaints(api, forwarded_for, count=3):
    return [api.request("POST", f"{V1}/public/complaints", headers={
        "X-Forwarded-For": forwarded_for}, json={"category": "attitude",
                                                 "description": "态度生硬"}).status_code
            for _ in range(count)]


def test_forwarded_for_counts_only_from_a_trusted_proxy(complaints):
    untrusted, behind_proxy = complaints
    # a client naming other addresses is still itself: the third is over the limit
    assert [file_complaints(untrusted, f"10.0.0.{i}", 1)[0] for i in range(3)] == [
        201, 201, 429]

    assert file_complaints(behind_proxy, "198.51.100.7", 3) == [201, 201, 429]
    # each client behind the proxy has its own limit; a forged hop before it is ignored
    assert file_complaints(behind_proxy, "1.2.3.4, 198.51.100.8, 10.9.9.9", 2) == [201, 201]
    assert file_complaints(behind_proxy, "198.51.100.8", 1) == [429]


def test_a_concurrent_burst_of_complaints_never_exceeds_the_limit(complaints):
    _, behind_proxy = complaints
    answers = sorted(GreenPool().imap(
        lambda _: file_complaints(behind_proxy, "203.0.113.9", 1)[0], range(12)))
    assert answers == [201, 201] + [429] * 10


def test_metrics_answer_only_the_allowed_addresses(behind_gateway):
    api, _ = behind_gateway(PostsService)
    assert api.request("GET", "/metrics").status_code == 200
    hidden, _ = behind_gateway(PostsService, XIAONENG_METRICS_ALLOW="10.1.1.1")
    response = hidden.request("GET", "/metrics")
    assert error(response) == (404, "not_found")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # a forwarded address counts only behind a trusted proxy
    assert hidden.request("GET", "/metrics", headers={
        "X-Forwarded-For": "10.1.1.1"}).status_code == 404
    proxied, _ = behind_gateway(PostsService, XIAONENG_METRICS_ALLOW="10.1.1.1",
                                XIAONENG_TRUSTED_PROXIES="127.0.0.1")
    assert proxied.request("GET", "/metrics", headers={
        "X-Forwarded-For": "10.1.1.1"}).status_code == 200


def test_every_successful_write_is_in_the_audit_trail(behind_gateway):
    api, _ = behind_gateway(PostsService, AccountabilityService)
    admin = api.login("admin", "admin")
    org = Organisation(api, admin)
    start = datetime.now(UTC)
    division, _, _ = org.division()
    person = org.staff(division_id=division["id"])
    refused = api.request("POST", f"{V1}/staff", admin, {"username": ""})
    assert refused.status_code == 422
    renamed = api.request("PUT", f"{V1}/staff/{person['id']}", admin, {"title": "主任科员"},
                          headers={"X-Correlation-Id": "audit-check-1"})
    assert renamed.status_code == 200

    def trail(query=""):
        return api.ok("GET", f"{V1}/audit{query}", admin)["items"]
    wait_until(lambda: len([e for e in trail() if e["method"] != "GET"]) >= 2,
               message="the writes are recorded")
    entries = trail(f"?actor_id={org_admin_id(api, admin)}")
    patch = next(e for e in entries if e["method"] == "PUT")
    assert patch == {"id": patch["id"], "at": patch["at"],
                     "actor_id": org_admin_id(api, admin), "role": "admin",
                     "method": "PUT", "path": f"{V1}/staff/{person['id']}",
                     "status": 200, "correlation_id": "audit-check-1", "username": None,
                     "client": "127.0.0.1"}
    assert trail("?correlation_id=audit-check-1") == [patch]
    assert [e["method"] for e in entries][:2] == ["PUT", "POST"]  # newest first
    assert all(e["status"] < 400 for e in trail())  # the refused write is not there
    # a sign-in (a public write) is recorded with whom it signed in
    assert any(e["path"] == f"{V1}/auth/token" and e["username"] == person["username"]
               and e["actor_id"] == person["id"] for e in trail())
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert trail(f"?from={later.replace('+', '%2B')}") == []
    assert len(trail(f"?from={start.isoformat().replace('+', '%2B')}")) >= 2
    assert error(api.request("GET", f"{V1}/audit", person["token"])) == (403, "wrong_role")
    assert error(api.request("GET", f"{V1}/audit?from=yesterday", admin)) == (
        422, "validation_error")


def org_admin_id(api, token):
    return api.ok("GET", f"{V1}/me", token)["id"]


def test_a_sign_in_renews_a_hash_made_with_older_parameters(office):
    api, org, config = office
    person = org.person()
    engine = make_engine(config["XIAONENG_POSTS_DATABASE_URL"])
    with engine.begin() as conn:  # as argon2-cffi's 64 MiB default made it
        conn.execute(sa.update(Staff).where(Staff.id == person["id"]).values(
            password_hash=PasswordHasher().hash("password-123")))

    assert sign_in(api, person["username"], "password-123").status_code == 200
    with engine.connect() as conn:
        renewed = conn.scalar(sa.select(Staff.password_hash).where(Staff.id == person["id"]))
    engine.dispose()
    assert renewed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert sign_in(api, person["username"], "password-123").status_code == 200


def test_a_gateway_that_has_not_loaded_the_revocations_refuses_signed_in_routes(
        runner_factory, service_config):
    """Fail closed: until posts has told it which tokens no longer count, a gateway is not
    ready and answers 503 rather than accept the token of someone who left."""
    port = free_port()
    config = service_config("posts", WEB_SERVER_ADDRESS=f"127.0.0.1:{port}",
                            XIAONENG_GATEWAY_PORT=str(port), XIAONENG_RPC_TIMEOUT="1",
                            XIAONENG_SERVICES="posts")
    runner_factory(config, GatewayService).start()
    api = Api(f"http://127.0.0.1:{port}")
    token = issue_token(Settings.from_mapping(config), {"id": "someone", "role": "staff"})
    assert error(api.request("GET", f"{V1}/me", token["access_token"])) == (
        503, "service_unavailable")
    assert api.request("GET", "/readyz").json()["revocations"] == "not loaded"
    runner_factory(config, PostsService).start()
    wait_until(lambda: api.request("GET", "/readyz").status_code == 200, timeout=10)
    assert error(api.request("GET", f"{V1}/me", token["access_token"])) == (
        404, "staff_not_found")  # past the revocations: an unknown person


def test_production_refuses_a_broker_user_tagged_administrator(rabbit_config):
    """Real broker users: an administrator may create users and grant itself anything, so
    no production process connects as one; a party's own user is fine; one whose tags the
    management API does not tell is refused too."""
    import requests

    from chassis.config import check_production

    api, auth, vhost = "http://127.0.0.1:15672/api", ("guest", "guest"), rabbit_config["vhost"]
    created = []

    def production(name, tags, **more):
        requests.put(f"{api}/users/{name}", auth=auth, timeout=10, json={
            "password": "a-long-broker-password", "tags": tags}).raise_for_status()
        requests.put(f"{api}/permissions/{vhost}/{name}", auth=auth, timeout=10, json={
            "configure": "^$", "write": "^$", "read": "^$"}).raise_for_status()
        created.append(name)
        return Settings.from_mapping({
            "XIAONENG_ENV": "production", "XIAONENG_JWT_SECRET": "x" * 40,
            "XIAONENG_ADMIN_PASSWORD": "a-long-one",
            "AMQP_URI": f"amqp://{name}:a-long-broker-password@127.0.0.1:5672/{vhost}",
            **more})

    try:
        with pytest.raises(RuntimeError, match="administrator"):
            check_production(production(f"{vhost}-admin", "administrator"))
        check_production(production(f"{vhost}-posts", ""))
        with pytest.raises(RuntimeError, match="could not be checked"):
            check_production(production(f"{vhost}-away", "", XIAONENG_BROKER_MANAGEMENT_URL=(
                f"http://127.0.0.1:{free_port()}")))
    finally:
        for name in created:
            requests.delete(f"{api}/users/{name}", auth=auth, timeout=10)
