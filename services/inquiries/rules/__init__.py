"""首问负责制, 一次性告知制, 服务承诺制: first inquiries, one-time notices, commitments.

Pure functions over records and dates; ``today`` is the office's date. Complaints and
their investigation are in :mod:`.complaints`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from chassis.errors import Conflict, Forbidden, Invalid, permitted
from chassis.schemas import Facts
from contracts.vocabulary import ROLE_GROUPS
from office import urges
from office.acting import Acting
from office.transitions import Transition

LEADERSHIP = ROLE_GROUPS["LEADERSHIP"]  # read every division's parties

if TYPE_CHECKING:  # the calendar's module brings nameko; the rules need only its type
    from chassis.calendar import WorkingCalendar

PARTY_FIELDS = ("visitor_name", "applicant", "contact")  # who came, and how to reach them


@dataclass(frozen=True)
class Reader:
    """Who reads an inquiry or an application: id, role and division."""

    id: str
    role: str
    division_id: str | None


@dataclass(frozen=True)
class Handling:
    """Who handles a matter: the people who took or hold it, and their divisions."""

    people: frozenset[str]
    divisions: frozenset[str]


def sees_party(reader: Reader, handling: Handling) -> bool:
    """个人信息保护: a visitor's or party's name and contact are for the divisions handling
    the inquiry or application, leaders and admins."""
    return reader.role in LEADERSHIP or reader.id in handling.people \
        or (reader.division_id is not None and reader.division_id in handling.divisions)


class NotHandling(Forbidden):
    code = "not_handling"


def check_sees_party(reader: Reader, handling: Handling) -> None:
    """A letter addressed to the party (一次性告知书) is printed by those handling it."""
    if not sees_party(reader, handling):
        raise NotHandling("only the divisions handling this application print its letters")


def party_shown(record: dict, reader: Reader, handling: Handling) -> dict:
    """``record`` with who came and how to reach them left out (None) for anyone else."""
    if sees_party(reader, handling):
        return record
    return {**record, **{field: None for field in PARTY_FIELDS if field in record}}


@dataclass(frozen=True)
class InquiryFacts(Facts):
    """What the rules read of an inquiry (``.of(row)``, from an ``Inquiry`` row)."""

    status: str
    first_responder_id: str
    acting_id: str | None

# 服务承诺制: what the office publishes about how it serves (docs/rules.md, 三).
COMMITMENTS = [
    ("首问负责", "首位接待的工作人员负责解答、办理或引导到经办处室，不推诿扯皮。"),
    ("一次性告知", "一次性告知办理事项的依据、时限、程序和所需全部材料；材料不全的，"
                   "一次性告知需补办的全部材料，当事人要求时出具书面告知书。"),
    ("限时办结", "领导批办的一般公文10个工作日内办结；各办事事项按公布的时限办结。"),
    ("离岗告示与AB岗", "离岗须告示去向、事由和到岗时间，由B岗人员顶岗，工作不断档。"),
    ("廉洁自律", "不利用职权和工作之便“吃拿卡要”。"),
    ("接受监督", "欢迎投诉（可匿名），凭投诉编号和查询码查询办理情况。"),
]


class AlreadyClosed(Conflict):
    code = "inquiry_closed"


class NotFirstResponder(Forbidden):
    code = "not_first_responder"


class UnknownMaterial(Invalid):
    code = "unknown_material"


class DuplicateMaterial(Invalid):
    code = "duplicate_material"


class NotReturned(Conflict):
    """Only a returned application is resubmitted."""

    code = "application_not_returned"


class BadHalfYear(Invalid):
    code = "bad_half_year"


class NotGuided(Conflict):
    code = "inquiry_not_guided"


class NotYourDivision(Forbidden):
    code = "not_your_division"


class MatterMismatch(Invalid):
    code = "matter_mismatch"


class NotReviewer(Forbidden):
    code = "not_reviewer"


class NotAccepted(Conflict):
    code = "application_not_accepted"


@dataclass(frozen=True)
class ApplicationFacts(Facts):
    """What the rules read of an application (``.of(row)``)."""

    status: str
    reviewer_id: str | None
    acting_id: str | None


def is_first_responder(inquiry: InquiryFacts, actor_id: str) -> bool:
    """The first responder, or the B acting for them (五)."""
    return actor_id in (inquiry.first_responder_id, inquiry.acting_id)


def is_of_division(division_id: str | None, actor_division_id: str | None) -> bool:
    """A member of the division the work went to."""
    return actor_division_id is not None and actor_division_id == division_id


def is_reviewer(application: ApplicationFacts, actor_id: str) -> bool:
    """The reviewer who accepted it, or the B acting for them."""
    return actor_id in (application.reviewer_id, application.acting_id)


def reviews(actor: Acting) -> bool:
    """Staff and heads review applications (六.2)."""
    return actor.role in ROLE_GROUPS["ABSENTEES"]


INQUIRY = {
    "handle": Transition(("open",), "handled", is_first_responder),
    "guide": Transition(("open",), "guided", is_first_responder),
    "redirect": Transition(("open",), "redirected", is_first_responder),
    "answer": Transition(("guided",), "answered", is_of_division),
}
"""An inquiry (首问负责制), verb by verb: the first responder closes it once (二.1) —
handled (二.3), guided to a division (二.4) or redirected outside (二.5); a guided one is
answered by the division it went to (二.4)."""

REVIEWED = ("accepted", "returned", "refused")  # what a review of the materials decides (六.2)

APPLICATION = {
    "resubmit": Transition(("returned",), REVIEWED, reviews),
    "refer": Transition(("accepted",), "accepted", is_reviewer),
    "complete": Transition(("accepted",), "completed", is_reviewer),
}
"""An application (一次性告知制), verb by verb: reviewed on arrival (六.2), what a one-time
notice returned comes back and is reviewed again; an accepted one is referred for advice
(六.4) and completed (六.3) by its reviewer or their acting B."""


def lapse_day(recorded_on: date, calendar: WorkingCalendar) -> date:
    """首问: an inquiry must be closed by the end of the next working day."""
    return calendar.add_working_days(recorded_on, 1)


def check_matter_publisher(actor: Acting, head_id: str | None) -> None:
    """服务承诺 (办事程序、必备条件): an admin or the division's head publishes its matters."""
    if actor.role != "admin" and actor.id != head_id:
        raise NotYourDivision("an admin or the division's head publishes its matters")


