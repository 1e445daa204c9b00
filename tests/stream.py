"""A stream of business facts through the gateways, and the count of what was lost or
doubled: what tests/faults and tests/cluster share.

Through the gateways documents are assigned and then made overdue by the test clock,
leave-post notices approved and returned (handovers started and ended), complaints
concluded as substantiated. What is expected is read from the services that own the
facts (a create the client had to repeat may exist twice there, and then both count):
every overdue document and every substantiated complaint is exactly one violation, every
started absence exactly one handover (ended when the absence ended), every person one
open case, every serious case one leader case, every assigned document one notification to
its assignee; no outbox row is left unpublished and nothing is parked.
"""

import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta

import requests
import sqlalchemy as sa

from chassis.clock import OFFICE_TZ
from contracts import SERVICES
from tests.api import V1, Api, Organisation, document_body, notice_body

DAY = datetime(2026, 12, 14, 9, 0, tzinfo=OFFICE_TZ)  # a Monday; the next day works too


class Client:
    """Calls through the gateways in turn; what failed for a fault is tried again."""

    def __init__(self, urls):
        self.apis = [Api(url) for url in urls]
        self.turn = 0
        self.retries = Counter()
        self.lock = threading.Lock()

    def call(self, method, path, token=None, body=None, deadline=180):
        """The answer's JSON; ``None`` when it was done already (409): by an earlier attempt
        of ours, or by the service itself — a request whose reply was lost to a broker
        restart is delivered again, and its second run finds the work done."""
        give_up, attempt = time.monotonic() + deadline, 0
        while True:
            with self.lock:
                api, self.turn = self.apis[self.turn % len(self.apis)], self.turn + 1
            attempt += 1
            try:
                response = api.request(method, path, token, body)
                if response.status_code < 300:
                    return response.json()
                if response.status_code == 409:
                    with self.lock:
                        self.retries["409 " + response.json()["error"]["code"]] += 1
                    return None
                if response.status_code < 500:
                    raise AssertionError(f"{method} {path}: {response.text}")
                reason = response.json()["error"]["code"]
            except requests.RequestException as exc:
                reason = type(exc).__name__
            if time.monotonic() > give_up:
                raise AssertionError(f"{method} {path} kept failing: {reason}")
            with self.lock:
                self.retries[reason] += 1
            time.sleep(0.5)


