"""Who acts, and who may not (issue 28): head powers follow the head ``head_id`` names and
pass to whoever acts for an absent head (五.3); nobody judges their own matter (回避); the
30 minutes cannot be split (七.1); the report is the return (七.5); a lapse is held
against whoever held the work longer (五.4)."""

from datetime import date, datetime

import pytest

from chassis.calendar import WorkingCalendar
from chassis.clock import OFFICE_TZ
from chassis.errors import permitted
from office import projections, urges
from office.acting import Acting
from services.accountability.rules import judgement
from services.attendance import rules as attendance
from services.documents import rules as documents
from services.inquiries import rules as inquiries
from services.inquiries.rules import complaints
from services.posts import rules as posts

LEADER, OTHER_LEADER = Acting("l", "leader"), Acting("l2", "leader")


def division(**fields):
    defaults = dict(id="d", name="综合处", head_id="h", leader_id="l", acting_head_id=None)
    return posts.DivisionFacts(**{**defaults, **fields})


def post(post_id="p-h", holder="h", acting=None):
    return posts.PostFacts(id=post_id, title="处长岗", division_id="d", holder_id=holder,
                           special=False, duties=[], backup_ids=["b"], acting_id=acting)


# 五.3: the head is whom head_id names; an absent head's powers pass on

def test_a_present_head_keeps_their_powers():
    assert posts.acting_head(division(), False, [post(acting=None)]) is None


def test_an_absent_heads_powers_pass_to_the_b_acting_for_their_own_post():
    assert posts.acting_head(division(), True, [post(acting="b")]) == "b"


def test_with_no_b_acting_the_supervising_leader_holds_an_absent_heads_powers():
    assert posts.acting_head(division(), True, [post(acting=None)]) == "l"
    assert posts.acting_head(division(), True, []) == "l"


def test_a_division_without_a_head_has_nobody_acting_for_one():
    assert posts.acting_head(division(head_id=None), True, [post()]) is None


def test_head_powers_follow_head_id_not_the_role():
    posts.check_manages_division(Acting("h", "staff"), division())  # a staff-role head
    with pytest.raises(posts.NotYourDivision):  # a former head, still labelled head
        posts.check_manages_division(Acting("old", "division_head"), division())
    with pytest.raises(posts.NotYourDivision):  # another division's head
        posts.check_manages_division(Acting("h2", "division_head"), division())


def test_while_the_head_is_away_the_acting_head_manages_and_the_head_does_not():
    away = division(acting_head_id="b")
    posts.check_manages_division(Acting("b", "staff"), away)
    with pytest.raises(posts.NotYourDivision):
        posts.check_manages_division(Acting("h", "division_head"), away)


def test_me_says_whom_the_caller_covers_and_whose_head_powers_they_hold():
    covered = [post(acting="b"), post("p-a", holder="a", acting="b")]
    found = posts.acting_for("b", covered, [division(acting_head_id="b")])
    assert found == [
        {"staff_id": "h", "post_id": "p-h", "as_": "holder", "division_id": "d"},
        {"staff_id": "a", "post_id": "p-a", "as_": "holder", "division_id": "d"},
        {"staff_id": "h", "post_id": "p-h", "as_": "head", "division_id": "d"}]


# who approves an absence (七.2), by relations

def heads(**fields):
    return attendance.HeadsFacts(**{"head_id": "h", "leader_id": "l", "acting_head_id": None,
                                    **fields})


def member(staff_id, role="staff"):
    return attendance.MemberFacts(staff_id, role, "d")


def test_staff_are_approved_by_the_head_and_the_head_by_the_leader():
    assert attendance.approver_of(member("a"), heads()) == "h"
    assert attendance.approver_of(member("h", "division_head"), heads()) == "l"


def test_a_head_whose_role_is_staff_is_still_approved_by_the_leader():
    assert attendance.approver_of(member("h", "staff"), heads()) == "l"


def test_a_former_head_still_labelled_head_is_approved_by_the_new_head():
    assert attendance.approver_of(member("old", "division_head"), heads()) == "h"


def test_while_the_head_is_away_the_acting_head_approves_but_never_their_own():
    assert attendance.approver_of(member("a"), heads(acting_head_id="b")) == "b"
    assert attendance.approver_of(member("b"), heads(acting_head_id="b")) == "l"


def test_nobody_approves_an_absence_in_a_division_without_its_head_or_leader():
    with pytest.raises(attendance.NoApprover):
        attendance.approver_of(member("a"), heads(head_id=None))
    with pytest.raises(attendance.NoApprover):
        attendance.approver_of(member("h"), heads(leader_id=None))


