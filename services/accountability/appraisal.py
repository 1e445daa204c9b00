"""年度考核 (一.4, 三.6, 五.7): one person's year — violations by kind, cases and their
outcomes, work done on time, A/B covers served, and the year's report (述职) with its
grade — and a division's year, one row a person. The gateway adds a person's two
semi-annual checks, which inquiries keeps."""

from collections import Counter, defaultdict
from datetime import datetime, time

import sqlalchemy as sa

from chassis.clock import OFFICE_TZ
from chassis.db import found
from chassis.entrypoints import rpc
from chassis.schemas import once, paginate
from contracts.rpc import accountability as s
from office.acting import acting
from services.accountability import duty_reports, people
from services.accountability.models import (
    Achievement,
    Case,
    DivisionView,
    DutyReport,
    StaffView,
    Violation,
)
from services.accountability.rules import grading, judgement
from services.accountability.violations import case_out


def year_bounds(year):
    return tuple(datetime.combine(datetime(y, 1, 1), time(0), OFFICE_TZ)
                 for y in (year, year + 1))


def year_counts(session, staff_ids, year):
    """``{staff_id: counts}``: each person's year in numbers, a few grouped queries for
    them all — the violations that count by kind, and work done on time and late."""
    start, end = year_bounds(year)
    kinds, done = defaultdict(Counter), defaultdict(Counter)
    for staff_id, kind, count in session.execute(
            sa.select(Violation.staff_id, Violation.kind, sa.func.count())
            .where(Violation.staff_id.in_(staff_ids), Violation.occurred_at >= start,
                   Violation.occurred_at < end, Violation.status.in_(grading.COUNTING))
            .group_by(Violation.staff_id, Violation.kind)):
        kinds[staff_id][kind] = count
    for staff_id, kind, count in session.execute(
            sa.select(Achievement.staff_id, Achievement.kind, sa.func.count())
            .where(Achievement.staff_id.in_(staff_ids), Achievement.year == year)
            .group_by(Achievement.staff_id, Achievement.kind)):
        done[staff_id][kind] = count
    return {staff_id: {
        "violations_by_kind": dict(kinds[staff_id]),
        "documents": {"on_time": done[staff_id]["document_on_time"],
                      "late": done[staff_id]["document_late"]},
        "applications": {"on_time": done[staff_id]["application_on_time"],
                         "late": done[staff_id]["application_late"]},
        "inquiries_closed": done[staff_id]["inquiry_closed"],
        "covers_served": done[staff_id]["cover_served"]} for staff_id in staff_ids}


def division_rows(session, persons, year):
    """A division's appraisals: each person's counts, cases opened and report (述职)."""
    ids = [p.staff_id for p in persons]
    counts = year_counts(session, ids, year)
    start, end = year_bounds(year)
    cases = dict(session.execute(
        sa.select(Case.staff_id, sa.func.count())
        .where(Case.staff_id.in_(ids), Case.opened_at >= start, Case.opened_at < end)
        .group_by(Case.staff_id)).all())
    reports = {r.staff_id: {"status": r.status, "grade": r.grade} for r in session.scalars(
        sa.select(DutyReport).where(DutyReport.staff_id.in_(ids), DutyReport.year == year))}
    return once(s.AppraisalRowOut, many=True).dump([{
        "staff_id": p.staff_id, "name": p.name, "division_id": p.division_id, "year": year,
        **counts[p.staff_id], "violations": sum(counts[p.staff_id]["violations_by_kind"]
                                                .values()),
        "cases_opened": cases.get(p.staff_id, 0), "duty_report": reports.get(p.staff_id)}
        for p in persons])


class AppraisalEntrypoints:
    """Mixed into the service: needs ``uow``."""

    @rpc
    def appraisal(self, actor, staff_id, query):
        actor, year = acting(actor), once(s.YearQuery).load(query or {})["year"]
        start, end = year_bounds(year)
        with self.uow as work:
            work.snapshot()
            person, _ = people.person_and_division(work.session, staff_id)
            judgement.check_appraisal_reader(actor, staff_id,
                                             people.heads_of(work.session, person.division_id))
            year_cases = work.session.scalars(sa.select(Case).where(
                Case.staff_id == staff_id, Case.opened_at >= start, Case.opened_at < end))
            contested = work.session.scalars(sa.select(Violation).where(
                Violation.staff_id == staff_id, Violation.occurred_at >= start,
                Violation.occurred_at < end, Violation.status == "contested")).all()
            return once(s.AppraisalOut).dump({
                "staff_id": staff_id, "year": year,
                **year_counts(work.session, [staff_id], year)[staff_id],
                "cases": [{k: v for k, v in case_out(work.session, c, actor).items()
                           if k in ("id", "kind", "status", "severity", "outcome", "measures")}
                          for c in year_cases],
                "duty_report": duty_reports.of_year(work.session, staff_id, year),
                "contested": contested})

    @rpc
    def division_appraisals(self, actor, query):
        """A division's year (or every division's), one row a person in it now."""
        actor, args = acting(actor), once(s.DivisionAppraisalQuery).load(query or {})
        division_id = args.get("division_id")
        with self.uow as work:
            work.snapshot()
            divisions = judgement.appraised_divisions(
                actor, division_id, people.heads_of(work.session, division_id),
                people.read_as_head(work.session, actor.id))
            if division_id:
                found(work.session, DivisionView, division_id, "division")
            select = sa.select(StaffView).where(StaffView.active, StaffView.division_id.in_(
                divisions) if divisions is not None else StaffView.division_id.is_not(None))
            total, sliced = paginate(work.session, select.order_by(
                StaffView.name, StaffView.staff_id), args)
            rows = division_rows(work.session, work.session.scalars(sliced).all(),
                                 args["year"])
        return {"items": rows, "total": total}