class Stream:
    """The facts: ``documents`` assigned to ``clerks`` (then overdue), ``holders`` each on
    leave ``rounds`` times with a backup taking over, ``complaints`` concluded as
    substantiated. ``step()`` is called after each of :attr:`steps` steps (faults fire
    from it)."""

    def __init__(self, client, documents, holders, rounds, complaints, clerks):
        self.client = client
        self.documents, self.holders_count, self.rounds = documents, holders, rounds
        self.complaints, self.clerks_count = complaints, clerks

    @property
    def steps(self):
        return self.documents * 2 + self.holders_count * self.rounds * 5 + self.complaints * 3

    @property
    def facts(self):
        return self.documents * 2 + self.holders_count * self.rounds * 2 + self.complaints

    def prepare(self):
        """The test clock on :data:`DAY`, a division, its head, holders with a backup each,
        clerks."""
        client = self.client
        self.admin = client.apis[0].login("admin", "admin")
        client.call("POST", f"{V1}/admin/clock", self.admin, {"now": DAY.isoformat()})
        org = Organisation(client.apis[0], self.admin)
        self.division, _, self.head = org.division()
        n = self.holders_count
        people = [org.staff(division_id=self.division["id"])
                  for _ in range(2 * n + self.clerks_count)]
        self.holders, backups, self.clerks = people[:n], people[n:2 * n], people[2 * n:]
        self.posts = [org.post(self.division, a, [b])
                      for a, b in zip(self.holders, backups, strict=True)]
        return self

    def run(self, step):
        """Every fact, side by side; the seconds it took."""
        client, head, started = self.client, self.head, time.monotonic()

        def document(i):
            doc = client.call("POST", f"{V1}/documents", head["token"],
                              document_body(DAY, title=f"关于第{i}号事项的请示",
                                            from_unit="省某厅"))
            step()
            client.call("POST", f"{V1}/documents/{doc['id']}/assign", head["token"], {
                "assignee_id": self.clerks[i % len(self.clerks)]["id"],
                "due_date": DAY.date().isoformat()})
            step()

        def absences(holder, post):
            for _ in range(self.rounds):
                now = DAY + timedelta(seconds=time.monotonic() - started)
                notice = client.call("POST", f"{V1}/leave-notices", holder["token"],
                                     notice_body(now - timedelta(minutes=1))) \
                    or open_notice(holder)
                step()
                client.call("POST", f"{V1}/leave-notices/{notice['id']}/approve",
                            head["token"], {})
                step()
                wait_for_post(post, holder, "covered")
                step()
                client.call("POST", f"{V1}/leave-notices/{notice['id']}/return",
                            holder["token"], {})
                step()
                wait_for_post(post, holder, "normal")
                step()

        def open_notice(holder):
            listed = client.call(
                "GET", f"{V1}/leave-notices?staff_id={holder['id']}&status=pending",
                holder["token"])
            [notice] = listed["items"]
            return notice

        def wait_for_post(post, holder, state, timeout=180):
            give_up = time.monotonic() + timeout
            while client.call("GET", f"{V1}/posts/{post['id']}",
                              holder["token"])["state"] != state:
                assert time.monotonic() < give_up, f"post {post['id']} never became {state}"
                time.sleep(0.3)

        def complaint(i):
            clerk = self.clerks[i % len(self.clerks)]
            filed = client.call("POST", f"{V1}/public/complaints", body={
                "staff_id": clerk["id"], "category": "attitude",
                "description": f"态度生硬 {i}"})
            step()
            client.call("POST", f"{V1}/complaints/{filed['id']}/investigate", head["token"],
                        {})
            step()
            client.call("POST", f"{V1}/complaints/{filed['id']}/conclude", head["token"], {
                "finding": "substantiated", "reply": "经核查属实", "staff_id": clerk["id"]})
            step()

        with ThreadPoolExecutor(max_workers=self.holders_count + 12) as pool:
            work = [pool.submit(absences, h, p)
                    for h, p in zip(self.holders, self.posts, strict=True)]
            work += [pool.submit(document, i) for i in range(self.documents)]
            work += [pool.submit(complaint, i) for i in range(self.complaints)]
            for future in work:
                future.result()
        return time.monotonic() - started

    def flood(self, databases, timeout=120):
        """The next working day: every document is overdue at once. Returns once a quarter
        of them are violations (the seconds that took)."""
        self.client.call("POST", f"{V1}/admin/clock", self.admin,
                         {"now": (DAY + timedelta(days=1)).isoformat()})
        started = time.monotonic()
        while count(databases["accountability"], "violations") \
                < self.complaints + self.documents // 4:
            assert time.monotonic() - started < timeout, "the overdue flood never started"
            time.sleep(0.2)
        return time.monotonic() - started


@contextmanager
def owners(e2e_databases):
    """An engine on every service's database (one connection each)."""
    databases = {s: sa.create_engine(e2e_databases[f"XIAONENG_{s.upper()}_DATABASE_URL"],
                                     pool_pre_ping=True, pool_size=1, max_overflow=0)
                 for s in SERVICES}
    try:
        yield databases
    finally:
        for engine in databases.values():
            engine.dispose()


def settle(databases, parked, timeout=240):
    """Checks until nothing is lost, doubled or unsettled, or ``timeout`` passed: the last
    outcome and the seconds it took."""
    started = time.monotonic()
    while True:
        outcome = check(databases, parked)
        if outcome["lost"] == 0 and outcome["doubled"] == 0 and outcome["unsettled"] == 0:
            break
        if time.monotonic() - started > timeout:
            break
        time.sleep(1)
    return outcome, time.monotonic() - started


@contextmanager
def supervised(system):
    """The launcher's supervisor every half second, in a thread; what it said is in
    ``system.said``."""
    stop = threading.Event()
    system.said = []

    def say(text, **_):
        system.said.append(text)
        print(f"[supervisor] {text}", flush=True)

    def supervise():
        while not stop.wait(0.5):
            system.supervise(say=say)
    supervisor = threading.Thread(target=supervise, daemon=True)
    supervisor.start()
    try:
        yield system
    finally:
        stop.set()
        supervisor.join()


def count(engine, table):
    try:
        with engine.connect() as conn:
            return conn.scalar(sa.text(f"SELECT count(*) FROM {table}"))
    except sa.exc.OperationalError:  # busy or coming back: ask again
        return 0


def rows(engine, query):
    with engine.connect() as conn:
        return conn.execute(sa.text(query)).all()


def check(databases, parked):
    """What the owners say happened against what accountability and posts hold;
    ``parked()`` lists what waits in the parked queue."""
    try:
        return _check(databases, parked)
    except sa.exc.OperationalError as exc:  # the database is still coming back
        return {"lost": -1, "doubled": -1, "unsettled": -1, "details": {"db": str(exc)[:200]},
                "violations": 0, "handovers": 0, "cases": 0}


