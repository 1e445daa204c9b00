"""一.4 个人总结、述职、评议: each person's report on the year, reviewed by whoever answers
for them — a person's by their division's head (or the acting head, 五.3), a head's by the
supervising leader — graded with the four grades of the civil-service annual appraisal.

Each check takes the facts as plain values and raises a domain error.
"""

from dataclasses import dataclass
from datetime import date
from functools import partial

from chassis.errors import Conflict, Forbidden, Invalid, permitted
from contracts.vocabulary import ROLE_GROUPS
from office.acting import Acting
from office.transitions import Transition
from services.accountability.rules.judgement import Recusal

REPORTERS = ROLE_GROUPS["REPORTERS"]


@dataclass(frozen=True)
class ReportFacts:
    staff_id: str
    status: str  # submitted | reviewed
    head_id: str | None  # the division's head, and who holds the head's powers now
    head_now: str | None
    leader_id: str | None  # the division's supervising leader

    @property
    def reviewer_id(self) -> str | None:
        """Who reviews it: the supervising leader for the report of the head — or of the B
        acting for the head, who may not review their own —, else the head or whoever acts
        for them."""
        if self.staff_id in (self.head_id, self.head_now):
            return self.leader_id
        return self.head_now


class NotAReporter(Forbidden):
    code = "not_a_reporter"


class NotTheReviewer(Forbidden):
    code = "not_the_reviewer"


class AlreadyReported(Conflict):
    code = "duty_report_exists"


class AlreadyReviewed(Conflict):
    code = "duty_report_reviewed"


class YearNotOver(Invalid):
    code = "year_not_begun"


def check_may_report(actor: Acting, year: int, today: date) -> None:
    """Staff and heads report on a year that has come (a report is never changed: one
    filed for a later year by mistake would block that year's)."""
    if actor.role not in REPORTERS:
        raise NotAReporter("staff and division heads report on their year (述职)",
                           {"role": actor.role})
    if year > today.year:
        raise YearNotOver("a report is for this year or an earlier one", {"year": year})


def is_reviewer(actor: Acting, facts: ReportFacts) -> bool:
    """Its reviewer (:attr:`ReportFacts.reviewer_id`), never on their own report (回避)."""
    return actor.id != facts.staff_id and actor.id == facts.reviewer_id


DUTY_REPORT = {"review": Transition(("submitted",), "reviewed", is_reviewer)}
"""A year's report (一.4 述职): reviewed (评议) once, by whoever answers for the person."""


def check_review(facts: ReportFacts, actor: Acting) -> None:
    """Nobody reviews their own report (回避); only its reviewer reviews it, once."""
    step = DUTY_REPORT["review"]
    if actor.id == facts.staff_id:
        raise Recusal("nobody reviews their own report", {"staff_id": facts.staff_id})
    if not step.who(actor, facts):
        raise NotTheReviewer("a report is reviewed by the person's head, a head's by the "
                             "supervising leader", {"reviewer_id": facts.reviewer_id})
    if facts.status not in step.sources:
        raise AlreadyReviewed("this report has been reviewed", {"status": facts.status})


def actions(facts: ReportFacts, actor: Acting) -> list[str]:
    return permitted({verb: partial(check_review, facts, actor) for verb in DUTY_REPORT})


def year_to_report(today: date) -> int | None:
    """The year whose report the to-do asks for: from December until the end of January
    (the appraisal is done at the turn of the year), else none."""
    if today.month == 12:
        return today.year
    if today.month == 1:
        return today.year - 1
    return None
