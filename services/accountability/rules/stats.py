"""统计: what each event counts, and the overview's figures (pure).

Every figure is a count of facts of a day in a division (the office's dates, Asia/Shanghai):

documents
  ``assigned``: incoming documents assigned (分办) the first time — a leaver's document
  handed on is not counted again — on the day assigned, in the division that received it.
  ``completed_on_time`` / ``completed_late``: documents completed (办结) on the day
  completed, on time or late against the due date then in force.
  ``overdue_open``: documents that went overdue (red) and are still open now — neither
  completed nor returned to the sender (退文) —, on their due date: the count of a period
  is its overdue documents still open, and falls as they are done.
absences (in the person's division when the event was handled)
  ``notices``: leave-post notices (离岗告示) that began — approved, or short ones
  recorded —, on the day they began; ``leave_requests``: leave requests (请假) likewise.
  ``late_returns``: absences not reported back by the expected return plus the grace, on
  the day that was found; ``unauthorised``: unauthorised absences (擅自离岗) reported or
  found by a spot check, on the day observed.
inquiries
  ``recorded``: inquiries recorded by a first responder (首问), in the responder's division.
  ``lapsed``: lapses on the day the inquiry was due — the first responder's (their
  division), or a guided inquiry's unanswered (the division it was guided to); an inquiry
  may lapse at both stages.
applications (in the matter's division)
  ``accepted`` (受理), ``completed_on_time`` / ``completed_late`` and ``overdue_open``, as
  for documents.
complaints
  ``received`` (and ``by_category``): complaints filed, on the day filed; ``substantiated``:
  complaints found substantiated, on the day concluded; in the division the complaint
  names, else the division of the person it names (held to), else in none.
violations ``by_kind``: violations not waived, on the day they occurred, in the person's
  division when recorded (a waiver takes one out of every count).
cases ``by_severity``: cases opened (personal, and leader responsibility), on the day
  opened, by their severity now — the leader's if decided, else as graded — in the
  subject's division when opened; a dismissed case counts nowhere.

Counts held by no division (a complaint naming nobody, a leader of no division) are in the
totals and the months, not in any division's row.

The counters begin with the release that brought them (accountability's migration 0010):
the other services' earlier facts were never this service's to know, and its own earlier
violations and cases stay uncounted too, even when judged or graded later, so that no
period before it is counted in part.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from chassis.clock import OFFICE_TZ
from contracts import vocabulary
from services.accountability.rules.period import Period

NO_DIVISION = ""
COUNTS = {"documents": tuple(vocabulary.DOCUMENT_COUNTS),
          "absences": tuple(vocabulary.ABSENCE_COUNTS),
          "inquiries": tuple(vocabulary.INQUIRY_COUNTS),
          "applications": tuple(vocabulary.APPLICATION_COUNTS),
          "complaints": tuple(vocabulary.COMPLAINT_COUNTS)}
BREAKDOWNS = {("complaints", "by_category"): tuple(vocabulary.COMPLAINT_CATEGORIES),
              ("violations", "by_kind"): tuple(vocabulary.VIOLATION_KINDS),
              ("cases", "by_severity"): tuple(vocabulary.SEVERITIES)}


@dataclass(frozen=True)
class Tally:
    """One of ``figure`` on ``day``, in ``division_id`` — or, None, in the division of
    ``staff_id`` as accountability knows it (NO_DIVISION if neither)."""

    figure: str
    day: date
    division_id: str | None = None
    staff_id: str | None = None


@dataclass(frozen=True)
class Track:
    """Where a record (``subject``, ``subject_id``) is counted from now on — a later fact
    may move it — or, ``tally`` None, that it is counted nowhere any more, for good."""

    subject: str
    subject_id: str
    tally: Tally | None
    # False: a violation or case moving (judged, graded, closed), which counts only if it
    # was counted when recorded — one recorded before the counters began never is, so a
    # past period is not counted in part
    new: bool = True


def office_day(moment: datetime) -> date:
    return moment.astimezone(OFFICE_TZ).date()


def _done(kind, data, owner_id):
    """A document or application completed: on time or late, and no longer overdue."""
    timing = "completed_on_time" if data["on_time"] else "completed_late"
    return [Tally(f"{kind}s.{timing}", data["completed_on"], data.get("division_id"),
                  owner_id), Track(kind, data[f"{kind}_id"], None)]


def _overdue(kind, data, owner_id):
    """Overdue and open: counted on its due date until done."""
    return [Track(kind, data[f"{kind}_id"], Tally(f"{kind}s.overdue_open", data["due_date"],
                                                  data.get("division_id"), owner_id))]


def _complaint(data, day, figures):
    return [Tally(f"complaints.{f}", day, data["division_id"], data["staff_id"])
            for f in figures]


def tallies(source: str, type_: str, data: Mapping) -> list[Tally | Track]:
    """What one event counts (see the module's docstring); nothing for the others."""
    match source, type_:
        case "documents", "document_assigned":
            return [] if data["reassigned"] else [
                Tally("documents.assigned", office_day(data["assigned_at"]),
                      data["division_id"])]
        case "documents", "document_completed":
            return _done("document", data, data["assignee_id"])
        case "documents", "overdue":
            return _overdue("document", data, data["assignee_id"])
        case "documents", "document_returned":
            return [Track("document", data["document_id"], None)]
        case "attendance", "absence_started":
            figure = "notices" if data["kind"] == "notice" else "leave_requests"
            return [Tally(f"absences.{figure}", office_day(data["start_at"]),
                          staff_id=data["staff_id"])]
        case "attendance", "late_return":
            return [Tally("absences.late_returns", office_day(data["detected_at"]),
                          staff_id=data["staff_id"])]
        case "attendance", "unauthorised_absence":
            return [Tally("absences.unauthorised", office_day(data["observed_at"]),
                          staff_id=data["staff_id"])]
        case "inquiries", "inquiry_recorded":
            return [Tally("inquiries.recorded", office_day(data["recorded_at"]),
                          data["division_id"], data["first_responder_id"])]
        case "inquiries", "first_inquiry_lapsed":
            return [Tally("inquiries.lapsed", data["due_day"], data.get("division_id"),
                          data["first_responder_id"])]
        case "inquiries", "application_accepted":
            return [Tally("applications.accepted", office_day(data["accepted_at"]),
                          data["division_id"], data["reviewer_id"])]
        case "inquiries", "application_completed":
            return _done("application", data, data["reviewer_id"])
        case "inquiries", "overdue":
            return _overdue("application", data, data["reviewer_id"])
        case "inquiries", "complaint_filed":
            return _complaint(data, office_day(data["filed_at"]),
                              ("received", f"by_category.{data['category']}"))
        case "inquiries", "complaint_concluded" if data["finding"] == "substantiated":
            return _complaint(data, office_day(data["concluded_at"]), ("substantiated",))
    return []


def violation_tally(kind: str, status: str, occurred_at: datetime,
                    staff_id: str) -> Tally | None:
    """Where a violation counts: by its kind, in its person's division, unless waived."""
    if status == "waived":
        return None
    return Tally(f"violations.by_kind.{kind}", office_day(occurred_at), staff_id=staff_id)


def case_tally(severity: str, status: str, opened_at: datetime,
               staff_id: str) -> Tally | None:
    """Where a case counts: by its severity now, in its subject's division, unless
    dismissed."""
    if status == "dismissed":
        return None
    return Tally(f"cases.by_severity.{severity}", office_day(opened_at), staff_id=staff_id)


def recount(known: bool, before: Tally | None, after: Tally | None) -> list[tuple[Tally, int]]:
    """What moving a record from ``before`` to ``after`` does to the counters (-1, +1). A
    record ``known`` to be counted nowhere (``before`` None) stays so: a document done is
    not overdue again because its overdue report arrives late."""
    if (known and before is None) or before == after:
        return []
    return [(t, n) for t, n in ((before, -1), (after, 1)) if t is not None]


def counts(tally: Mapping[str, int]) -> dict:
    """A flat ``{figure: n}`` as the overview's nested counts, every figure present."""
    found = {section: {name: tally.get(f"{section}.{name}", 0) for name in names}
             for section, names in COUNTS.items()}
    for (section, name), keys in BREAKDOWNS.items():
        found.setdefault(section, {})[name] = {
            key: tally.get(f"{section}.{name}.{key}", 0) for key in keys}
    return found


def overview(period: Period, by_month: Mapping[date, Mapping[str, int]],
             by_division: Mapping[str, Mapping[str, int]],
             divisions: Sequence[tuple[str, str | None]]) -> dict:
    """The overview of ``period``: the totals, each month's, and each of ``divisions``'
    (``(id, name)``, in order) — counts of no division only in the totals and months."""
    total = sum((Counter(m) for m in by_month.values()), Counter())
    return {"start": period.start, "end": period.end, **counts(total),
            "monthly": [{"month": m.strftime("%Y-%m"), **counts(by_month.get(m, {}))}
                        for m in period.months()],
            "by_division": [{"division_id": d, "division_name": name,
                             **counts(by_division.get(d, {}))} for d, name in divisions]}


def unnamed(known: Iterable[str], counted: Iterable[str]) -> list[str]:
    """Divisions holding counts that the division view does not name (yet)."""
    return sorted(set(counted) - set(known) - {NO_DIVISION})
