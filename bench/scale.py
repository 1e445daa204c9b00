"""The lists, the to-do, an appraisal, the statistics and an export over a province-sized
office, on PostgreSQL, through the gateway.

    python -m bench.scale [--scale 1.0] [--requests 40]

1,000 staff in 40 divisions (posts' tables and every service's copies of them), and at
``--scale 1``: 200,000 documents, 50,000 absences, 50,000 inquiries and 50,000
applications, 50,000 violations with their cases, and what the appraisal and the
statistics count of them (achievements, the daily and monthly counters). Everything is
loaded into each service's own tables after its migrations, with multi-row inserts through
its models — no API, no events; every deadline already warned and reported, so the scans
find nothing to do while the queries run. Then the system starts on those databases and each query
is asked once (its time printed apart: a process's first such request builds schemas and
plans and reads cold pages), then ``--requests`` times at concurrency 1: p50 and p99 per
query, the xlsx export of
every person's appraisal (seconds), the peak RSS of every process, and the summary lines
``make bench`` ends with. The head of the first division has 200 received documents to
assign (their to-do); nothing else of that division waits for them.
"""

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import requests
import sqlalchemy as sa

from bench.events import drop_databases, postgres_databases
from bench.gateway import free_port, peak_rss
from chassis.clock import OFFICE_TZ
from chassis.db import make_engine
from contracts import SERVICES
from contracts.vocabulary import LEAVE_KINDS, VIOLATION_KINDS
from services.accountability import models as accountability
from services.attendance import models as attendance
from services.documents import models as documents
from services.inquiries import models as inquiries
from services.posts import models as posts
from services.posts.passwords import hash_password
from xiaoneng.launcher import System
from xiaoneng.migrate import migrate_all
from xiaoneng.vhosts import scratch_vhost

V1 = "/api/v1"
PASSWORD = "password-123"
DIVISIONS, STAFF = 40, 1000
SIZES = {"documents": 200_000, "absences": 50_000, "inquiries": 50_000,
         "applications": 50_000, "violations": 50_000}
WAITING = 200  # received documents the first division's head has to assign
CHUNK = 5_000
NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = NOW.astimezone(OFFICE_TZ).date()
YEAR = TODAY.year
SPAN = timedelta(days=3 * 365)  # the data's dates: the three years before now

rng = random.Random(35)


def new_id():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def some_time():
    return NOW - timedelta(seconds=rng.randrange(int(SPAN.total_seconds())))


def office_day(moment):
    return moment.astimezone(OFFICE_TZ).date()


class Office:
    """The organisation: divisions with a head and 24 staff each, a few leaders."""

    def __init__(self):
        self.divisions = [{"id": new_id(), "name": f"第{i + 1}处", "code": f"D{i + 1:02d}"}
                          for i in range(DIVISIONS)]
        self.staff, self.members = [], {}
        per = STAFF // DIVISIONS
        for d, division in enumerate(self.divisions):
            for i in range(per):
                role = "division_head" if i == 0 else "staff"
                person = {"id": new_id(), "username": f"s{d:02d}{i:02d}",
                          "name": f"员工{d:02d}{i:02d}", "title": "科员", "phone": "0571",
                          "division_id": division["id"], "role": role}
                if i == 0:
                    division["head_id"] = person["id"]
                self.staff.append(person)
        leaders = [p for p in self.staff if p["role"] == "staff"][::per * 8][:5]
        for leader in leaders:
            leader["role"] = "leader"
        for d, division in enumerate(self.divisions):
            division["leader_id"] = leaders[d % len(leaders)]["id"]
        self.division_of = {p["id"]: p["division_id"] for p in self.staff}
        self.heads = {d["id"]: d["head_id"] for d in self.divisions}
        for person in self.staff:
            if person["role"] == "staff":
                self.members.setdefault(person["division_id"], []).append(person["id"])
        self.first = self.divisions[0]
        self.others = [p for division in self.divisions[1:] for p in self.members[division["id"]]]

    def someone(self, anywhere=True):
        """A staff member (not a head or leader); ``anywhere`` False: outside the first
        division, whose head's to-do is the one measured."""
        if anywhere:
            division = rng.choice(self.divisions)
            return rng.choice(self.members[division["id"]])
        return rng.choice(self.others)

    def head_of(self, staff_id):
        return self.heads[self.division_of[staff_id]]