# 七.1: the 30 minutes cannot be split

def at(hour, minute=0, day=1):
    return datetime(2026, 12, day, hour, minute, tzinfo=OFFICE_TZ)


def notice(notice_id, start, end, status="recorded", returned=None, kind="notice"):
    return attendance.AbsenceFacts(
        id=notice_id, staff_id="a", status=status, approver_id="h", start_at=start,
        expected_return_at=end, started_at=start, returned_at=returned,
        return_acknowledged_at=None, late_reported=False, reason="x", reason_kind="business",
        contact="1", kind=kind)


def test_two_back_to_back_half_hours_need_approval_together():
    first = notice("n1", at(9), at(9, 30))
    chain = attendance.chained([first], at(9, 30))
    assert [a.id for a in chain] == ["n1"]
    assert attendance.notice_status(at(9, 30), at(10), chain) == "pending"


def test_a_chain_counts_every_notice_it_continues_and_what_was_actually_taken():
    earlier = [notice("n1", at(9), at(9, 10)), notice("n2", at(9, 20), at(9, 30),
                                                      status="returned", returned=at(9, 25))]
    chain = attendance.chained(earlier, at(9, 40))
    assert [a.id for a in chain] == ["n1", "n2"]
    # 10 + 5 minutes taken, and 15 more: 30 in all, still without approval
    assert attendance.notice_status(at(9, 40), at(9, 55), chain) == "recorded"
    assert attendance.notice_status(at(9, 40), at(9, 56), chain) == "pending"


def test_thirty_minutes_apart_or_on_another_day_or_rejected_is_no_chain():
    assert attendance.chained([notice("n1", at(9), at(9, 30))], at(10)) == []
    assert attendance.chained([notice("n1", at(23, 30, day=1), at(23, 50, day=1))],
                              at(0, 5, day=2)) == []
    assert attendance.chained([notice("n1", at(9), at(9, 30), status="rejected")],
                              at(9, 35)) == []
    assert attendance.chained([notice("n1", at(9), at(9, 30), kind="leave")],
                              at(9, 35)) == []


def test_a_chain_stops_at_the_first_gap_of_thirty_minutes():
    earlier = [notice("n1", at(8, 30), at(8, 45)), notice("n2", at(9, 20), at(9, 30))]
    assert [a.id for a in attendance.chained(earlier, at(9, 40))] == ["n2"]


# 七.5: the report is the return

def test_nobody_dates_their_own_return():
    with pytest.raises(attendance.SelfDatedReturn):
        attendance.check_return(notice("n1", at(9), at(10), status="approved"), "a", at(9, 5),
                                at(10))
    attendance.check_return(notice("n1", at(9), at(10), status="approved"), "a", None, at(10))


def test_the_approver_corrects_a_return_only_with_a_note_and_within_the_absence():
    returned = notice("n1", at(9), at(10), status="returned", returned=at(11))
    attendance.check_correction(returned, None, None, at(11))  # no correction: no note
    with pytest.raises(attendance.NoteRequired):
        attendance.check_correction(returned, at(10), " ", at(11))
    with pytest.raises(attendance.ReturnBeforeStart):
        attendance.check_correction(returned, at(8), "到岗登记有误", at(11))
    attendance.check_correction(returned, at(10), "10点已回，忘记销假", at(11))


def test_an_absence_lists_what_the_caller_may_do_with_it():
    head, person = Acting("h", "division_head"), Acting("a", "staff")
    pending = notice("n1", at(9), at(10), status="pending")
    assert attendance.actions(pending, head, at(8), "h") == ["approve", "reject", "urge"]
    assert attendance.actions(pending, person, at(8), "h") == []
    assert attendance.actions(pending, LEADER, at(8), "h") == ["urge"]  # 催办 the head
    approved = notice("n1", at(9), at(10), status="approved")
    assert attendance.actions(approved, person, at(10), "h") == ["return"]
    returned = notice("n1", at(9), at(10), status="returned", returned=at(10))
    assert attendance.actions(returned, head, at(10), "h") == ["acknowledge", "urge"]
    done = notice("n1", at(9), at(10), status="rejected")
    assert attendance.actions(done, LEADER, at(10), "h") == []  # nothing left to urge


def test_an_absence_waits_on_its_approver_or_on_the_person_back_but_not_reported():
    assert attendance.holder(notice("n1", at(9), at(10), status="pending")) == "h"
    assert attendance.holder(notice("n1", at(9), at(10), status="approved")) == "a"
    assert attendance.check_urge(notice("n1", at(9), at(10), status="pending"),
                                 Acting("h", "division_head"), "h") == "h"
    with pytest.raises(urges.MayNotUrge):
        attendance.check_urge(notice("n1", at(9), at(10), status="pending"),
                              Acting("x", "staff"), "h")
    with pytest.raises(urges.NotOpen):
        attendance.check_urge(notice("n1", at(9), at(10), status="recorded"), LEADER, "h")


