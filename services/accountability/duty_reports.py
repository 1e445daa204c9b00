"""一.4 个人总结、述职、评议: the year's report, its review, and the list; the to-do items
that ask for a report (December and January) and for a review."""

import uuid
from datetime import datetime, time

import sqlalchemy as sa

from chassis.clock import OFFICE_TZ, clock
from chassis.db import found, lock_key, locked
from chassis.entrypoints import rpc
from chassis.schemas import matching, once, paginate
from contracts.rpc import accountability as s
from contracts.todo import todo_item
from contracts.vocabulary import ROLE_GROUPS
from office import work_items
from office.acting import acting
from services.accountability import people
from services.accountability.models import DivisionView, DutyReport, StaffView
from services.accountability.rules import duty_reports as rules
from services.accountability.rules.judgement import NotAllowedToSee


def facts(session, report):
    division = report.division_id and session.get(DivisionView, report.division_id)
    return rules.ReportFacts(report.staff_id, report.status,
                             division.head_id if division else None,
                             division.head_now if division else None,
                             division.leader_id if division else None)


def report_out(session, report, actor):
    known = facts(session, report)
    staff = session.get(StaffView, report.staff_id)
    return {**once(s.DutyReportOut).dump(report), "name": staff.name if staff else None,
            "reviewer_id": known.reviewer_id, "actions": rules.actions(known, actor)}


def visible(session, select, actor):
    """Leaders and admins read every report; others their own and those of the divisions
    whose head powers they hold now — but not the head's own (the leader reviews it; a B
    acting for the head does not read it)."""
    if actor.role in ROLE_GROUPS["LEADERSHIP"]:
        return select
    headed = people.headed(session, actor.id)
    heads = session.scalars(sa.select(DivisionView.head_id).where(
        DivisionView.division_id.in_(headed), DivisionView.head_id.is_not(None))).all()
    return select.where(sa.or_(DutyReport.staff_id == actor.id, sa.and_(
        DutyReport.division_id.in_(headed), DutyReport.staff_id.not_in(heads))))


def of_year(session, staff_id, year):
    """The appraisal's view of the year's report: its review, or None if none was written."""
    report = session.scalar(sa.select(DutyReport).where(DutyReport.staff_id == staff_id,
                                                        DutyReport.year == year))
    return report and {"id": report.id, "status": report.status, "grade": report.grade,
                       "comment": report.comment, "reviewed_by": report.reviewed_by}


def to_review(report, name):
    """A report to review, by whose it is."""
    return todo_item("duty_report", report.id, name or "", report.submitted_at)


def items(session, actor, today):
    """A report to write (from December on, until submitted), and reports to review."""
    found_items = []
    year = rules.year_to_report(today)
    if year and actor.role in rules.REPORTERS and session.scalar(sa.select(DutyReport.id).where(
            DutyReport.staff_id == actor.id, DutyReport.year == year)) is None:
        asked = datetime.combine(today.replace(day=1), time(0), OFFICE_TZ)
        found_items.append(todo_item("duty_report", f"{actor.id}:{year}", str(year), asked))
    # only the reports of divisions the actor heads now or supervises, then the rule decides
    candidates = sa.select(DutyReport).join(
        DivisionView, DivisionView.division_id == DutyReport.division_id).where(
        DutyReport.status == "submitted", DutyReport.staff_id != actor.id,
        sa.or_(DivisionView.division_id.in_(people.headed(session, actor.id)),
               DivisionView.leader_id == actor.id))
    for report in session.scalars(candidates):
        if facts(session, report).reviewer_id == actor.id:
            staff = session.get(StaffView, report.staff_id)
            found_items.append(to_review(report, staff and staff.name))
    return found_items


class DutyReportEntrypoints:
    """Mixed into the service: needs ``uow``."""

    @rpc
    def submit_duty_report(self, actor, payload):
        actor, data = acting(actor), once(s.DutyReportIn).load(payload)
        rules.check_may_report(actor, data["year"], clock.today())
        with self.uow as work:
            lock_key(work.session, f"duty_report:{actor.id}:{data['year']}")
            if work.session.scalar(sa.select(DutyReport.id).where(
                    DutyReport.staff_id == actor.id, DutyReport.year == data["year"])):
                raise rules.AlreadyReported("a report for this year exists", {"year": data["year"]})
            staff = people.person_and_division(work.session, actor.id)[0]
            report = DutyReport(id=str(uuid.uuid4()), staff_id=actor.id,
                                division_id=staff.division_id, year=data["year"],
                                summary=data["summary"], status="submitted",
                                submitted_at=clock.now())
            work.session.add(report)
            work.session.flush()
            name = work.session.get(StaffView, actor.id).name
            reviewer = facts(work.session, report).reviewer_id
            if reviewer:  # none (no head, no leader) is for the admin to fix: org warnings
                work_items.announce(work, reviewer, to_review(report, name), by=actor.id)
            return report_out(work.session, report, actor)

    @rpc
    def review_duty_report(self, actor, report_id, payload):
        actor, data = acting(actor), once(s.DutyReviewIn).load(payload)
        with self.uow as work:
            report = locked(work.session, DutyReport, report_id, "duty_report")
            rules.check_review(facts(work.session, report), actor)
            report.status = rules.DUTY_REPORT["review"].target
            report.grade, report.comment = data["grade"], data["comment"]
            report.reviewed_by, report.reviewed_at = actor.id, clock.now()
            return report_out(work.session, report, actor)

    @rpc
    def get_duty_report(self, actor, report_id):
        actor = acting(actor)
        with self.uow as work:
            report = found(work.session, DutyReport, report_id, "duty_report")
            if work.session.scalar(visible(work.session, sa.select(DutyReport.id).where(
                    DutyReport.id == report_id), actor)) is None:
                raise NotAllowedToSee("not yours to read", {"id": report_id})
            return report_out(work.session, report, actor)

    @rpc
    def list_duty_reports(self, actor, query=None):
        actor, args = acting(actor), once(s.DutyReportQuery).load(query or {})
        with self.uow as work:
            select = visible(work.session, sa.select(DutyReport), actor).order_by(
                DutyReport.year.desc(), DutyReport.submitted_at)
            select = matching(select, DutyReport, args, ("year", "division_id", "staff_id"))
            total, sliced = paginate(work.session, select, args)
            rows = work.session.scalars(sliced).all()
            return {"items": [report_out(work.session, r, actor) for r in rows],
                    "total": total}
