"""Violations and what people do with them: list, record a duty failure (一.5), contest
with an explanation (情况说明), uphold (维持) or waive (撤销)."""

import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import found, lock_key, locked
from chassis.entrypoints import rpc
from chassis.schemas import matching, once, paginate
from contracts.rpc import accountability as s
from office import work_items
from office.acting import acting
from services.accountability import cases, people, stats, todo
from services.accountability.models import Case, StaffView, Violation
from services.accountability.rules import judgement


def interested(violation, case):
    """The person it is held against and whoever answers for them (its ``case``'s
    responsible leader): neither judges it (回避)."""
    if case is None:
        return {violation.staff_id}
    return judgement.CaseFacts(case.staff_id, case.status,
                               responsible_id=case.responsible_id).interested


def case_of(session, violation):
    return violation.case_id and session.get(Case, violation.case_id) or None


def violation_out(session, violation, actor, case=None):
    """The violation with what ``actor`` may do; ``case`` its case, when the caller read it
    already (a page reads its cases in one query)."""
    concerned = interested(violation, case or case_of(session, violation))
    return {**once(s.ViolationOut).dump(violation),
            "actions": judgement.violation_actions(violation.status, concerned,
                                                   violation.staff_id, actor),
            "recused": judgement.is_recused(concerned, actor)}


def case_out(session, case, actor):
    violations = session.scalars(sa.select(Violation).where(Violation.case_id == case.id)
                                 .order_by(Violation.occurred_at)).all()
    facts = cases.facts(session, case)
    return {**once(s.CaseOut, exclude=("violations",)).dump(case),
            "violations": [violation_out(session, v, actor) for v in violations],
            "actions": judgement.case_actions(facts, actor),
            "recused": judgement.is_recused(facts.interested, actor)}


class ViolationEntrypoints:
    """Mixed into the service: needs ``uow`` and ``policy``."""

    @rpc
    def list_violations(self, actor, query=None):
        actor, args = acting(actor), once(s.ViolationQuery).load(query or {})
        args["staff_id"] = judgement.violations_visible_to(actor, args.get("staff_id"))
        with self.uow as work:
            # the id breaks ties, so that pages (an export reads them all) neither repeat
            # nor skip a violation
            select = sa.select(Violation).order_by(Violation.occurred_at.desc(), Violation.id)
            select = matching(select, Violation, args, ("staff_id", "kind", "status"))
            if args.get("division_id"):
                select = select.where(Violation.staff_id.in_(sa.select(
                    StaffView.staff_id).where(StaffView.division_id == args["division_id"])))
            if args.get("since"):
                select = select.where(Violation.occurred_at >= args["since"])
            if args.get("until"):
                select = select.where(Violation.occurred_at < args["until"])
            total, sliced = paginate(work.session, select, args)
            listed = work.session.scalars(sliced).all()
            case_ids = {v.case_id for v in listed if v.case_id}
            their_cases = {c.id: c for c in work.session.scalars(
                sa.select(Case).where(Case.id.in_(case_ids)))} if case_ids else {}
            items = [violation_out(work.session, v, actor, their_cases.get(v.case_id))
                     for v in listed]
        return {"items": items, "total": total}

    @rpc
    def get_violation(self, actor, violation_id):
        actor = acting(actor)
        with self.uow as work:
            violation = found(work.session, Violation, violation_id, "violation")
            judgement.violations_visible_to(actor, violation.staff_id)
            return violation_out(work.session, violation, actor)

    @rpc
    def record_duty_failure(self, actor, payload):
        actor, data = acting(actor), once(s.DutyFailureIn).load(payload)
        with self.uow as work:
            person, division = people.person_and_division(work.session, data["staff_id"])
            judgement.check_recorder(actor, person.id, person.division_id,
                                     people.headed(work.session, actor.id),
                                     data["occurred_at"], clock.now())
            violation = cases.record(work, person, division, {
                "kind": "duty_failure", "nature": data["nature"],
                "occurred_at": data["occurred_at"], "source": "accountability",
                "source_event_id": str(uuid.uuid4()), "recorded_by": actor.id,
                "recorded_for": people.acting_for(work.session, person.division_id, actor.id),
                "details": {"description": data["description"]}}, self.policy)
            return violation_out(work.session, violation, actor)

    @rpc
    def contest(self, actor, violation_id, payload):
        actor, data = acting(actor), once(s.ContestIn).load(payload)
        with self.uow as work:
            violation = locked(work.session, Violation, violation_id, "violation")
            judgement.check_contest(violation.status, violation.staff_id, actor,
                                    data["explanation"])
            violation.status = judgement.VIOLATION["contest"].target
            violation.explanation = data["explanation"]
            violation.contested_at = clock.now()
            work.emit("violation_contested", {
                "violation_id": violation.id, "staff_id": violation.staff_id,
                "kind": violation.kind, "case_id": violation.case_id,
                "explanation": violation.explanation, "contested_at": violation.contested_at})
            case = violation.case_id and work.session.get(Case, violation.case_id)
            to_judge = todo.violation_item(violation, step="judge")
            work_items.announce(work, None, to_judge, except_ids=[
                i for i in (violation.staff_id, case and case.responsible_id) if i])
            return violation_out(work.session, violation, actor)

    @rpc
    def uphold(self, actor, violation_id, payload):
        return self._judge(acting(actor), violation_id, "uphold",
                           once(s.UpholdIn).load(payload)["note"])

    @rpc
    def waive(self, actor, violation_id, payload):
        return self._judge(acting(actor), violation_id, "waive",
                           once(s.WaiveIn).load(payload)["reason"])

    def _judge(self, actor, violation_id, verb, text):
        """A leader's judgement; a waiver takes the violation out of its case's grade."""
        with self.uow as work:
            violation = locked(work.session, Violation, violation_id, "violation")
            lock_key(work.session, f"case:{violation.staff_id}")  # as cases.record does
            concerned = interested(violation, case_of(work.session, violation))
            judgement.check_judgement(violation.status, concerned, actor, text, verb)
            status = violation.status = judgement.VIOLATION[verb].target
            violation.judgement = text
            violation.judged_by, violation.judged_at = actor.id, clock.now()
            stats.count_violation(work.session, violation)  # a waiver leaves every count
            work.emit(f"violation_{status}", {
                "violation_id": violation.id, "staff_id": violation.staff_id,
                "kind": violation.kind, "case_id": violation.case_id, "judgement": text,
                "judged_by": actor.id, "judged_at": violation.judged_at})
            case = violation.case_id and work.session.get(Case, violation.case_id)
            if verb == "waive" and case and case.status == "open":
                cases.regrade(work, case, self.policy, text, actor.id)
            return violation_out(work.session, violation, actor)
