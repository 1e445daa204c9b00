"""What waits in accountability for one person (我的待办): their own recorded violations,
which they may explain; for a leader, explanations to judge and open cases to decide; the
year's report (述职) to write or review. The
same items are announced (``todo_added``) where they appear, so the person is told."""

import sqlalchemy as sa

from contracts.todo import todo_item
from contracts.vocabulary import SEVERITIES, VIOLATION_KINDS
from services.accountability import duty_reports
from services.accountability.models import Case, Violation


def items(session, actor, today):
    found = duty_reports.items(session, actor, today) + [
        violation_item(v) for v in session.scalars(sa.select(Violation).where(
            Violation.staff_id == actor.id, Violation.status == "recorded"))]
    if actor.role == "leader":  # what the leader may judge: never their own matter (回避)
        free = sa.or_(Case.responsible_id.is_(None), Case.responsible_id != actor.id)
        found += [violation_item(v, step="judge") for v in session.scalars(
            sa.select(Violation).outerjoin(Case, Case.id == Violation.case_id).where(
                Violation.status == "contested", Violation.staff_id != actor.id, free))]
        found += [to_decide(c) for c in session.scalars(sa.select(Case).where(
                      Case.status == "open", Case.staff_id != actor.id, free))]
    return found


def violation_item(violation, step=None):
    """A violation of theirs to explain, or (for a leader, ``step="judge"``) an explanation
    to judge: by its kind."""
    return todo_item("violation", violation.id, VIOLATION_KINDS[violation.kind],
                     violation.contested_at or violation.occurred_at, step=step)


def to_decide(case):
    """An open case, by the severity it is suggested to have."""
    return todo_item("case", case.id, SEVERITIES[case.suggested_severity], case.opened_at)