def check_answerer(status: str, guided_division_id: str | None,
                   actor_division_id: str | None) -> None:
    """二.4: the division an inquiry was guided to receives, handles and answers it."""
    step = INQUIRY["answer"]
    if status not in step.sources:
        raise NotGuided(f"the inquiry is {status}, not waiting for a division's answer",
                        {"status": status})
    if not step.who(guided_division_id, actor_division_id):
        raise NotYourDivision("the division it was guided to answers it",
                              {"division_id": guided_division_id})


def review_outcome(problems: list, refusal_reason: str | None) -> str:
    """六.2: refused (不予受理) with a reason; else returned with every problem; else accepted."""
    if (refusal_reason or "").strip():
        return "refused"
    return "returned" if problems else "accepted"


def check_resubmission(given_matter: str | None, matter: str, status: str) -> None:
    """六.2: what a notice returned comes back, for the application's own matter."""
    if given_matter is not None and given_matter != matter:
        raise MatterMismatch("a resubmission is for the application's own matter",
                             {"matter_id": matter})
    if status not in APPLICATION["resubmit"].sources:
        raise NotReturned(f"the application is {status}", {"status": status})


def application_due(accepted_on: date, time_limit_days: int,
                    calendar: WorkingCalendar) -> date:
    """服务承诺: an accepted application is due the matter's time limit in working days on;
    a matter of time limit 0 is handled at once (六.2 即办): due the day it is accepted."""
    if time_limit_days == 0:
        return accepted_on
    return calendar.add_working_days(accepted_on, time_limit_days)


class MatterWithdrawn(Conflict):
    code = "matter_withdrawn"


def check_matter_open(withdrawn: bool) -> None:
    """三.2: a withdrawn matter is no longer offered: no application for it, no resubmission,
    no revision, no second withdrawal."""
    if withdrawn:
        raise MatterWithdrawn("the matter has been withdrawn")


def check_completion(status: str, reviewer_id: str | None, acting_id: str | None,
                     actor_id: str) -> None:
    """六.3: the reviewer who accepted it (or the B acting for them) finishes it, once."""
    step = APPLICATION["complete"]
    if not step.who(ApplicationFacts(status, reviewer_id, acting_id), actor_id):
        raise NotReviewer("the reviewer who accepted it, or their acting B, completes it",
                          {"reviewer_id": reviewer_id})
    if status not in step.sources:
        raise NotAccepted(f"the application is {status}", {"status": status})


def check_referrer(application: ApplicationFacts, actor_id: str) -> None:
    """六.4: the reviewer handling an accepted application (or the B acting for them) asks
    another division or an outside unit what the party's matter needs."""
    step = APPLICATION["refer"]
    if not step.who(application, actor_id):
        raise NotReviewer("the reviewer who accepted it, or their acting B, refers it",
                          {"reviewer_id": application.reviewer_id})
    if application.status not in step.sources:
        raise NotAccepted(f"the application is {application.status}",
                          {"status": application.status})


def on_time(completed_on: date, due_date: date) -> bool:
    """办结 by the due date."""
    return completed_on <= due_date


def inquiry_holder(inquiry: InquiryFacts, guided_head_id: str | None) -> str | None:
    """Whom an inquiry waits on now (催办's target): the first responder, or the B acting
    for them, until it is closed; once guided, the head of the division it went to (who
    answers for it: 二.4); nobody once answered."""
    if inquiry.status == "open":
        return inquiry.acting_id or inquiry.first_responder_id
    if inquiry.status == "guided":
        return guided_head_id
    return None