# 四.3, 四.6, 四.1: extensions and 退文 are the head's

def document(**fields):
    defaults = dict(status="assigned", due_date=date(2026, 12, 10), assignee_id="a",
                    acting_id=None, division_id="d", urgent=False, completed_on=None)
    return documents.DocumentFacts(**{**defaults, **fields})


def extension(status="requested", new_due=date(2026, 12, 17)):
    return documents.ExtensionFacts(status, new_due)


def test_one_extension_request_at_a_time_and_before_the_due_date():
    today = date(2026, 12, 3)
    documents.check_extension(document(), date(2026, 12, 17), today, WorkingCalendar())
    with pytest.raises(documents.ExtensionPending):
        documents.check_extension(document(), date(2026, 12, 17), today, WorkingCalendar(),
                                  pending=True)
    with pytest.raises(documents.TooLateToExtend):
        documents.check_extension(document(), date(2026, 12, 17), date(2026, 12, 11),
                                  WorkingCalendar())


def test_only_the_head_decides_an_extension_once_and_a_rejection_has_a_note():
    documents.check_extension_decision(document(), extension(), "h", "h", "approved", None)
    with pytest.raises(documents.NotDivisionHead):
        documents.check_extension_decision(document(), extension(), "a", "h", "approved", None)
    with pytest.raises(documents.NoteRequired):
        documents.check_extension_decision(document(), extension(), "h", "h", "rejected", "")
    with pytest.raises(documents.ExtensionDecided):
        documents.check_extension_decision(document(), extension("approved"), "h", "h",
                                           "rejected", "不同意")


def test_the_head_refuses_a_return_only_with_a_note():
    asked = document(status="return_requested")
    documents.check_return_decision(asked, "h", "h", "rejected", "属本处职责，继续办理")
    with pytest.raises(documents.NoteRequired):
        documents.check_return_decision(asked, "h", "h", "rejected", None)
    with pytest.raises(documents.NotDivisionHead):
        documents.check_return_decision(asked, "a", "h", "approved")


def test_a_document_lists_what_its_assignee_and_its_head_may_do():
    today = date(2026, 12, 3)
    assignee, head = Acting("a", "staff"), Acting("h", "division_head")
    assert documents.actions(document(), assignee, "h", today, False, False) == [
        "return", "consult", "extend", "complete"]
    assert documents.actions(document(), assignee, "h", today, True, False) == [
        "return", "consult", "complete"]  # an extension request waits on the head
    assert documents.actions(document(status="received"), head, "h", today, False,
                             False) == ["assign", "urge"]
    assert documents.actions(document(status="return_requested"), head, "h", today, False,
                             False) == ["approve_return", "reject_return", "urge"]
    assert documents.actions(document(), head, "h", today, False, False) == ["urge"]
    assert documents.actions(document(status="completed"), LEADER, "h", today, False,
                             False) == []


def test_urging_a_document_reaches_whoever_holds_it_now():
    assert documents.holder(document(acting_id="b"), "h") == "b"  # the B acting for A
    assert documents.holder(document(status="received"), "h") == "h"
    assert documents.holder(document(status="returned"), "h") is None
    with pytest.raises(urges.MayNotUrge):
        documents.check_urge(document(), Acting("other", "division_head"), "h")
    assert urges.still_waiting(urges.state("assigned", "a"), "assigned", "a")
    assert not urges.still_waiting(urges.state("assigned", "a"), "assigned", "b")
    assert not urges.still_waiting(urges.state("assigned", "a"), "completed", None)


# 回避: nobody judges a complaint naming them, or a case that decides their own responsibility

def complaint(staff_id="h", status="received", division_id="d"):
    return complaints.ComplaintFacts(status, division_id, None, staff_id)


def test_whoever_a_complaint_names_neither_investigates_nor_concludes_it():
    head = Acting("h", "division_head")
    with pytest.raises(complaints.Recusal):
        complaints.check_investigation(head, complaint(), ["d"])
    with pytest.raises(complaints.Recusal):
        complaints.check_investigation(Acting("l", "leader"), complaint("l"), [])
    complaints.check_investigation(head, complaint("a"), ["d"])
    assert complaints.actions(head, complaint(), ["d"]) == []
    assert complaints.recused(head, complaint())


