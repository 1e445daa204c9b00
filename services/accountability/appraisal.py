"""年度考核 (一.4, 三.6, 五.7): one person's year — violations by kind, cases and their
outcomes, work done on time, A/B covers served, and the year's report (述职) with its
grade. The gateway adds the two semi-annual checks, which inquiries keeps."""

from collections import Counter
from datetime import datetime, time

import sqlalchemy as sa

from chassis.clock import OFFICE_TZ
from chassis.entrypoints import rpc
from chassis.schemas import acting
from contracts.rpc import accountability as s
from services.accountability import duty_reports, people
from services.accountability.models import Achievement, Case, Violation
from services.accountability.rules import grading, judgement
from services.accountability.violations import case_out


class AppraisalEntrypoints:
    """Mixed into the service: needs ``uow``."""

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
                "cases": [{k: v for k, v in case_out(work.session, c, actor).items()
                           if k in ("id", "kind", "status", "severity", "outcome", "measures")}
                          for c in year_cases],
                "documents": {"on_time": done["document_on_time"],
                              "late": done["document_late"]},
                "applications": {"on_time": done["application_on_time"],
                                 "late": done["application_late"]},
                "duty_report": duty_reports.of_year(work.session, staff_id, year),
                "inquiries_closed": done["inquiry_closed"],
                "covers_served": done["cover_served"],
                "contested": [v for v in year_violations if v.status == "contested"]})