def application_holder(application: ApplicationFacts) -> str | None:
    """An accepted application waits on its reviewer, or the B acting for them (六.3)."""
    if application.status == "accepted":
        return application.acting_id or application.reviewer_id
    return None


def check_urge(holder: str | None, actor: Acting, head_now: str | None) -> str:
    """催办 by the head (or acting head) of the division the work is with, a leader or an
    admin, of open work; the holder urged."""
    urges.check_may_urge(actor, head_now)
    urges.check_open(holder)
    return holder


def inquiry_actions(inquiry: InquiryFacts, actor: Acting, guided_division_id: str | None,
                    holder: str | None, head_now: str | None) -> list[str]:
    """What ``actor`` (with their division) may do to the inquiry now."""
    def close():
        check_closer(inquiry, actor.id)
    return permitted({
        **dict.fromkeys(("handle", "guide", "redirect"), close),
        "answer": lambda: check_answerer(inquiry.status, guided_division_id,
                                         actor.division_id),
        "urge": lambda: check_urge(holder, actor, head_now)})


def application_actions(application: ApplicationFacts, actor: Acting,
                        head_now: str | None, matter_withdrawn: bool) -> list[str]:
    """What ``actor`` may do to the application now."""
    def resubmit():
        if not APPLICATION["resubmit"].who(actor):
            raise Forbidden("staff review resubmissions")
        check_resubmission(None, "", application.status)
        check_matter_open(matter_withdrawn)
    return permitted({
        "resubmit": resubmit,
        "complete": lambda: check_completion(application.status, application.reviewer_id,
                                             application.acting_id, actor.id),
        "refer": lambda: check_referrer(application, actor.id),
        "urge": lambda: check_urge(application_holder(application), actor, head_now)})


def check_closer(inquiry: InquiryFacts, actor_id: str) -> None:
    """The first responder (or the B acting for them) closes the inquiry, once."""
    step = INQUIRY["handle"]  # guiding and redirecting start alike, by the same person
    if not step.who(inquiry, actor_id):
        raise NotFirstResponder("only the first responder closes this inquiry",
                                {"first_responder_id": inquiry.first_responder_id})
    if inquiry.status not in step.sources:
        raise AlreadyClosed(f"the inquiry is already {inquiry.status}",
                            {"status": inquiry.status})


def review(catalogue: Sequence[Mapping], submitted: Sequence[Mapping]) -> list[dict]:
    """一次性告知: every missing required material and every defective one, at once.

    ``catalogue`` is the matter's ``[{code, name, required}]``; ``submitted`` the
    application's ``[{code, ok, defect?}]``.
    """
    known = {m["code"]: m for m in catalogue}
    codes = [m["code"] for m in submitted]
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UnknownMaterial("the matter does not list these materials", {"codes": unknown})
    if len(set(codes)) != len(codes):
        raise DuplicateMaterial("a material is given twice", {"codes": codes})
    given = {m["code"]: m for m in submitted}
    problems = []
    for material in catalogue:
        entry = given.get(material["code"])
        if entry is None and material["required"]:
            problems.append({"code": material["code"], "name": material["name"],
                             "problem": "missing"})
        elif entry is not None and not entry["ok"]:
            problems.append({"code": material["code"], "name": material["name"],
                             "problem": "defective", "defect": entry.get("defect") or ""})
    return problems


def lapses(problems: Sequence[Mapping], earlier_reviews: Sequence[Mapping]) -> list[dict]:
    """Problems a one-time notice should have raised before: the one-time rule broken.

    A material accepted in an earlier review, or a problem no earlier notice listed,
    is a lapse; one listed before and still not fixed is not.
    """
    lapsed = []
    for problem in problems:
        accepted = [r["reviewer_id"] for r in earlier_reviews
                    if r["accepted"].get(problem["code"])]
        listed = any(problem["code"] in r["listed"] for r in earlier_reviews)
        if accepted:
            lapsed.append(_lapse(problem, "accepted_before", accepted))
        elif not listed and earlier_reviews:
            lapsed.append(_lapse(problem, "not_listed_before",
                                 [r["reviewer_id"] for r in earlier_reviews]))
    return lapsed


def _lapse(problem, why, reviewer_ids):
    """A lapsed item, with the earlier reviewers who accepted or did not list it."""
    return {"code": problem["code"], "name": problem["name"], "why": why,
            "reviewer_ids": sorted(set(reviewer_ids))}


def notice_number(year: int, seq: int) -> str:
    return f"一次性告知〔{year}〕{seq}号"


def half_year(text: str) -> tuple[date, date]:
    """``2026H1`` → [2026-01-01, 2026-07-01); ``2026H2`` → [2026-07-01, 2027-01-01)."""
    try:
        year, half = int(text[:4]), text[4:]
        if half not in ("H1", "H2") or len(text) != 6 or not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        raise BadHalfYear("half must look like 2026H1 or 2026H2", {"half": text}) from None
    if half == "H1":
        return date(year, 1, 1), date(year, 7, 1)
    return date(year, 7, 1), date(year + 1, 1, 1)
