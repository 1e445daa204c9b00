"""办文办事限时制 rules: due dates on the published calendar, signals, extensions, 文号."""

from datetime import date

import pytest

from chassis.calendar import WorkingCalendar
from office.acting import Acting
from services.documents import rules

calendar = WorkingCalendar()


def document(**fields):
    defaults = dict(status="assigned", due_date=date(2026, 12, 10), assignee_id="a",
                    acting_id=None, division_id="d1", urgent=False, completed_on=None)
    return rules.DocumentFacts(**{**defaults, **fields})


@pytest.mark.parametrize("assigned, due", [
    (date(2026, 2, 12), date(2026, 3, 4)),    # across Spring Festival and its make-up days
    (date(2026, 2, 13), date(2026, 3, 5)),
    (date(2026, 9, 28), date(2026, 10, 16)),  # across National Day and the 10/10 make-up day
    (date(2026, 9, 18), date(2026, 10, 9)),   # 9/20 (Sunday) is a make-up working day
    (date(2026, 11, 26), date(2026, 12, 10)),
])
def test_a_document_without_a_due_date_is_due_in_ten_working_days(assigned, due):
    assert rules.due_date_for(None, assigned, calendar) == due


def test_a_given_due_date_must_be_a_working_day_and_not_past():
    today = date(2026, 9, 28)
    assert rules.due_date_for(date(2026, 10, 10), today, calendar) == date(2026, 10, 10)
    with pytest.raises(rules.NotAWorkingDay):
        rules.due_date_for(date(2026, 10, 5), today, calendar)
    with pytest.raises(rules.DueDateInPast):
        rules.due_date_for(date(2026, 9, 25), today, calendar)


def test_only_the_divisions_head_assigns_a_received_document_once():
    received = document(status="received", assignee_id=None)
    assignee = rules.AssigneeFacts("a", "d1")
    rules.check_assignment(received, "head", "head", assignee, None)
    with pytest.raises(rules.NotDivisionHead):
        rules.check_assignment(received, "other", "head", assignee, None)
    with pytest.raises(rules.AlreadyAssigned):
        rules.check_assignment(document(), "head", "head", assignee, None)
    with pytest.raises(rules.NotInDivision):
        rules.check_assignment(received, "head", "head", rules.AssigneeFacts("x", "d2"), None)
    with pytest.raises(rules.NotInDivision):  # someone who left
        rules.check_assignment(received, "head", "head",
                               rules.AssigneeFacts("a", "d1", active=False), None)
    with pytest.raises(rules.UrgentNeedsDueDate):
        rules.check_assignment(document(status="received", urgent=True), "head", "head",
                               assignee, None)


def test_a_document_whose_assignee_left_is_assigned_again():
    rules.check_assignment(document(), "head", "head", rules.AssigneeFacts("b", "d1"), None,
                           assignee_left=True)
    with pytest.raises(rules.AlreadyAssigned):
        rules.check_assignment(document(status="completed"), "head", "head",
                               rules.AssigneeFacts("b", "d1"), None, assignee_left=True)


def test_the_assignee_or_the_acting_backup_handles_a_document():
    rules.check_handler(document(), "a", "complete")
    rules.check_handler(document(acting_id="b"), "b", "consult")
    with pytest.raises(rules.NotYourDocument):
        rules.check_handler(document(), "b", "complete")
    with pytest.raises(rules.NotOpen):
        rules.check_handler(document(status="completed"), "a", "return")


def test_an_extension_is_asked_for_by_the_due_date_and_moves_it_later():
    rules.check_extension(document(), date(2026, 12, 17), date(2026, 12, 10), calendar)
    with pytest.raises(rules.TooLateToExtend):
        rules.check_extension(document(), date(2026, 12, 17), date(2026, 12, 11), calendar)
    with pytest.raises(rules.ExtensionNotLater):
        rules.check_extension(document(), date(2026, 12, 9), date(2026, 12, 1), calendar)
    with pytest.raises(rules.NotAWorkingDay):
        rules.check_extension(document(), date(2026, 12, 12), date(2026, 12, 1), calendar)


