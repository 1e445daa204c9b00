"""What waits in accountability for one person (我的待办): their own recorded violations,
which they may explain; for a leader, explanations to judge and open cases to decide; the
year's report (述职) to write or review. The
same items are announced (``todo_added``) where they appear, so the person is told."""

import sqlalchemy as sa

from chassis.schemas import todo_item
from services.accountability import duty_reports
from services.accountability.models import Case, Violation
from services.accountability.rules.grading import SEVERITIES

KINDS = {"overdue": "超时办理", "late_return": "逾时归岗", "unauthorised_absence": "擅自离岗",
         "complaint": "投诉属实", "notice_violated": "未一次性告知",
         "first_inquiry_lapsed": "首问未办结", "handover_failed": "AB岗未顶岗",
         "duty_failure": "未履行岗位职责"}


def items(session, actor, today):
    found = duty_reports.items(session, actor, today) + [recorded(v) for v in session.scalars(
        sa.select(Violation).where(Violation.staff_id == actor.id,
                                   Violation.status == "recorded"))]
    if actor.role == "leader":  # what the leader may judge: never their own matter (回避)
        free = sa.or_(Case.responsible_id.is_(None), Case.responsible_id != actor.id)
        found += [contested(v) for v in session.scalars(
            sa.select(Violation).outerjoin(Case, Case.id == Violation.case_id).where(
                Violation.status == "contested", Violation.staff_id != actor.id, free))]
        found += [to_decide(c) for c in session.scalars(sa.select(Case).where(
                      Case.status == "open", Case.staff_id != actor.id, free))]
    return found


def recorded(violation):
    return _violation(violation, "违规记录（可申辩）")


def contested(violation):
    return _violation(violation, "申辩待审")


def to_decide(case):
    return todo_item("case", case.id, f"案件待裁定（{SEVERITIES[case.suggested_severity]}）",
                     case.opened_at, f"/cases/{case.id}")


def _violation(violation, what):
    return todo_item("violation", violation.id, f"{what}：{KINDS[violation.kind]}",
                     violation.contested_at or violation.occurred_at,
                     f"/violations/{violation.id}")
