"""The accountability service: 责任追究制 — violations from every service become graded cases."""

import json
from collections import Counter
from datetime import datetime, time
from pathlib import Path

import sqlalchemy as sa
from nameko.extensions import DependencyProvider

from chassis import projections
from chassis.clock import OFFICE_TZ
from chassis.config import Settings
from chassis.db import found, locked
from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import acting, matching, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.rpc import accountability as s
from services.accountability import cases, intake, people, todo
from services.accountability.audit import AuditEntrypoints
from services.accountability.models import Achievement, Case, DivisionView, StaffView, Violation
from services.accountability.rules import grading, judgement
from services.accountability.violations import ViolationEntrypoints, violation_out

MIGRATIONS = str(Path(__file__).parent / "migrations")


class GradingPolicy(DependencyProvider):
    """The grading policy: ``XIAONENG_GRADING_POLICY`` (JSON, or a JSON file), else the default."""

    def setup(self):
        text = Settings.from_mapping(self.container.config).grading_policy
        if text and not text.lstrip().startswith("{"):
            text = Path(text).read_text(encoding="utf-8")
        self.policy = grading.check_policy(json.loads(text) if text else grading.DEFAULT_POLICY)

    def get_dependency(self, worker_ctx):
        return self.policy


def violation_handler(source, type_):
    """An entrypoint turning one violation event into violations and cases."""
    @handle_event(source, type_)
    def handler(self, event):
        self._record_violations(event)
    handler.__name__ = f"on_{type_}"
    return handler


class AccountabilityService(AuditEntrypoints, ViolationEntrypoints, ServiceBase):
    """责任追究制: violations, cases graded by policy, leader responsibility, decisions."""

    name = "accountability"
    uow = UnitOfWork(MIGRATIONS)
    policy = GradingPolicy()

    on_staff_changed = projections.view_handler("staff_changed", StaffView)
    on_division_changed = projections.view_handler("division_changed", DivisionView)

    on_overdue = violation_handler("documents", "overdue")
    on_application_overdue = violation_handler("inquiries", "overdue")
    on_late_return = violation_handler("attendance", "late_return")
    on_unauthorised_absence = violation_handler("attendance", "unauthorised_absence")
    on_complaint_concluded = violation_handler("inquiries", "complaint_concluded")
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
    def list_cases(self, actor, query=None):
        actor, args = acting(actor), s.CaseQuery().load(query or {})
        with self.uow as work:
            work.snapshot()  # each case with the violations it had at that moment
            select = sa.select(Case).order_by(Case.opened_at.desc())
            select = matching(select, Case, args, ("staff_id", "status"))
            total, sliced = paginate(work.session, select, args)
            items = [self._dump_case(work.session, c, actor)
                     for c in work.session.scalars(sliced)]
        return {"items": items, "total": total}

    @rpc
    def get_case(self, actor, case_id):
        actor = acting(actor)
        with self.uow as work:
            work.snapshot()
            return self._dump_case(work.session, found(work.session, Case, case_id, "case"),
                                   actor)

    @rpc
    def todo(self, actor, division_id=None):
        with self.uow as work:
            return todo.items(work.session, acting(actor, division_id))

    @rpc
    def decide(self, actor, case_id, payload):
        """裁定: the leader's grade (the suggestion unless they judge otherwise) and outcome."""
        actor, data = acting(actor), s.DecisionIn().load(payload)
        with self.uow as work:
            case = locked(work.session, Case, case_id, "case")
            severity = data["severity"] or case.suggested_severity
            judgement.check_decision(cases.facts(work.session, case), actor, severity,
                                     data["outcome"], data["measures"])
            case.severity, case.outcome, case.measures = severity, data["outcome"], \
                data["measures"]
            cases.close(work, case, "decided", actor.id, data["note"])
            cases.follow_leader_case(work, case, severity, data["note"], actor.id)
            return self._dump_case(work.session, case, actor)

    @rpc
    def dismiss(self, actor, case_id, payload):
        actor, data = acting(actor), s.DismissalIn().load(payload)
        with self.uow as work:
            case = locked(work.session, Case, case_id, "case")
            judgement.check_dismissal(cases.facts(work.session, case), actor, data["reason"])
            cases.close(work, case, "dismissed", actor.id, data["reason"])
            cases.follow_leader_case(work, case, "light", data["reason"], actor.id)
            return self._dump_case(work.session, case, actor)

    @rpc
    def appraisal(self, actor, staff_id, query):
        actor, year = acting(actor), s.YearQuery().load(query or {})["year"]
        start, end = (datetime.combine(datetime(y, 1, 1), time(0), OFFICE_TZ)
                      for y in (year, year + 1))
        with self.uow as work:
            work.snapshot()
            person, _ = people.person_and_division(work.session, staff_id)
            judgement.check_appraisal_reader(actor, staff_id,
                                             people.heads_of(work.session, person.division_id))
            year_violations = work.session.scalars(sa.select(Violation).where(
                Violation.staff_id == staff_id, Violation.occurred_at >= start,
                Violation.occurred_at < end, Violation.status.in_(grading.COUNTING))).all()
            kinds = Counter(v.kind for v in year_violations)
            year_cases = work.session.scalars(sa.select(Case).where(
                Case.staff_id == staff_id, Case.opened_at >= start, Case.opened_at < end))
            done = Counter(work.session.scalars(sa.select(Achievement.kind).where(
                Achievement.staff_id == staff_id, Achievement.year == year)))
            return s.AppraisalOut().dump({
                "staff_id": staff_id, "year": year, "violations_by_kind": dict(kinds),
                "cases": [{k: v for k, v in self._dump_case(work.session, c, actor).items()
                           if k in ("id", "kind", "status", "severity", "outcome", "measures")}
                          for c in year_cases],
                "documents": {"on_time": done["document_on_time"],
                              "late": done["document_late"]},
                "inquiries_closed": done["inquiry_closed"],
                "covers_served": done["cover_served"],
                "contested": [v for v in year_violations if v.status == "contested"]})

    def _record_violations(self, event):
        """Every violation an event reports, in one transaction, about people as
        accountability's own staff view knows them (posts may be down)."""
        reported = intake.violations(event.source, event.type, event.data, event.occurred_at)
        with self.uow as work:
            for staff_id, kind, occurred_at, details in reported:
                person, division = people.person_and_division(work.session, staff_id)
                cases.record(work, person, division, {
                    "kind": kind, "nature": grading.default_nature(kind, details),
                    "occurred_at": occurred_at, "details": details,
                    "source": intake.source_of(event.source, event.data),
                    "source_event_id": event.id}, self.policy)

    def _record_achievement(self, event):
        staff_id, kind = intake.achievement(event.type, event.data)
        with self.uow as work:
            if work.session.get(Achievement, event.id) is None:
                work.session.add(Achievement(source_event_id=event.id, staff_id=staff_id,
                                             year=event.occurred_at.astimezone(OFFICE_TZ).year,
                                             kind=kind))

    @staticmethod
    def _dump_case(session, case, actor):
        violations = session.scalars(sa.select(Violation).where(Violation.case_id == case.id)
                                     .order_by(Violation.occurred_at)).all()
        facts = cases.facts(session, case)
        return {**s.CaseOut(exclude=("violations",)).dump(case),
                "violations": [violation_out(session, v, actor) for v in violations],
                "actions": judgement.case_actions(facts, actor),
                "recused": judgement.is_recused(facts.interested, actor)}
