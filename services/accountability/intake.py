"""Which violations each event reports, and whose: one table, ``VIOLATIONS``, from the
event (its source and type) to the violation kind, how to read the people at fault and the
moment from its data, and the handler that consumes it. Adding a violation kind reported by
an event is a code and label in contracts/vocabulary.py and a row here.

A pure mapping from the contracts of the services that report violations.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chassis.errors import Invalid


class NobodyToHold(Invalid):
    code = "unknown_person"


def answerable(data, owner):
    """Whoever held the work for more of its working days answers for it (五.4: the owner,
    or the B acting for them: 不得推诿、留置、拖延或不办); events from before the shares were
    counted name only who was acting when it was found."""
    return data.get("responsible_id") or data["acting_id"] or owner


def staff(data):
    return [data["staff_id"]]


def substantiated(data):
    """Only a complaint found substantiated counts, against the person the finding names."""
    return [data["staff_id"]] if data["finding"] == "substantiated" else []


def earlier_reviewers(data):
    """Those who reviewed before and did not say it at once; else who asks now."""
    return data["earlier_reviewer_ids"] or [data["reviewer_id"]]


def lapsed_by(data):
    """Guided to a division, its head answers; else the first responder or their B (五.4)."""
    if data.get("stage") == "guided":
        return [data["head_id"]]
    return [answerable(data, data["first_responder_id"])]


def division_head(data):
    """Arranging backups is the division head's duty."""
    return [data["head_id"]]


@dataclass(frozen=True)
class Reported:
    """What an event reports: a violation of ``kind`` by each of ``people(data)``, at the
    event's moment or at ``data[at]``; consumed by the handler named ``handler`` (a queue's
    name: it never changes)."""

    kind: str
    people: Callable[[Mapping], list]
    handler: str
    at: str | None = None


VIOLATIONS = {
    ("documents", "overdue"): Reported(
        "overdue", lambda d: [answerable(d, d["assignee_id"])], "on_overdue"),
    ("inquiries", "overdue"): Reported(
        "overdue", lambda d: [answerable(d, d["reviewer_id"])], "on_application_overdue"),
    ("attendance", "late_return"): Reported("late_return", staff, "on_late_return"),
    ("attendance", "unauthorised_absence"): Reported(
        "unauthorised_absence", staff, "on_unauthorised_absence"),
    ("inquiries", "complaint_concluded"): Reported(
        "complaint", substantiated, "on_complaint_concluded", at="filed_at"),
    ("inquiries", "notice_violated"): Reported(
        "notice_violated", earlier_reviewers, "on_notice_violated"),
    ("inquiries", "first_inquiry_lapsed"): Reported(
        "first_inquiry_lapsed", lapsed_by, "on_first_inquiry_lapsed"),
    ("posts", "handover_failed"): Reported("handover_failed", division_head, "on_handover_failed"),
}


def violations(source, type_, data, occurred_at):
    """The violations an event reports, ``(staff_id, kind, occurred_at, details)`` one per
    person at fault."""
    try:
        row = VIOLATIONS[source, type_]
    except KeyError:
        raise ValueError(f"{source}.{type_} reports no violation") from None
    people = row.people(data)
    if any(staff_id is None for staff_id in people):
        raise NobodyToHold(f"{type_} names nobody to hold responsible")
    details = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    at = data[row.at] if row.at else occurred_at
    return [(staff_id, row.kind, at, details) for staff_id in people]


def source_of(source, data):
    """Where a violation comes from: the producing service, or what it says the fact is
    about (an overdue ``application`` of inquiries)."""
    return data.get("source", source)


def achievement(type_, data):
    """``(staff_id, kind)`` the annual appraisal counts, or None."""
    if type_ == "document_completed":
        return data["completed_by"], "document_on_time" if data["on_time"] else "document_late"
    if type_ == "application_completed":
        return data["completed_by"], \
            "application_on_time" if data["on_time"] else "application_late"
    if type_ == "inquiry_closed":
        return data["closed_by"], "inquiry_closed"
    if type_ == "handover_started":
        return data["to_id"], "cover_served"
    return None
