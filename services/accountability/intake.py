"""Which violation each event is, and whose: ``(staff_id, kind, occurred_at, details)``.

A pure mapping from the contracts of the services that report violations.
"""

from chassis.errors import Invalid


class NobodyToHold(Invalid):
    code = "unknown_person"


def violations(source, type_, data, occurred_at):
    """The violations an event reports, one per person at fault."""
    found = _violations(source, type_, data, occurred_at)
    if any(staff_id is None for staff_id, *_ in found):
        raise NobodyToHold(f"{type_} names nobody to hold responsible")
    return found


def _violations(source, type_, data, occurred_at):
    details = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    if type_ == "overdue":
        # Whoever held the work for more of its working days answers for the delay (五.4:
        # the owner, or the B acting for them: 不得推诿、留置、拖延或不办); events from before
        # the shares were counted name only who was acting when it was found.
        owner = data["reviewer_id"] if source == "inquiries" else data["assignee_id"]
        return [(answerable(data, owner), "overdue", occurred_at, details)]
    if type_ in ("late_return", "unauthorised_absence"):
        return [(data["staff_id"], type_, occurred_at, details)]
    if type_ == "complaint_concluded":
        # Only a complaint found substantiated counts, against the person the finding names.
        if data["finding"] != "substantiated":
            return []
        return [(data["staff_id"], "complaint", data["filed_at"], details)]
    if type_ == "notice_violated":
        # Those who reviewed before and did not say it at once; else who asks now.
        people = data["earlier_reviewer_ids"] or [data["reviewer_id"]]
        return [(person, "notice_violated", occurred_at, details) for person in people]
    if type_ == "first_inquiry_lapsed":
        # Guided to a division, its head answers; else the first responder or their B (五.4).
        person = data["head_id"] if data.get("stage") == "guided" else \
            answerable(data, data["first_responder_id"])
        return [(person, "first_inquiry_lapsed", occurred_at, details)]
    if type_ == "handover_failed":
        # Arranging backups is the division head's duty.
        return [(data["head_id"], "handover_failed", occurred_at, details)]
    raise ValueError(f"{source}.{type_} reports no violation")


def answerable(data, owner):
    return data.get("responsible_id") or data["acting_id"] or owner


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