def insert(conn, table, rows):
    """Multi-row inserts of ``rows`` (dicts; keys the table lacks are left out, a key only
    some rows of a batch have is None in the others)."""
    names, batch = set(table.c.keys()), []

    def flush():
        keys = {k for row in batch for k in row}
        conn.execute(table.insert(), [{k: row.get(k) for k in keys} for row in batch])
        batch.clear()
    for row in rows:
        batch.append({k: v for k, v in row.items() if k in names})
        if len(batch) == CHUNK:
            flush()
    if batch:
        flush()


class Loader:
    """Fills every service's database; counts what it loaded (``counts``), the statistics'
    counters and the appraisal's achievements of what the others hold, and keeps the ids
    the queries need (``found``)."""

    def __init__(self, urls, office, scale):
        self.office, self.counts, self.found = office, Counter(), {}
        self.engines = {service: make_engine(urls[f"XIAONENG_{service.upper()}_DATABASE_URL"])
                        for service in SERVICES}
        self.sizes = {k: max(1, round(v * scale)) for k, v in SIZES.items()}
        self.tallies, self.achievements = Counter(), []

    def load(self):
        for step in (self.organisation, self.documents, self.absences, self.inquiries,
                     self.accountability):
            step()
        for engine in self.engines.values():
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))
            engine.dispose()
        return self.counts, self.found

    def tally(self, figure, moment, division_id):
        """One more of ``figure`` on the office day of ``moment`` (a datetime or a date)."""
        day = moment if not isinstance(moment, datetime) else office_day(moment)
        self.tallies[(day, division_id, figure)] += 1

    def organisation(self):
        """Posts' divisions, staff (one password for all) and posts; the others' copies."""
        office, hashed = self.office, hash_password(PASSWORD)
        with self.engines["posts"].begin() as conn:
            insert(conn, posts.Division.__table__, office.divisions)
            insert(conn, posts.Staff.__table__, (
                {**p, "password_hash": hashed, "active": True} for p in office.staff))
            insert(conn, posts.Post.__table__, ({
                "id": new_id(), "title": f"{p['name']}岗", "division_id": p["division_id"],
                "duties": ["办文", "接待"], "holder_id": p["id"]} for p in office.staff))
        for service, models in (("accountability", accountability),
                                ("attendance", attendance), ("documents", documents),
                                ("inquiries", inquiries)):
            with self.engines[service].begin() as conn:
                insert(conn, models.StaffView.__table__, ({
                    **p, "staff_id": p["id"], "active": True} for p in office.staff))
                insert(conn, models.DivisionView.__table__, ({
                    **d, "division_id": d["id"]} for d in office.divisions))
                if service == "attendance":
                    insert(conn, attendance.PostView.__table__, ({
                        "post_id": new_id(), "title": f"{p['name']}岗", "holder_id": p["id"],
                        "division_id": p["division_id"]} for p in office.staff))

    def documents(self):
        """The first division's head's received documents, then documents assigned over
        three years: most completed, some overdue (already reported), the rest open."""
        first = self.office.first
        rows = [{"id": new_id(), "title": f"待分办文件{i}", "from_unit": "省某厅", "kind": "函",
                 "urgent": False, "received_at": NOW - timedelta(hours=i),
                 "division_id": first["id"], "registered_by": first["head_id"],
                 "status": "received"} for i in range(WAITING)]
        rows += [self.document(i) for i in range(self.sizes["documents"])]
        with self.engines["documents"].begin() as conn:
            insert(conn, documents.Document.__table__, rows)
        self.found["document"] = rows[len(rows) // 2]["id"]
        self.found["assignee"] = rows[WAITING]["assignee_id"]
        self.counts["documents"] = len(rows)

    def document(self, i):
        office, received = self.office, some_time()
        assignee = office.someone()
        division_id = office.division_of[assignee]
        assigned = received + timedelta(hours=rng.randrange(1, 48))
        due = office_day(assigned) + timedelta(days=14)
        row = {"id": new_id(), "title": f"关于某事项的函{i}", "from_unit": "省某厅", "kind": "函",
               "urgent": rng.random() < 0.1, "received_at": received,
               "division_id": division_id, "registered_by": assignee,
               "status": "assigned", "assignee_id": assignee, "assigned_at": assigned,
               "due_date": due, "assigned_by": office.head_of(assignee),
               "warned_for": due, "overdue_for": due if due < TODAY else None}
        self.tally("documents.assigned", assigned, division_id)
        if due < TODAY and rng.random() < 0.9:
            completed_on = min(TODAY, due + timedelta(days=rng.randrange(-10, 3)))
            timing = "on_time" if completed_on <= due else "late"
            row.update(status="completed", result="已办结", completed_by=assignee,
                       completed_on=completed_on)
            self.tally(f"documents.completed_{timing}", completed_on, division_id)
            self.achievements.append((assignee, completed_on.year, f"document_{timing}"))
        elif due < TODAY:
            self.tally("documents.overdue_open", due, division_id)
        return row

    def absences(self):
        rows = [self.absence(i) for i in range(self.sizes["absences"])]
        with self.engines["attendance"].begin() as conn:
            insert(conn, attendance.Absence.__table__, rows)
        self.found["absentee"] = rows[0]["staff_id"]
        self.counts["absences"] = len(rows)

    def absence(self, i):
        """A notice (hours) or a leave request (days), approved by the person's head and
        reported back; pending for the last three days outside the first division."""
        office = self.office
        person = office.someone(anywhere=i % 5 != 0)
        notice = rng.random() < 0.6
        start = some_time()
        back = start + (timedelta(minutes=rng.randrange(20, 240)) if notice
                        else timedelta(days=rng.randrange(1, 6)))
        pending = start > NOW - timedelta(days=3) and \
            office.division_of[person] != office.first["id"]
        returned = back < NOW and not pending
        if not pending:
            self.tally(f"absences.{'notices' if notice else 'leave_requests'}", start,
                       office.division_of[person])
        return {"id": new_id(), "kind": "notice" if notice else "leave", "staff_id": person,
                "status": "pending" if pending else ("returned" if returned else "approved"),
                "start_at": start, "expected_return_at": back,
                "start_date": None if notice else office_day(start),
                "end_date": None if notice else office_day(back),
                "reason": "外出办事", "contact": "0571",
                "reason_kind": rng.choice(["business", "personal"]) if notice
                else rng.choice(list(LEAVE_KINDS)),
                "approver_id": office.head_of(person), "created_at": start,
                "decided_at": None if pending else start,
                "started_at": None if pending else start,
                "returned_at": back if returned else None,
                "return_reported_at": back if returned else None,
                "return_acknowledged_at": back if returned else None,
                "hands_over": not notice, "chained_with": []}

    def inquiries(self):
        matters = [{"id": new_id(), "name": f"{d['name']}事项", "basis": "条例",
                    "time_limit_days": 20, "procedure": "受理、审核、办结", "division_id": d["id"],
                    "version": 1, "materials": [{"code": "m", "name": "申请书", "required": True}]}
                   for d in self.office.divisions]
        with self.engines["inquiries"].begin() as conn:
            insert(conn, inquiries.Matter.__table__, matters)
            insert(conn, inquiries.MatterVersion.__table__, (
                {**m, "matter_id": m["id"]} for m in matters))
            insert(conn, inquiries.Inquiry.__table__,
                   (self.inquiry() for _ in range(self.sizes["inquiries"])))
            insert(conn, inquiries.Application.__table__,
                   (self.application(matters) for _ in range(self.sizes["applications"])))
        self.counts.update(inquiries=self.sizes["inquiries"],
                           applications=self.sizes["applications"])

    def inquiry(self):
        """Answered, but for the last two days' (their lapses already reported)."""
        person, recorded = self.office.someone(anywhere=False), some_time()
        self.tally("inquiries.recorded", recorded, self.office.division_of[person])
        closed = recorded < NOW - timedelta(days=2)
        lapse_day = office_day(recorded) + timedelta(days=1)
        if closed:
            self.achievements.append((person, office_day(recorded).year, "inquiry_closed"))
        return {"id": new_id(), "visitor_name": "群众", "contact": "138", "question": "如何办理？",
                "first_responder_id": person, "status": "handled" if closed else "open",
                "answer": "已答复" if closed else None, "closed_by": person if closed else None,
                "closed_at": recorded if closed else None, "recorded_at": recorded,
                "lapse_day": lapse_day,
                "lapse_reported_at": recorded if lapse_day <= TODAY and not closed else None}

    def application(self, matters):
        """Accepted, and completed once its due date has passed (outside the first
        division)."""
        matter = rng.choice(matters[1:])
        reviewer = rng.choice(self.office.members[matter["division_id"]])
        created = some_time()
        due = office_day(created) + timedelta(days=28)
        done = due < TODAY
        self.tally("applications.accepted", created, matter["division_id"])
        if done:
            timing = "on_time" if rng.random() < 0.9 else "late"
            self.tally(f"applications.completed_{timing}", due, matter["division_id"])
            self.achievements.append((reviewer, due.year, f"application_{timing}"))
        return {"id": new_id(), "matter_id": matter["id"], "matter_version": 1,
                "applicant": "某单位", "contact": "138",
                "status": "completed" if done else "accepted",
                "token_hash": "0" * 64, "due_date": due, "created_at": created,
                "reviewer_id": reviewer, "decided_at": created,
                "completed_by": reviewer if done else None, "completed_on": due if done else None,
                "completed_on_time": True if done else None}

    def accountability(self):
        """Violations with a case each, where the counters count them; the achievements
        and counters of everything loaded before."""
        violations, cases, counted = [], [], []
        for _ in range(self.sizes["violations"]):
            violation, case = self.violation()
            violations.append(violation)
            cases.append(case)
            division_id, day = self.office.division_of[case["staff_id"]], \
                office_day(case["opened_at"])
            figure = None if violation["status"] == "waived" else \
                f"violations.by_kind.{violation['kind']}"
            counted += [{"subject": "violation", "subject_id": violation["id"],
                         "division_id": division_id, "day": figure and day, "figure": figure},
                        {"subject": "case", "subject_id": case["id"], "division_id": division_id,
                         "day": day, "figure": "cases.by_severity.light"}]
            if figure:
                self.tally(figure, day, division_id)
            self.tally("cases.by_severity.light", day, division_id)
        self.found["violator"] = violations[0]["staff_id"]
        months = Counter()
        for (day, division_id, figure), n in self.tallies.items():
            months[(day.replace(day=1), division_id, figure)] += n
        with self.engines["accountability"].begin() as conn:
            insert(conn, accountability.Violation.__table__, violations)
            insert(conn, accountability.Case.__table__, cases)
            insert(conn, accountability.StatsCounted.__table__, counted)
            insert(conn, accountability.Achievement.__table__, (
                {"source_event_id": new_id(), "staff_id": s, "year": y, "kind": k}
                for s, y, k in self.achievements))
            insert(conn, accountability.StatsDay.__table__, (
                {"day": d, "division_id": v, "figure": f, "n": n}
                for (d, v, f), n in self.tallies.items()))
            insert(conn, accountability.StatsMonth.__table__, (
                {"month": m, "division_id": v, "figure": f, "n": n}
                for (m, v, f), n in months.items()))
        self.counts.update(violations=len(violations), cases=len(cases),
                           achievements=len(self.achievements),
                           stats_daily=len(self.tallies), stats_monthly=len(months))

    def violation(self):
        """A violation and its case: in the first division upheld or waived and decided
        (nothing there waits for its head), elsewhere some recorded or contested, the
        last month's cases open."""
        office = self.office
        person, occurred = office.someone(), some_time()
        first = office.division_of[person] == office.first["id"]
        case = {"id": new_id(), "staff_id": person, "kind": "personal",
                "status": "decided" if first or occurred < NOW - timedelta(days=30) else "open",
                "severity": "light", "suggested_severity": "light",
                "suggested_outcome": "criticism_education", "suggested_measures": [],
                "measures": [], "opened_at": occurred}
        if case["status"] == "decided":
            case.update(outcome="criticism_education", decided_by=office.head_of(person),
                        decided_at=occurred + timedelta(days=7))
        status = rng.choice(["upheld", "waived"] if first
                            else ["upheld"] * 6 + ["recorded"] * 2 + ["waived", "contested"])
        return {"id": new_id(), "staff_id": person, "kind": rng.choice(list(VIOLATION_KINDS)),
                "occurred_at": occurred, "source": "bench", "source_event_id": new_id(),
                "details": {}, "case_id": case["id"], "nature": "non_performance",
                "status": status}, case


def timed(session, url, token, n):
    """p50 and p99 (ms) of ``n`` GETs of ``url`` after a first one, that first one's time
    apart (a process's first such request builds its schemas and query plans, and reads
    cold pages), and the last answer's total."""
    latencies, total = [], None
    for _ in range(n + 1):
        started = time.perf_counter()
        response = session.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=120)
        latencies.append(1000 * (time.perf_counter() - started))
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
    if response.headers.get("Content-Type", "").startswith("application/json"):
        total = response.json().get("total")
    first, ordered = latencies[0], sorted(latencies[1:])
    return first, statistics.median(ordered), \
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], total


