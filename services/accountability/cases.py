"""Recording violations into cases, grading them again after a judgement, and keeping the
leader-responsibility case in step with the person's case (追究有关领导责任)."""

import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import lock_key
from office import work_items
from services.accountability import stats, todo
from services.accountability.models import Case, Violation
from services.accountability.rules import grading, judgement

LEADER_GRADE = ("light", "criticism_education", [])


def facts(session, case):
    """What the judgement rules read of a case: its subject, status, contested violations
    and who answers for the subject (for 回避)."""
    contested = session.scalar(sa.select(sa.func.count()).where(
        Violation.case_id == case.id, Violation.status == "contested"))
    return judgement.CaseFacts(case.staff_id, case.status, contested, case.responsible_id)


def open_case(session, staff_id, kind="personal"):
    return session.scalar(sa.select(Case).where(Case.staff_id == staff_id, Case.kind == kind,
                                                Case.status == "open"))


def counted_violations(session, staff_id):
    """The person's counting violations (not waived, not of a dismissed case), for grading."""
    dismissed = sa.select(Case.id).where(Case.status == "dismissed")
    rows = session.scalars(sa.select(Violation).where(
        Violation.staff_id == staff_id, Violation.status.in_(grading.COUNTING),
        sa.or_(Violation.case_id.is_(None), Violation.case_id.not_in(dismissed))))
    return [{"kind": v.kind, "occurred_at": v.occurred_at, "details": v.details} for v in rows]


def new_case(work, staff_id, kind, grade, linked_case_id=None, responsible_id=None):
    severity, outcome, measures = grade
    case = Case(id=str(uuid.uuid4()), staff_id=staff_id, kind=kind, status="open",
                severity=severity, suggested_severity=severity, suggested_outcome=outcome,
                suggested_measures=measures, linked_case_id=linked_case_id,
                responsible_id=responsible_id, measures=[], opened_at=clock.now())
    work.session.add(case)
    stats.count_case(work.session, case, new=True)
    work.emit("case_opened", {"case_id": case.id, "staff_id": staff_id, "kind": kind,
                              "severity": severity, "suggested_outcome": outcome,
                              "linked_case_id": linked_case_id,
                              "responsible_id": responsible_id})
    work_items.announce(work, None, todo.to_decide(case),  # every leader who may judge it
                        except_ids=[i for i in (staff_id, responsible_id) if i])
    return case


def record(work, person: grading.Person, division: grading.Division | None, violation,
           policy):
    """A violation joins the person's open case (or opens one), and the case is regraded.

    ``violation`` holds the new row's columns; a second record of the same source event
    for the same person changes nothing and returns None.
    """
    session = work.session
    lock_key(session, f"case:{person.id}")  # one open case per person, on any instance
    if session.scalar(sa.select(Violation.id).where(
            Violation.source_event_id == violation["source_event_id"],
            Violation.staff_id == person.id)):
        return None
    grade = grading.grade(policy, counted_violations(session, person.id) + [
        {k: violation[k] for k in ("kind", "occurred_at", "details")}], clock.now())
    responsible_id = grading.responsible_leader(person, division)
    case = open_case(session, person.id) or new_case(
        work, person.id, "personal", grade, responsible_id=responsible_id)
    case.responsible_id = responsible_id
    row = Violation(id=str(uuid.uuid4()), staff_id=person.id, case_id=case.id,
                    status="recorded", **violation)
    session.add(row)
    stats.count_violation(session, row, new=True)
    work.emit("violation_recorded", {
        "violation_id": row.id, "staff_id": row.staff_id, "kind": row.kind,
        "nature": row.nature, "occurred_at": row.occurred_at, "case_id": case.id,
        "recorded_by": row.recorded_by})
    work_items.announce(work, row.staff_id, todo.violation_item(row), by=row.recorded_by)
    _suggest(work, case, grade, "")
    return row


def regrade(work, case, policy, reason, actor_id):
    """Grade an open case again from the person's counting violations; a case left with
    none of its own is dismissed with ``reason`` (the waiver's)."""
    session = work.session
    session.flush()
    own = session.scalar(sa.select(sa.func.count()).where(
        Violation.case_id == case.id, Violation.status.in_(grading.COUNTING)))
    if not own:
        close(work, case, "dismissed", actor_id, reason)
        follow_leader_case(work, case, "light", reason, actor_id)
        return
    grade = grading.grade(policy, counted_violations(session, case.staff_id), clock.now())
    _suggest(work, case, grade, reason, actor_id)


def _suggest(work, case, grade, reason, actor_id=None):
    case.severity = case.suggested_severity = grade[0]
    case.suggested_outcome, case.suggested_measures = grade[1], list(grade[2])
    stats.count_case(work.session, case)
    follow_leader_case(work, case, case.severity, reason, actor_id)


def follow_leader_case(work, case, severity, reason, actor_id=None):
    """The linked leader case exists while the person's case is serious: opened when it
    turns serious, dismissed (with ``reason``) when it is graded light again."""
    linked = case.leader_case_id and work.session.get(Case, case.leader_case_id)
    if grading.leader_answers(severity):
        if (linked is None or linked.status == "dismissed") and case.responsible_id:
            linked = new_case(work, case.responsible_id, "leader_responsibility",
                              LEADER_GRADE, linked_case_id=case.id)
            case.leader_case_id = linked.id
    elif linked is not None and linked.status == "open":
        close(work, linked, "dismissed", actor_id,
              f"所涉案件认定情节较轻，随之撤销。{reason}".strip())


def close(work, case, status, actor_id, note):
    """Decided or dismissed, by whom and why; ``actor_id`` None when the system closes it."""
    case.status, case.decided_by, case.decided_at = status, actor_id, clock.now()
    case.note = note
    stats.count_case(work.session, case)
    work.emit("case_decided", {"case_id": case.id, "staff_id": case.staff_id,
                               "status": status, "severity": case.severity,
                               "outcome": case.outcome, "measures": case.measures,
                               "note": note, "decided_by": actor_id})
