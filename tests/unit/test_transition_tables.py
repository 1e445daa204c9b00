"""Each state machine is one transition table in its rules (verb → the statuses it starts
from, the status it leads to, who may do it): walked here, and the ``actions`` a record
lists held to it."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from chassis.clock import OFFICE_TZ
from chassis.errors import Forbidden
from contracts import vocabulary
from office.acting import Acting
from services.accountability.rules import duty_reports, judgement
from services.attendance import rules as attendance
from services.documents import rules as documents
from services.inquiries import rules as inquiries
from services.inquiries.rules import complaints, referrals

# machine: (its table, every status it knows, where records start, where they end)
MACHINES = {
    "absence": (attendance.ABSENCE, vocabulary.ABSENCE_STATUSES, ("recorded", "pending"),
                ("rejected",)),
    "document": (documents.DOCUMENT, vocabulary.DOCUMENT_STATUSES, ("received",),
                 ("returned", "completed")),
    "extension": (documents.EXTENSION, vocabulary.EXTENSION_STATUSES, ("requested",),
                  ("approved", "rejected")),
    "outgoing": (documents.OUTGOING, vocabulary.OUTGOING_STATUSES, ("draft",), ("printed",)),
    "violation": (judgement.VIOLATION, vocabulary.VIOLATION_STATUSES, ("recorded",),
                  ("upheld", "waived")),
    "case": (judgement.CASE, vocabulary.CASE_STATUSES, ("open",), ("decided", "dismissed")),
    "duty report": (duty_reports.DUTY_REPORT, vocabulary.DUTY_REPORT_STATUSES, ("submitted",),
                    ("reviewed",)),
    "inquiry": (inquiries.INQUIRY, vocabulary.INQUIRY_STATUSES, ("open",),
                ("handled", "redirected", "answered")),
    "application": (inquiries.APPLICATION, vocabulary.APPLICATION_STATUSES, inquiries.REVIEWED,
                    ("refused", "completed")),
    "referral": (referrals.REFERRAL, vocabulary.REFERRAL_STATUSES, ("open",), ("answered",)),
    "complaint": (complaints.COMPLAINT, vocabulary.COMPLAINT_STATUSES, ("received",),
                  tuple(vocabulary.FINDINGS)),
}



def reached(table, starts):
    """Every status a record starting in ``starts`` can come to, verb by verb."""
    seen, frontier = set(starts), list(starts)
    while frontier:
        status = frontier.pop()
        new = {t for step in table.values() if status in step.sources
               for t in step.targets} - seen
        seen |= new
        frontier.extend(new)
    return seen


@pytest.mark.parametrize("machine", MACHINES)
def test_every_status_of_a_machine_is_reached_from_where_its_records_start(machine):
    table, statuses, starts, _ = MACHINES[machine]
    assert reached(table, starts) == set(statuses)


@pytest.mark.parametrize("machine", MACHINES)
def test_every_verb_starts_from_and_leads_to_a_known_status(machine):
    table, statuses, _, _ = MACHINES[machine]
    assert {s for step in table.values() for s in (*step.sources, *step.targets)} \
        <= set(statuses)


@pytest.mark.parametrize("machine", MACHINES)
def test_no_verb_starts_from_an_ended_status(machine):
    table, _, _, ends = MACHINES[machine]
    assert {verb for verb, step in table.items() if set(step.sources) & set(ends)} == set()


def listed_as_the_table_says(table, actions_in, actor_for):
    """For each verb and an actor its predicate admits, ``actions_in(status, actor)`` lists
    the verb exactly in the statuses its row starts from; the statuses and rows disagreeing
    with that."""
    statuses = {s for step in table.values() for s in (*step.sources, *step.targets)}
    return [(verb, status) for verb, step in table.items() for status in sorted(statuses)
            if (verb in actions_in(status, actor_for[verb])) != (status in step.sources)]


def at(hour):
    return datetime(2026, 11, 26, hour, tzinfo=OFFICE_TZ)


def test_an_absence_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        absence = attendance.AbsenceFacts(
            id="n1", staff_id="a", status=status, approver_id="head", start_at=at(10),
            expected_return_at=at(12), started_at=at(10),
            returned_at=at(11) if status == "returned" else None,
            return_acknowledged_at=None, late_reported=False, reason="开会",
            reason_kind="business", contact="1")
        return attendance.actions(absence, actor, at(11), None)
    approver, person = Acting("head", "division_head"), Acting("a", "staff")
    assert listed_as_the_table_says(attendance.ABSENCE, actions_in, {
        "approve": approver, "reject": approver, "return": person,
        "acknowledge": approver}) == []


def test_a_document_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        document = documents.DocumentFacts(
            status=status, division_id="d", assignee_id="a", acting_id=None, urgent=False,
            due_date=date(2026, 11, 30), completed_on=None)
        verbs = documents.actions(document, actor, "head", date(2026, 11, 26),
                                  pending_extension=False, assignee_left=True)
        return verbs
    head, assignee = Acting("head", "division_head"), Acting("a", "staff")
    assert listed_as_the_table_says(documents.DOCUMENT, actions_in, {
        verb: head if step.who is documents.is_head else assignee
        for verb, step in documents.DOCUMENT.items()}) == []


def test_an_extension_lists_the_verbs_its_table_allows_in_each_status():
    document = documents.DocumentFacts(
        status="assigned", division_id="d", assignee_id="a", acting_id=None, urgent=False,
        due_date=date(2026, 11, 30), completed_on=None)

    def actions_in(status, actor):
        extension = documents.ExtensionFacts(status=status, new_due_date=date(2026, 12, 4))
        return documents.extension_actions(document, extension, actor.id, "head")
    head = Acting("head", "division_head")
    assert listed_as_the_table_says(documents.EXTENSION, actions_in,
                                    dict.fromkeys(documents.EXTENSION, head)) == []


def test_an_outgoing_draft_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        outgoing = documents.OutgoingFacts(status=status, drafter_id="s")
        return documents.outgoing_actions(outgoing, actor, "head")
    leader, drafter = Acting("boss", "leader"), Acting("s", "staff")
    assert listed_as_the_table_says(documents.OUTGOING, actions_in, {
        "sign": leader, "number": drafter, "print": drafter}) == []


def test_a_violation_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        return judgement.violation_actions(status, {"a", "head"}, "a", actor)
    leader, person = Acting("boss", "leader"), Acting("a", "staff")
    assert listed_as_the_table_says(judgement.VIOLATION, actions_in, {
        "contest": person, "uphold": leader, "waive": leader}) == []


def test_a_case_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        return judgement.case_actions(judgement.CaseFacts("a", status, 0, "head"), actor)
    assert listed_as_the_table_says(judgement.CASE, actions_in,
                                    dict.fromkeys(judgement.CASE, Acting("boss", "leader"))) == []


def test_a_duty_report_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        report = duty_reports.ReportFacts(staff_id="a", status=status, head_id="head",
                                          head_now="head", leader_id="boss")
        return duty_reports.actions(report, actor)
    assert listed_as_the_table_says(duty_reports.DUTY_REPORT, actions_in,
                                    {"review": Acting("head", "division_head")}) == []


def test_an_inquiry_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        inquiry = inquiries.InquiryFacts(status=status, first_responder_id="a", acting_id=None)
        return inquiries.inquiry_actions(inquiry, actor, "d2", None, None)
    responder, answerer = Acting("a", "staff", "d1"), Acting("x", "staff", "d2")
    assert listed_as_the_table_says(inquiries.INQUIRY, actions_in, {
        "handle": responder, "guide": responder, "redirect": responder,
        "answer": answerer}) == []


def test_an_application_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        application = inquiries.ApplicationFacts(status=status, reviewer_id="r", acting_id=None)
        return inquiries.application_actions(application, actor, None, False)
    assert listed_as_the_table_says(inquiries.APPLICATION, actions_in, dict.fromkeys(
        inquiries.APPLICATION, Acting("r", "staff"))) == []


def test_a_referral_lists_the_verbs_its_table_allows_in_each_status():
    application = inquiries.ApplicationFacts(status="accepted", reviewer_id="r", acting_id=None)

    def actions_in(status, actor):
        referral = referrals.ReferralFacts(status=status, division_id="d2", external_unit=None)
        return referrals.referral_actions(referral, application, actor, None)
    assert listed_as_the_table_says(referrals.REFERRAL, actions_in,
                                    {"answer": Acting("x", "staff", "d2")}) == []


def test_a_complaint_lists_the_verbs_its_table_allows_in_each_status():
    def actions_in(status, actor):
        complaint = complaints.ComplaintFacts(status=status, division_id="d",
                                              investigator_id="head", staff_id="a")
        return complaints.actions(actor, complaint, {"d"})
    assert listed_as_the_table_says(complaints.COMPLAINT, actions_in, dict.fromkeys(
        complaints.COMPLAINT, Acting("head", "division_head", "d"))) == []


# machine: (its table, the check behind each verb) — a check refuses whom its row's ``who``
# refuses, by calling it, so that the table and the check cannot say different things.
COMPLAINT_CHECKS = {"investigate": complaints.check_investigation,
                    "conclude": complaints.check_conclusion}
# verb: (the actor, the divisions whose head powers they hold, the refusal), each refused
COMPLAINT_REFUSED = [
    ("investigate", Acting("x", "division_head", "d9"), set(), complaints.NotYourDivision),
    ("investigate", Acting("a", "division_head", "d"), {"d"}, complaints.Recusal),
    ("conclude", Acting("x", "division_head", "d9"), set(), complaints.NotYourDivision),
    ("conclude", Acting("a", "division_head", "d"), {"d"}, complaints.Recusal),
    ("conclude", Acting("b", "staff", "d"), {"d"}, complaints.NotInvestigator),
]


@pytest.mark.parametrize(("verb", "actor", "headed", "refusal"), COMPLAINT_REFUSED)
def test_whom_a_complaint_row_refuses_its_check_refuses(verb, actor, headed, refusal):
    step = complaints.COMPLAINT[verb]
    complaint = complaints.ComplaintFacts(step.sources[0], "d", "h", "a")
    assert not step.who(actor, complaint, headed)
    with pytest.raises(refusal):
        COMPLAINT_CHECKS[verb](actor, complaint, headed)


@pytest.mark.parametrize("verb", COMPLAINT_CHECKS)
def test_a_complaint_check_reads_its_row(verb, monkeypatch):
    step, leader = complaints.COMPLAINT[verb], Acting("boss", "leader")
    complaint = complaints.ComplaintFacts(step.sources[0], "d", "h", "a")
    COMPLAINT_CHECKS[verb](leader, complaint, set())  # admitted by the row as it is
    monkeypatch.setitem(complaints.COMPLAINT, verb, replace(step, who=lambda *_: False))
    with pytest.raises(Forbidden):
        COMPLAINT_CHECKS[verb](leader, complaint, set())


REVIEWED_BY_R = inquiries.ApplicationFacts(status="accepted", reviewer_id="r", acting_id=None)
# (the referral, the actor, the refusal): each refused
REFERRAL_REFUSED = [
    (referrals.ReferralFacts("open", "d2", None), Acting("y", "staff", "d3"),
     referrals.NotYourDivision),
    (referrals.ReferralFacts("open", None, "税务局"), Acting("y", "staff", "d2"),
     referrals.NotReviewer),
]


@pytest.mark.parametrize(("referral", "actor", "refusal"), REFERRAL_REFUSED)
def test_whom_the_referral_row_refuses_its_check_refuses(referral, actor, refusal):
    assert not referrals.REFERRAL["answer"].who(referral, REVIEWED_BY_R, actor, None)
    with pytest.raises(refusal):
        referrals.check_answerer(referral, REVIEWED_BY_R, actor, None)


def test_the_referral_check_reads_its_row(monkeypatch):
    referral, answerer = referrals.ReferralFacts("open", "d2", None), Acting("x", "staff", "d2")
    referrals.check_answerer(referral, REVIEWED_BY_R, answerer, None)
    step = referrals.REFERRAL["answer"]
    monkeypatch.setitem(referrals.REFERRAL, "answer", replace(step, who=lambda *_: False))
    with pytest.raises(Forbidden):
        referrals.check_answerer(referral, REVIEWED_BY_R, answerer, None)