def queries(office, found):
    """``(group, label, path, who)``: every list with each filter it takes, and the rest."""
    first, year = office.first["id"], f"from={YEAR}-01-01&to={TODAY}"
    since = (NOW - timedelta(days=90)).astimezone(OFFICE_TZ).isoformat()
    until = NOW.astimezone(OFFICE_TZ).isoformat()
    lists = [
        ("documents", ""), ("documents", "status=assigned"), ("documents", "status=completed"),
        ("documents", f"assignee_id={found['assignee']}"), ("documents", "overdue=true"),
        ("leave-notices", ""), ("leave-notices", "status=returned"),
        ("leave-notices", f"staff_id={found['absentee']}"),
        ("leave-notices", f"approver_id={office.head_of(found['absentee'])}"),
        ("leave-notices", "acknowledged=false"), ("leave-notices", "away=true"),
        ("leave-notices", "away=false"),
        ("violations", ""), ("violations", f"staff_id={found['violator']}"),
        ("violations", f"division_id={first}"), ("violations", "kind=overdue"),
        ("violations", "status=contested"),
        ("violations", f"from={requests.utils.quote(since)}&to={requests.utils.quote(until)}"),
    ]
    return [("list", f"GET /{path}{'?' + q if q else ''}", f"/{path}{'?' + q if q else ''}",
             "admin") for path, q in lists] + [
        ("one", "GET /documents/{id}", f"/documents/{found['document']}", "admin"),
        ("todo", f"GET /me/todo (head, {WAITING} to assign)", "/me/todo", "head"),
        ("one", "GET /appraisals/{staff_id}", f"/appraisals/{found['violator']}?year={YEAR}",
         "admin"),
        ("one", "GET /appraisals (everyone's, a page)", f"/appraisals?year={YEAR}", "admin"),
        ("stats", f"GET /stats/overview {YEAR}", f"/stats/overview?{year}", "admin"),
        ("stats", f"GET /stats/overview {YEAR}, one division",
         f"/stats/overview?{year}&division_id={first}", "admin"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    with scratch_vhost("xn_bench") as name:
        run(args, name)


def run(args, vhost):
    office = Office()
    data_dir = tempfile.mkdtemp(prefix="xn-bench-scale-")
    databases = postgres_databases(SERVICES)
    environ = {**os.environ, "AMQP_URI": f"amqp://guest:guest@127.0.0.1:5672/{vhost}",
               "XIAONENG_DATA_DIR": data_dir, "XIAONENG_GATEWAY_PORT": str(free_port()),
               **databases}
    system = System(environ)
    try:
        started = time.perf_counter()
        migrate_all(SERVICES, environ)
        counts, found = Loader(databases, office, args.scale).load()
        loaded = time.perf_counter() - started
        print(f"scale {args.scale:g}: loaded in {loaded:.0f} s (migrations, inserts, VACUUM "
              f"ANALYZE): " + ", ".join(f"{k} {v:,}" for k, v in counts.items()), flush=True)
        system.start(timeout=180)
        measure(args, system, office, found)
    finally:
        system.stop()
        drop_databases(databases)


def sign_in(url, username, password):
    return requests.post(f"{url}{V1}/auth/token", timeout=30, json={
        "username": username, "password": password}).json()["access_token"]


def measure(args, system, office, found):
    url, started = system.url, time.perf_counter()
    tokens = {"admin": sign_in(url, "admin", "admin"),
              "head": sign_in(url, next(p["username"] for p in office.staff
                                        if p["id"] == office.first["head_id"]), PASSWORD)}
    session, worst = requests.Session(), Counter()
    print(f"  {'query':<78} {'first':>8} {'p50 ms':>8} {'p99 ms':>8} {'total':>8}")
    for group, label, path, who in queries(office, found):
        first, p50, p99, total = timed(session, f"{url}{V1}{path}", tokens[who],
                                       args.requests)
        worst[group] = max(worst[group], p99)
        print(f"  {label:<78} {first:8.1f} {p50:8.1f} {p99:8.1f} "
              f"{'' if total is None else total:>8}", flush=True)
    export = []
    for _ in range(3):
        begun = time.perf_counter()
        response = session.get(f"{url}{V1}/appraisals?year={YEAR}&format=xlsx", timeout=300,
                               headers={"Authorization": f"Bearer {tokens['admin']}"})
        export.append(time.perf_counter() - begun)
        response.raise_for_status()
    print(f"  xlsx export of every appraisal ({len(office.staff)} people, {len(response.content):,}"
          f" bytes): {statistics.median(export):.2f} s (median of 3)")
    peaks = peak_rss(system)
    print("  peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in peaks.items()))
    print(f"  measured in {time.perf_counter() - started:.0f} s")
    print(f"summary: todo_p99_ms {worst['todo']:.1f}")
    print(f"summary: list_p99_ms {worst['list']:.1f}")
    print(f"summary: stats_p99_ms {worst['stats']:.1f}")
    print(f"summary: export_1000_s {statistics.median(export):.2f}")
    print(f"summary: peak_rss_mb {max(peaks.values()):.0f}")


if __name__ == "__main__":
    main()