def test_a_complaint_naming_the_head_waits_on_the_supervising_leader():
    assert complaints.handler(complaint("a"), "h", "l") == "h"
    assert complaints.handler(complaint("h"), "h", "l") == "l"
    assert complaints.handler(complaint("b"), "b", "l") == "l"  # the acting head, named
    assert complaints.handler(complaint(None, division_id=None), None, None) == "leaders"


def test_a_former_head_no_longer_sees_their_old_divisions_complaints():
    with pytest.raises(complaints.NotYourDivision):
        complaints.check_investigation(Acting("old", "division_head"), complaint("a"), [])


def test_a_leader_never_judges_a_case_deciding_their_own_responsibility():
    heads_case = judgement.CaseFacts("h", "open", responsible_id="l")
    with pytest.raises(judgement.Recusal):
        judgement.check_decision(heads_case, LEADER, "light", "criticism_education", [])
    with pytest.raises(judgement.Recusal):
        judgement.check_dismissal(heads_case, LEADER, "不可抗力")
    with pytest.raises(judgement.Recusal):
        judgement.check_judgement("contested", heads_case.interested, LEADER, "撤销", "waive")
    judgement.check_decision(heads_case, OTHER_LEADER, "light", "criticism_education", [])
    assert judgement.case_actions(heads_case, LEADER) == []
    assert judgement.case_actions(heads_case, OTHER_LEADER) == ["decide", "dismiss"]
    assert judgement.is_recused(heads_case.interested, LEADER)


def test_nobody_records_a_duty_failure_of_their_own():
    now = datetime(2026, 12, 1, tzinfo=OFFICE_TZ)
    with pytest.raises(judgement.Recusal):
        judgement.check_recorder(Acting("h", "division_head"), "h", "d", ["d"], now, now)
    judgement.check_recorder(Acting("b", "staff"), "a", "d", ["d"], now, now)  # acting head
    with pytest.raises(judgement.NotYourDivision):
        judgement.check_recorder(Acting("old", "division_head"), "a", "d", [], now, now)


# 五.4: held against whoever held the work longer

def test_the_larger_share_answers_and_a_tie_goes_to_whoever_acts_on_the_due_date():
    assert projections.answerable({"a": 9, "b": 1}, "b") == "a"
    assert projections.answerable({"a": 2, "b": 8}, "a") == "b"
    assert projections.answerable({"a": 5, "b": 5}, "b") == "b"
    assert projections.answerable({"a": 0}, "a") == "a"
    assert projections.answerable({"a": 0}, "b") == "b"  # due the day it came, B at its end


def test_permitted_lists_the_verbs_whose_check_passes():
    def refuse():
        raise documents.NotOpen("closed")
    assert permitted({"a": lambda: None, "b": refuse, "c": lambda: None}) == ["a", "c"]



# 催办 of inquiries and applications, and what their readers may do

def inquiry(status="open", acting_id=None):
    return inquiries.InquiryFacts(status, "r", acting_id)


def test_an_inquiry_waits_on_its_first_responder_then_on_the_division_it_went_to():
    assert inquiries.inquiry_holder(inquiry(), "h") == "r"
    assert inquiries.inquiry_holder(inquiry(acting_id="b"), "h") == "b"  # A is away
    assert inquiries.inquiry_holder(inquiry("guided"), "h") == "h"
    assert inquiries.inquiry_holder(inquiry("answered"), "h") is None
    responder = Acting("r", "staff", "d")
    assert inquiries.inquiry_actions(inquiry(), responder, None, "r", "h") == [
        "handle", "guide", "redirect"]
    assert inquiries.inquiry_actions(inquiry("guided"), Acting("x", "staff", "d2"), "d2",
                                     "h", "h") == ["answer"]
    assert inquiries.inquiry_actions(inquiry(), LEADER, None, "r", "h") == ["urge"]
    with pytest.raises(urges.NotOpen):
        inquiries.check_urge(None, LEADER, "h")


def test_an_application_is_completed_by_its_reviewer_and_urged_by_the_head():
    accepted = inquiries.ApplicationFacts("accepted", "r", None)
    assert inquiries.application_actions(accepted, Acting("r", "staff"), "h", False) == [
        "complete", "refer"]
    assert inquiries.application_actions(accepted, Acting("h", "division_head"), "h",
                                         False) == ["urge"]
    returned = inquiries.ApplicationFacts("returned", None, None)
    assert inquiries.application_actions(returned, Acting("r", "staff"), "h", False) == [
        "resubmit"]
    assert inquiries.application_actions(returned, LEADER, "h", False) == []
