"""The accountability service: 责任追究制 — violations from every service become graded cases."""

import json
from pathlib import Path

import sqlalchemy as sa
from nameko.extensions import DependencyProvider

from chassis.clock import OFFICE_TZ, clock
from chassis.config import Settings
from chassis.db import found, locked
from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.schemas import matching, once, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.rpc import accountability as s
from office import projections
from office.acting import acting
from services.accountability import cases, intake, people, stats, todo
from services.accountability.appraisal import AppraisalEntrypoints
from services.accountability.audit import AuditEntrypoints
from services.accountability.duty_reports import DutyReportEntrypoints
from services.accountability.models import (
    Achievement,
    Case,
    DivisionView,
    StaffView,
)
from services.accountability.overview import OverviewEntrypoints
from services.accountability.rules import grading, judgement, reach
from services.accountability.violations import ViolationEntrypoints, case_out

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


def violation_handler(source, type_, name):
    """An entrypoint turning one violation event into violations and cases."""
    @handle_event(source, type_)
    def handler(self, event):
        self._record_violations(event)
    handler.__name__ = name
    return handler


# nameko needs a method per event type: one for each row of the intake's table, named as
# the row says (the name is its queue's).
ViolationHandlers = type("ViolationHandlers", (), {
    row.handler: violation_handler(source, type_, row.handler)
    for (source, type_), row in intake.VIOLATIONS.items()})


def stats_handler(source, type_):
    """An entrypoint counting one event that reports no violation (统计)."""
    @handle_event(source, type_)
    def handler(self, event):
        with self.uow as work:
            stats.count_event(work.session, event)
    handler.__name__ = f"on_{type_}"
    return handler


class AccountabilityService(AppraisalEntrypoints, AuditEntrypoints, DutyReportEntrypoints,
                            OverviewEntrypoints, ViolationEntrypoints, ViolationHandlers,
                            ServiceBase):
    """责任追究制: violations, cases graded by policy, leader responsibility, decisions;
    the office's statistics."""

    name = "accountability"
    uow = UnitOfWork(MIGRATIONS)
    policy = GradingPolicy()

    on_staff_changed = projections.view_handler("staff_changed", StaffView)
    on_division_changed = projections.view_handler("division_changed", DivisionView)

    on_document_assigned = stats_handler("documents", "document_assigned")
    on_document_returned = stats_handler("documents", "document_returned")
    on_absence_started = stats_handler("attendance", "absence_started")
    on_inquiry_recorded = stats_handler("inquiries", "inquiry_recorded")
    on_application_accepted = stats_handler("inquiries", "application_accepted")
    on_complaint_filed = stats_handler("inquiries", "complaint_filed")

    @rpc
    def may(self, actor):
        """GET /me's part here: ``{verb: divisions}`` by the rules that refuse the routes."""
        actor = acting(actor)
        with self.uow as work:
            return reach.reaches(actor, people.headed(work.session, actor.id),
                                 people.read_as_head(work.session, actor.id),
                                 people.heads_by_division(work.session), clock.now())

    @handle_event("documents", "document_completed")
    def on_document_completed(self, event):
        self._record_achievement(event)

    @handle_event("inquiries", "application_completed")
    def on_application_completed(self, event):
        self._record_achievement(event)

    @handle_event("inquiries", "inquiry_closed")
    def on_inquiry_closed(self, event):
        self._record_achievement(event)

    @handle_event("posts", "handover_started")
    def on_handover_started(self, event):
        self._record_achievement(event)

    @rpc
    def list_cases(self, actor, query=None):
        actor, args = acting(actor), once(s.CaseQuery).load(query or {})
        with self.uow as work:
            work.snapshot()  # each case with the violations it had at that moment
            select = sa.select(Case).order_by(Case.opened_at.desc())
            select = matching(select, Case, args, ("staff_id", "status"))
            total, sliced = paginate(work.session, select, args)
            items = [case_out(work.session, c, actor)
                     for c in work.session.scalars(sliced)]
        return {"items": items, "total": total}

    @rpc
    def get_case(self, actor, case_id):
        actor = acting(actor)
        with self.uow as work:
            work.snapshot()
            return case_out(work.session, found(work.session, Case, case_id, "case"),
                                   actor)

    @rpc
    def todo(self, actor, division_id=None):
        with self.uow as work:
            return todo.items(work.session, acting(actor, division_id), clock.today())

    @rpc
    def decide(self, actor, case_id, payload):
        """裁定: the leader's grade (the suggestion unless they judge otherwise) and outcome."""
        actor, data = acting(actor), once(s.DecisionIn).load(payload)
        with self.uow as work:
            case = locked(work.session, Case, case_id, "case")
            severity = data["severity"] or case.suggested_severity
            judgement.check_decision(cases.facts(work.session, case), actor, severity,
                                     data["outcome"], data["measures"])
            case.severity, case.outcome, case.measures = severity, data["outcome"], \
                data["measures"]
            cases.close(work, case, judgement.CASE["decide"].target, actor.id, data["note"])
            cases.follow_leader_case(work, case, severity, data["note"], actor.id)
            return case_out(work.session, case, actor)

    @rpc
    def dismiss(self, actor, case_id, payload):
        actor, data = acting(actor), once(s.DismissalIn).load(payload)
        with self.uow as work:
            case = locked(work.session, Case, case_id, "case")
            judgement.check_dismissal(cases.facts(work.session, case), actor, data["reason"])
            cases.close(work, case, judgement.CASE["dismiss"].target, actor.id, data["reason"])
            cases.follow_leader_case(work, case, "light", data["reason"], actor.id)
            return case_out(work.session, case, actor)

    def _record_violations(self, event):
        """Every violation an event reports, in one transaction, about people as
        accountability's own staff view knows them (posts may be down)."""
        reported = intake.violations(event.source, event.type, event.data, event.occurred_at)
        with self.uow as work:
            stats.count_event(work.session, event)
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
            stats.count_event(work.session, event)
            if work.session.get(Achievement, event.id) is None:
                work.session.add(Achievement(source_event_id=event.id, staff_id=staff_id,
                                             year=event.occurred_at.astimezone(OFFICE_TZ).year,
                                             kind=kind))