def _check(databases, parked):
    details, lost, doubled = {}, 0, 0
    overdue = {r[0] for r in rows(databases["documents"],
                                  "SELECT id FROM documents WHERE status = 'assigned'")}
    substantiated = {r[0] for r in rows(databases["inquiries"],
                                        "SELECT id FROM complaints "
                                        "WHERE status = 'substantiated'")}
    violations = rows(databases["accountability"],
                      "SELECT kind, details, case_id, staff_id FROM violations")
    by_fact = Counter()
    for kind, data, _, _ in violations:
        data = data if isinstance(data, dict) else json.loads(data)
        by_fact[(kind, data.get("document_id") or data.get("complaint_id"))] += 1
    expected = {("overdue", d) for d in overdue} | {("complaint", c) for c in substantiated}
    missing = expected - set(by_fact)
    twice = {fact: n for fact, n in by_fact.items() if n > 1}
    strange = set(by_fact) - expected
    lost += len(missing)
    doubled += sum(n - 1 for n in twice.values())
    if missing or twice or strange:
        details["violations"] = {"missing": len(missing), "twice": len(twice),
                                 "unexpected": sorted(map(str, strange))[:5]}

    started = {r[0]: r[1] for r in rows(databases["attendance"],
                                        "SELECT id, returned_at FROM absences "
                                        "WHERE started_at IS NOT NULL")}
    handovers = rows(databases["posts"], "SELECT absence_id, ended_at FROM handovers")
    per_absence = Counter(a for a, _ in handovers)
    ended = {a for a, e in handovers if e is not None}
    missing_h = set(started) - set(per_absence)
    twice_h = {a: n for a, n in per_absence.items() if n > 1}
    not_ended = {a for a, returned in started.items() if returned and a not in ended}
    lost += len(missing_h) + len(not_ended)
    doubled += sum(n - 1 for n in twice_h.values())
    if missing_h or twice_h or not_ended:
        details["handovers"] = {"missing": len(missing_h), "twice": len(twice_h),
                                "not_ended": len(not_ended)}

    assigned = {(r[0], r[1]) for r in rows(databases["documents"],
                                           "SELECT id, assignee_id FROM documents "
                                           "WHERE assignee_id IS NOT NULL")}
    told = Counter((r[0].rsplit("/", 1)[-1], r[1]) for r in rows(
        databases["notifications"],
        "SELECT link, staff_id FROM notifications WHERE kind = 'document'"))
    untold, told_twice = assigned - set(told), {k: n for k, n in told.items() if n > 1}
    lost += len(untold)
    doubled += sum(n - 1 for n in told_twice.values())
    if untold or told_twice:
        details["notifications"] = {"untold": len(untold), "twice": len(told_twice)}

    cases = rows(databases["accountability"],
                 "SELECT id, staff_id, kind, status, leader_case_id, linked_case_id FROM cases")
    personal = Counter(s for _, s, k, status, _, _ in cases
                       if k == "personal" and status == "open")
    people_at_fault = {staff for *_, staff in violations}
    case_ids = {c[0] for c in cases}
    unfiled = sum(1 for _, _, case_id, _ in violations if case_id not in case_ids)
    leader_refs = Counter(c[4] for c in cases if c[4])
    leader_cases = {c[0] for c in cases if c[2] == "leader_responsibility"}
    lost += unfiled + len(people_at_fault - set(personal)) + len(set(leader_refs) - leader_cases)
    doubled += sum(n - 1 for n in personal.values() if n > 1) \
        + sum(n - 1 for n in leader_refs.values() if n > 1) + len(leader_cases - set(leader_refs))
    if unfiled or set(personal) != people_at_fault or set(leader_refs) != leader_cases \
            or any(n > 1 for n in personal.values()):
        details["cases"] = {"unfiled violations": unfiled,
                            "open personal cases": dict(Counter(personal.values())),
                            "leader cases": len(leader_cases), "referenced": len(leader_refs)}

    unpublished = sum(count_unpublished(engine) for engine in databases.values())
    parked_now = len(parked())
    if unpublished or parked_now:
        details["pipeline"] = {"unpublished outbox rows": unpublished, "parked": parked_now}
    return {"lost": lost, "doubled": doubled, "unsettled": unpublished + parked_now,
            "details": details, "violations": len(violations), "handovers": len(handovers),
            "cases": len(cases)}


def count_unpublished(engine):
    with engine.connect() as conn:
        return conn.scalar(sa.text("SELECT count(*) FROM outbox WHERE published_at IS NULL"))


def outcome_figures(outcome, client):
    """The figures a stream run ends its line with, alike for the faults and the cluster."""
    return (f"violations={outcome['violations']} handovers={outcome['handovers']} "
            f"cases={outcome['cases']} client_retries={sum(client.retries.values())} "
            f"({dict(client.retries)})")
