"""Recording violations into cases, grading them, and opening leader-responsibility cases."""

import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import lock_key
from services.accountability import rules
from services.accountability.models import Case, Violation


def open_case(session, staff_id, kind="personal"):
    return session.scalar(sa.select(Case).where(Case.staff_id == staff_id, Case.kind == kind,
                                                Case.status == "open"))


def counted_violations(session, staff_id):
    """The person's violations, except those of dismissed cases, for grading."""
    dismissed = sa.select(Case.id).where(Case.status == "dismissed")
    rows = session.scalars(sa.select(Violation).where(
        Violation.staff_id == staff_id,
        sa.or_(Violation.case_id.is_(None), Violation.case_id.not_in(dismissed))))
    return [{"kind": v.kind, "occurred_at": v.occurred_at, "details": v.details} for v in rows]


def new_case(work, staff_id, kind, severity, outcome, measures, linked_case_id=None):
    case = Case(id=str(uuid.uuid4()), staff_id=staff_id, kind=kind, status="open",
                severity=severity, suggested_outcome=outcome, suggested_measures=measures,
                linked_case_id=linked_case_id, measures=[], opened_at=clock.now())
    work.session.add(case)
    work.emit("case_opened", {"case_id": case.id, "staff_id": staff_id, "kind": kind,
                              "severity": severity, "suggested_outcome": outcome,
                              "linked_case_id": linked_case_id})
    return case


def record(work, person, division, kind, occurred_at, details, source, event_id, policy):
    """A violation joins the person's open case (or opens one), and the case is regraded."""
    session = work.session
    lock_key(session, f"case:{person['id']}")  # one open case per person, on any instance
    if session.scalar(sa.select(Violation.id).where(Violation.source_event_id == event_id,
                                                    Violation.staff_id == person["id"])):
        return
    case = open_case(session, person["id"])
    previous = case.severity if case else None
    counted = counted_violations(session, person["id"]) + [
        {"kind": kind, "occurred_at": occurred_at, "details": details}]
    severity, outcome, measures = rules.grade(policy, counted, clock.now())
    if case is None:
        case = new_case(work, person["id"], "personal", severity, outcome, measures)
    session.add(Violation(id=str(uuid.uuid4()), staff_id=person["id"], kind=kind,
                          occurred_at=occurred_at, source=source, source_event_id=event_id,
                          details=details, case_id=case.id))
    case.severity, case.suggested_outcome, case.suggested_measures = severity, outcome, measures
    if rules.needs_leader_case(previous, severity) and case.leader_case_id is None:
        open_leader_case(work, case, person, division)


def open_leader_case(work, case, person, division):
    """追究有关领导责任: the person's leader answers for a serious case too."""
    leader_id = rules.responsible_leader(person, division)
    if leader_id is None:
        return
    linked = new_case(work, leader_id, "leader_responsibility", "light", "criticism_education",
                      [], linked_case_id=case.id)
    case.leader_case_id = linked.id
