"""一次性告知制 六.4: when a party's matter involves other divisions, or the rules are not
clear, the reviewer asks for them (转办咨询) — another of our divisions, which answers
by the next working day, or an outside unit, whose answer the reviewer records — and the
party reads the answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from chassis.errors import Conflict, Invalid, permitted
from chassis.schemas import Facts
from office.acting import Acting
from office.transitions import Transition
from services.inquiries.rules import (
    ApplicationFacts,
    NotReviewer,
    NotYourDivision,
    is_reviewer,
)

if TYPE_CHECKING:
    from chassis.calendar import WorkingCalendar


@dataclass(frozen=True)
class ReferralFacts(Facts):
    """What the rules read of a referral (``.of(row)``)."""

    status: str
    division_id: str | None
    external_unit: str | None


class ReferralTarget(Invalid):
    code = "referral_target"


class OwnDivision(Invalid):
    code = "own_division"


class AlreadyAnswered(Conflict):
    code = "referral_answered"


def check_target(division_id: str | None, external_unit: str | None,
                 own_division_id: str | None) -> None:
    """A referral goes to exactly one: one of our divisions — not the reviewer's own, whose
    answer they can give themselves — or an outside unit."""
    if (division_id is None) == (external_unit is None):
        raise ReferralTarget("refer to a division or to an outside unit, one of the two")
    if division_id is not None and division_id == own_division_id:
        raise OwnDivision("a referral goes to another division than the reviewer's own",
                          {"division_id": division_id})


def referral_due(referred_on: date, calendar: WorkingCalendar) -> date:
    """The division referred to answers by the end of the next working day (as a guided
    inquiry is answered, 二.4)."""
    return calendar.add_working_days(referred_on, 1)


def answers(referral: ReferralFacts, application: ApplicationFacts, actor: Acting,
            head_now: str | None) -> bool:
    """Staff of the division referred to, or whoever holds its head powers; for an outside
    unit, the reviewer (or the B acting for them), who records its answer."""
    if referral.division_id is not None:
        return actor.division_id == referral.division_id or actor.id == head_now
    return is_reviewer(application, actor.id)


REFERRAL = {"answer": Transition(("open",), "answered", answers)}
"""A referral (转办咨询, 六.4): answered once."""


def check_answerer(referral: ReferralFacts, application: ApplicationFacts, actor: Acting,
                   head_now: str | None) -> None:
    """Staff of the division referred to, or whoever holds its head powers, answer it; an
    outside unit's answer is recorded by the reviewer (or the B acting for them). Once."""
    step = REFERRAL["answer"]
    if not step.who(referral, application, actor, head_now):
        if referral.division_id is not None:
            raise NotYourDivision("the division it was referred to answers it",
                                  {"division_id": referral.division_id})
        raise NotReviewer("the reviewer records an outside unit's answer",
                          {"reviewer_id": application.reviewer_id})
    if referral.status not in step.sources:
        raise AlreadyAnswered("the referral has its answer", {"status": referral.status})


def referral_actions(referral: ReferralFacts, application: ApplicationFacts, actor: Acting,
                     head_now: str | None) -> list[str]:
    """What ``actor`` (with their division) may do to the referral now: ``answer``."""
    return permitted({verb: partial(check_answerer, referral, application, actor, head_now)
                      for verb in REFERRAL})
