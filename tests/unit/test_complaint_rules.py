"""服务承诺制 complaints: whom they are about, who investigates and concludes them, and
whom a substantiated finding holds responsible."""

import pytest

from office.acting import Acting
from services.inquiries.rules import complaints as rules
from services.inquiries.rules.complaints import ComplaintFacts

HEAD = Acting("h", "division_head", "d-1")
OTHER_HEAD = Acting("h2", "division_head", "d-2")
LEADER, ADMIN = Acting("l", "leader"), Acting("root", "admin")
HEADED = ["d-1"]  # the divisions whose head powers HEAD holds


def test_a_complaint_may_name_nobody_or_an_inquiry_whose_first_responder_owns_it():
    assert rules.complained_about(None, None) is None
    assert rules.complained_about(None, "a") == "a"
    assert rules.complained_about("b", "a") == "b"


def test_complaints_are_rate_limited_per_address():
    rules.check_complaint_rate(4, 5)
    with pytest.raises(rules.TooManyComplaints):
        rules.check_complaint_rate(5, 5)


def test_a_head_investigates_complaints_about_their_division_and_leaders_any():
    received = ComplaintFacts("received", "d-1")
    rules.check_investigation(HEAD, received, HEADED)
    rules.check_investigation(LEADER, received, [])
    rules.check_investigation(ADMIN, ComplaintFacts("received", None), [])
    with pytest.raises(rules.NotYourDivision):
        rules.check_investigation(OTHER_HEAD, received, ["d-2"])
    with pytest.raises(rules.NotYourDivision):  # untargeted: leaders and admins only
        rules.check_investigation(HEAD, ComplaintFacts("received", None), HEADED)
    with pytest.raises(rules.UnderInvestigation):
        rules.check_investigation(LEADER, ComplaintFacts("investigating", "d-1", "h"), [])
    with pytest.raises(rules.AlreadyConcluded):
        rules.check_investigation(LEADER, ComplaintFacts("unsubstantiated", "d-1", "h"), [])


def test_the_investigator_a_leader_or_an_admin_concludes_once_after_investigating():
    investigating = ComplaintFacts("investigating", "d-1", "h")
    rules.check_conclusion(HEAD, investigating, HEADED)
    rules.check_conclusion(LEADER, investigating, [])
    with pytest.raises(rules.NotInvestigator):  # the acting head, but not the investigator
        rules.check_conclusion(Acting("h3", "staff"), investigating, HEADED)
    with pytest.raises(rules.NotYourDivision):
        rules.check_conclusion(OTHER_HEAD, investigating, ["d-2"])
    with pytest.raises(rules.NotInvestigating):
        rules.check_conclusion(LEADER, ComplaintFacts("received", "d-1"), [])
    with pytest.raises(rules.AlreadyConcluded):
        rules.check_conclusion(LEADER, ComplaintFacts("substantiated", "d-1", "h"), [])


def test_a_substantiated_finding_holds_the_person_it_names_or_the_one_complained_about():
    assert rules.held_against("substantiated", "b", "a") == "b"
    assert rules.held_against("substantiated", None, "a") == "a"
    assert rules.held_against("unsubstantiated", "b", "a") is None
    with pytest.raises(rules.StaffRequired):
        rules.held_against("substantiated", None, None)


def test_a_heads_finding_names_someone_of_their_division():
    rules.check_named_staff(HEAD, "d-1", HEADED)
    rules.check_named_staff(LEADER, "d-9", [])
    with pytest.raises(rules.StaffNotInDivision):
        rules.check_named_staff(HEAD, "d-2", HEADED)
