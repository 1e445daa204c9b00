"""The accountability service: 责任追究制 — violations from every service become graded cases."""

import json
from collections import Counter
from datetime import datetime, time
from pathlib import Path

import sqlalchemy as sa
from nameko.extensions import DependencyProvider

from chassis.calls import ServiceCalls
from chassis.clock import OFFICE_TZ, clock
from chassis.config import Settings
from chassis.db import locked
from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import Actor, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from services.accountability import cases, intake, rules
from services.accountability import schemas as s
from services.accountability.models import Achievement, Case, Violation

MIGRATIONS = str(Path(__file__).parent / "migrations")


class GradingPolicy(DependencyProvider):
    """The grading policy: ``XIAONENG_GRADING_POLICY`` (JSON, or a JSON file), else the default."""

    def setup(self):
        text = Settings.from_mapping(self.container.config).grading_policy
        if text and not text.lstrip().startswith("{"):
            text = Path(text).read_text(encoding="utf-8")
        self.policy = rules.check_policy(json.loads(text) if text else rules.DEFAULT_POLICY)

    def get_dependency(self, worker_ctx):
        return self.policy


def violation_handler(source, type_):
    """An entrypoint turning one violation event into violations and cases."""
    @handle_event(source, type_)
    def handler(self, event):
        self._record_violations(event)
    handler.__name__ = f"on_{type_}"
    return handler


class AccountabilityService(ServiceBase):
    """责任追究制: violations, cases graded by policy, leader responsibility, decisions."""

    name = "accountability"
    uow = UnitOfWork(MIGRATIONS)
    call = ServiceCalls()
    policy = GradingPolicy()

    on_overdue = violation_handler("documents", "overdue")
    on_late_return = violation_handler("attendance", "late_return")
    on_unauthorised_absence = violation_handler("attendance", "unauthorised_absence")
    on_complaint_filed = violation_handler("inquiries", "complaint_filed")
    on_notice_violated = violation_handler("inquiries", "notice_violated")
    on_first_inquiry_lapsed = violation_handler("inquiries", "first_inquiry_lapsed")
    on_handover_failed = violation_handler("posts", "handover_failed")

    @handle_event("documents", "document_completed")
    def on_document_completed(self, event):
        self._record_achievement(event)

    @handle_event("inquiries", "inquiry_closed")
    def on_inquiry_closed(self, event):
        self._record_achievement(event)

    @handle_event("posts", "handover_started")
    def on_handover_started(self, event):
        self._record_achievement(event)

    @rpc
    def list_violations(self, query=None):
        args = s.ViolationQuery().load(query or {})
        with self.uow as work:
            select = sa.select(Violation).order_by(Violation.occurred_at.desc())
            for field in ("staff_id", "kind"):
                if field in args:
                    select = select.where(getattr(Violation, field) == args[field])
            total, sliced = paginate(work.session, select, args)
            items = s.ViolationOut(many=True).dump(work.session.scalars(sliced).all())
        return {"items": items, "total": total}

    @rpc
    def list_cases(self, query=None):
        args = s.CaseQuery().load(query or {})
        with self.uow as work:
            select = sa.select(Case).order_by(Case.opened_at.desc())
            for field in ("staff_id", "status"):
                if field in args:
                    select = select.where(getattr(Case, field) == args[field])
            total, sliced = paginate(work.session, select, args)
            items = [self._dump_case(work.session, c) for c in work.session.scalars(sliced)]
        return {"items": items, "total": total}

    @rpc
    def decide(self, actor, case_id, payload):
        actor, data = Actor().load(actor), s.DecisionIn().load(payload)
        with self.uow as work:
            case = locked(work.session, Case, case_id, "case")
            rules.check_decision(case, actor, data["outcome"], data["measures"])
            case.outcome, case.measures, case.note = data["outcome"], data["measures"], \
                data["note"]
            self._close(work, case, "decided", actor)
            return self._dump_case(work.session, case)

    @rpc
    def dismiss(self, actor, case_id, payload):
        actor, data = Actor().load(actor), s.DismissalIn().load(payload)
        with self.uow as work:
            case = locked(work.session, Case, case_id, "case")
            rules.check_dismissal(case, actor, data["reason"])
            case.note = data["reason"]
            self._close(work, case, "dismissed", actor)
            return self._dump_case(work.session, case)

    @rpc
    def appraisal(self, actor, staff_id, query):
        actor, year = Actor().load(actor), s.YearQuery().load(query or {})["year"]
        person = self.call("posts", "get_staff", staff_id)
        head_id = person["division_id"] and self.call(
            "posts", "get_division", person["division_id"])["head_id"]
        rules.check_appraisal_reader(actor, staff_id, head_id)
        start, end = (datetime.combine(datetime(y, 1, 1), time(0), OFFICE_TZ)
                      for y in (year, year + 1))
        with self.uow as work:
            kinds = Counter(work.session.scalars(sa.select(Violation.kind).where(
                Violation.staff_id == staff_id, Violation.occurred_at >= start,
                Violation.occurred_at < end)))
            year_cases = work.session.scalars(sa.select(Case).where(
                Case.staff_id == staff_id, Case.opened_at >= start, Case.opened_at < end))
            done = Counter(work.session.scalars(sa.select(Achievement.kind).where(
                Achievement.staff_id == staff_id, Achievement.year == year)))
            return s.AppraisalOut().dump({
                "staff_id": staff_id, "year": year, "violations_by_kind": dict(kinds),
                "cases": [{k: v for k, v in self._dump_case(work.session, c).items()
                           if k in ("id", "kind", "status", "severity", "outcome", "measures")}
                          for c in year_cases],
                "documents": {"on_time": done["document_on_time"],
                              "late": done["document_late"]},
                "inquiries_closed": done["inquiry_closed"],
                "covers_served": done["cover_served"]})

    def _record_violations(self, event):
        """Look the people up first (posts), then record everything in one transaction."""
        found = intake.violations(event.source, event.type, event.data, event.occurred_at)
        people = []
        for staff_id, kind, occurred_at, details in found:
            person = self.call("posts", "get_staff", staff_id)
            division = person["division_id"] and self.call(
                "posts", "get_division", person["division_id"])
            people.append((person, division or None, kind, occurred_at, details))
        with self.uow as work:
            for person, division, kind, occurred_at, details in people:
                cases.record(work, person, division, kind, occurred_at, details,
                             event.source, event.id, self.policy)

    def _record_achievement(self, event):
        staff_id, kind = intake.achievement(event.type, event.data)
        with self.uow as work:
            if work.session.get(Achievement, event.id) is None:
                work.session.add(Achievement(source_event_id=event.id, staff_id=staff_id,
                                             year=event.occurred_at.astimezone(OFFICE_TZ).year,
                                             kind=kind))

    def _close(self, work, case, status, actor):
        case.status, case.decided_by, case.decided_at = status, actor["id"], clock.now()
        work.emit("case_decided", {"case_id": case.id, "staff_id": case.staff_id,
                                   "status": status, "outcome": case.outcome,
                                   "measures": case.measures, "decided_by": actor["id"]})

    @staticmethod
    def _dump_case(session, case):
        violations = session.scalars(sa.select(Violation).where(Violation.case_id == case.id)
                                     .order_by(Violation.occurred_at)).all()
        return {**s.CaseOut(exclude=("violations",)).dump(case),
                "violations": s.ViolationOut(many=True).dump(violations)}
