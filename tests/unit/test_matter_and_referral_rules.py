"""服务承诺 三.2/三.3 and 一次性告知 六.4: a matter revised and withdrawn by its division's
head or an admin; a question referred to another division or an outside unit, answered
once by whoever it went to."""

from datetime import UTC, date, datetime

import pytest

from chassis.calendar import WorkingCalendar
from office.acting import Acting
from services.inquiries import rules
from services.inquiries.rules import matters, referrals
from services.inquiries.rules.matters import MatterFacts
from services.inquiries.rules.referrals import ReferralFacts

OFFERED = MatterFacts(version=1, withdrawn_at=None)
WITHDRAWN = MatterFacts(version=2, withdrawn_at=datetime(2026, 12, 1, tzinfo=UTC))
HEAD, ADMIN = Acting("h", "division_head", "d-1"), Acting("root", "admin")
CLERK, OTHER_HEAD = Acting("c", "staff", "d-1"), Acting("h2", "division_head", "d-2")


def test_the_divisions_head_or_an_admin_revises_an_offered_matter():
    matters.check_revision(OFFERED, HEAD, "h", "h")
    matters.check_revision(OFFERED, ADMIN, "h", "h2")
    for actor in (CLERK, OTHER_HEAD):
        with pytest.raises(rules.NotYourDivision):
            matters.check_revision(OFFERED, actor, "h", "h")
    with pytest.raises(rules.MatterWithdrawn):
        matters.check_revision(WITHDRAWN, HEAD, "h", "h")


def test_a_head_moves_a_matter_only_to_a_division_they_head_too():
    with pytest.raises(rules.NotYourDivision):
        matters.check_revision(OFFERED, HEAD, "h", "h2")


def test_an_acting_head_has_the_heads_power_over_matters():
    matters.check_withdrawal(OFFERED, CLERK, "c")  # the B acting for the head (五.3)


def test_a_matter_is_withdrawn_once_by_its_divisions_head():
    matters.check_withdrawal(OFFERED, HEAD, "h")
    with pytest.raises(rules.NotYourDivision):
        matters.check_withdrawal(OFFERED, OTHER_HEAD, "h")
    with pytest.raises(rules.MatterWithdrawn):
        matters.check_withdrawal(WITHDRAWN, HEAD, "h")


def test_each_revision_is_the_next_version():
    assert matters.next_version(OFFERED) == 2
    assert matters.next_version(MatterFacts(version=7, withdrawn_at=None)) == 8


def test_a_matter_offers_its_head_revise_and_withdraw_and_nothing_once_withdrawn():
    assert matters.matter_actions(OFFERED, HEAD, "h") == ["revise", "withdraw"]
    assert matters.matter_actions(OFFERED, CLERK, "h") == []
    assert matters.matter_actions(WITHDRAWN, ADMIN, "h") == []


def test_a_referral_goes_to_exactly_one_division_or_outside_unit():
    referrals.check_target("d-2", None, "d-1")
    referrals.check_target(None, "市市场监管局", "d-1")
    for division, unit in (("d-2", "市市场监管局"), (None, None)):
        with pytest.raises(referrals.ReferralTarget):
            referrals.check_target(division, unit, "d-1")


def test_a_reviewer_does_not_refer_a_question_to_their_own_division():
    with pytest.raises(referrals.OwnDivision):
        referrals.check_target("d-1", None, "d-1")


def test_a_referral_is_due_by_the_next_working_day():
    calendar = WorkingCalendar()
    assert referrals.referral_due(date(2026, 11, 27), calendar) == date(2026, 11, 30)
    assert referrals.referral_due(date(2026, 11, 25), calendar) == date(2026, 11, 26)


APPLICATION = rules.ApplicationFacts(status="accepted", reviewer_id="r", acting_id="b")
TO_D2 = ReferralFacts(status="open", division_id="d-2", external_unit=None)
OUTSIDE = ReferralFacts(status="open", division_id=None, external_unit="市市场监管局")


def test_staff_or_the_head_of_the_division_referred_to_answer_it():
    referrals.check_answerer(TO_D2, APPLICATION, Acting("x", "staff", "d-2"), "h2")
    referrals.check_answerer(TO_D2, APPLICATION, Acting("l", "leader"), "l")  # acting head
    for actor in (Acting("r", "staff", "d-1"), HEAD, ADMIN):
        with pytest.raises(rules.NotYourDivision):
            referrals.check_answerer(TO_D2, APPLICATION, actor, "h2")


def test_the_reviewer_records_an_outside_units_answer():
    referrals.check_answerer(OUTSIDE, APPLICATION, Acting("r", "staff", "d-1"), "h")
    referrals.check_answerer(OUTSIDE, APPLICATION, Acting("b", "staff", "d-1"), "h")
    with pytest.raises(rules.NotReviewer):
        referrals.check_answerer(OUTSIDE, APPLICATION, CLERK, "h")


def test_a_referral_is_answered_once():
    answered = ReferralFacts(status="answered", division_id="d-2", external_unit=None)
    with pytest.raises(referrals.AlreadyAnswered):
        referrals.check_answerer(answered, APPLICATION, Acting("x", "staff", "d-2"), "h2")
    assert referrals.referral_actions(answered, APPLICATION, Acting("x", "staff", "d-2"),
                                      "h2") == []
    assert referrals.referral_actions(TO_D2, APPLICATION, Acting("x", "staff", "d-2"),
                                      "h2") == ["answer"]