@pytest.mark.parametrize("today, expected", [
    (date(2026, 12, 1), "green"),
    (date(2026, 12, 8), "green"),   # two working days left
    (date(2026, 12, 9), "yellow"),  # one working day left
    (date(2026, 12, 10), "yellow"),  # due today
    (date(2026, 12, 11), "red"),
])
def test_the_signal_turns_yellow_near_the_due_date_and_red_past_it(today, expected):
    assert rules.signal(document(), today, calendar, warn_days=1) == expected


def test_a_finished_document_keeps_the_colour_of_its_finish():
    finished_late = document(status="completed", completed_on=date(2026, 12, 11))
    assert rules.signal(finished_late, date(2026, 12, 30), calendar, 1) == "red"
    on_time = document(status="completed", completed_on=date(2026, 12, 10))
    assert rules.signal(on_time, date(2026, 12, 30), calendar, 1) == "green"


@pytest.mark.parametrize("received, today, expected", [
    (date(2026, 12, 7), date(2026, 12, 7), "green"),    # received on a Monday
    (date(2026, 12, 7), date(2026, 12, 8), "green"),    # its first working day after
    (date(2026, 12, 7), date(2026, 12, 9), "yellow"),   # Tuesday went by unassigned
    (date(2026, 12, 4), date(2026, 12, 7), "green"),    # a Friday's: the weekend waits
    (date(2026, 12, 4), date(2026, 12, 8), "yellow"),
    (date(2026, 12, 5), date(2026, 12, 7), "green"),    # received on a Saturday
    (date(2026, 12, 5), date(2026, 12, 8), "yellow"),
    (date(2026, 9, 30), date(2026, 10, 8), "green"),    # National Day lies between
    (date(2026, 9, 30), date(2026, 10, 9), "yellow"),
    (date(2026, 10, 2), date(2026, 10, 8), "green"),    # received during the holiday
    (date(2026, 10, 9), date(2026, 10, 11), "yellow"),  # 10/10 is a make-up working day
])
def test_a_received_document_waiting_a_working_day_unassigned_turns_yellow(received, today,
                                                                           expected):
    assert rules.assignment_signal(received, today, calendar) == expected


def test_outgoing_documents_are_signed_by_a_leader_then_numbered_then_printed():
    draft = rules.OutgoingFacts(status="draft", drafter_id="s")
    with pytest.raises(rules.NotLeader):
        rules.check_sign(draft, Acting("s", "staff"))
    rules.check_sign(draft, Acting("boss", "leader"))
    with pytest.raises(rules.NotSigned):
        rules.check_numbering_stage(draft, Acting("s", "staff"), None, "number")
    signed = rules.OutgoingFacts(status="signed", drafter_id="s")
    rules.check_numbering_stage(signed, Acting("head", "staff"), "head", "number")
    with pytest.raises(rules.NotDrafterOrHead):
        rules.check_numbering_stage(signed, Acting("other", "staff"), "head", "number")
    with pytest.raises(rules.WrongStage):
        rules.check_numbering_stage(signed, Acting("s", "staff"), None, "print")


def test_a_document_number_reads_as_series_year_and_number():
    assert rules.document_number("编发", 2026, 3) == "编发〔2026〕3号"


def test_a_reassignment_keeps_the_due_date_unless_a_new_one_is_given():
    today = date(2026, 11, 26)
    assert rules.due_date_on_assignment(document(), None, today, calendar) == date(2026, 12, 10)
    assert rules.due_date_on_assignment(document(), date(2026, 12, 15), today, calendar) == \
        date(2026, 12, 15)
    assert rules.due_date_on_assignment(document(status="received"), None, today, calendar) == \
        calendar.add_working_days(today, 10)


def test_the_drafter_and_their_head_may_number_then_print_a_signed_draft():
    def actions(status, actor):
        return rules.outgoing_actions(rules.OutgoingFacts(status=status, drafter_id="s"),
                                      actor, "head")
    assert actions("signed", Acting("s", "staff")) == ["number"]
    assert actions("numbered", Acting("head", "division_head")) == ["print"]
    assert actions("signed", Acting("other", "staff")) == []
    assert actions("draft", Acting("boss", "leader")) == ["sign"]
    assert actions("printed", Acting("s", "staff")) == []
