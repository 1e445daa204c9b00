"""Rules of posts, A holders and B backups (岗位责任制 · AB岗制)."""

import pytest

from office.acting import Acting
from services.posts import rules

DIVISION = rules.DivisionFacts(id="d1", name="政府机构编制处", head_id="head", leader_id=None)
PEOPLE = {p: rules.StaffFacts(id=p, role="staff", division_id="d1", active=True,
                              name=p.upper(), title="科员", phone="1") for p in ("a", "b1", "b2")}
PEOPLE["x"] = rules.StaffFacts(id="x", role="staff", division_id="d2", active=True, name="X",
                               title="科员", phone="2")


def person(staff_id, role):
    return rules.StaffFacts(id=staff_id, role=role, division_id="d1", active=True,
                            name=staff_id, title="", phone="")


def test_an_ordered_backup_list_of_division_members_is_accepted():
    rules.check_backups("a", ["b2", "b1"], False, PEOPLE, "d1")


@pytest.mark.parametrize("backups, special, error", [
    (["a"], False, rules.BackupIsHolder),
    (["b1", "b1"], False, rules.DuplicateBackup),
    (["nobody"], False, rules.UnknownReference),
    (["x"], False, rules.NotInDivision),
    (["b1"], True, rules.SpecialPostHasNoBackup),
])
def test_a_wrong_backup_list_is_refused(backups, special, error):
    with pytest.raises(error):
        rules.check_backups("a", backups, special, PEOPLE, "d1")


def test_a_special_post_may_have_no_backup():
    rules.check_backups("a", [], True, PEOPLE, "d1")


def test_a_division_head_manages_only_their_own_division():
    rules.check_manages_division(Acting("head", "division_head"), DIVISION)
    rules.check_manages_division(Acting("root", "admin"), DIVISION)
    with pytest.raises(rules.NotYourDivision):
        rules.check_manages_division(Acting("other-head", "division_head"), DIVISION)
    with pytest.raises(rules.NotYourDivision):
        rules.check_manages_division(Acting("a", "staff"), DIVISION)


def test_the_holder_must_belong_to_the_division():
    with pytest.raises(rules.NotInDivision):
        rules.check_holder(DIVISION, "x", PEOPLE["x"])
    with pytest.raises(rules.UnknownReference):
        rules.check_holder(DIVISION, "ghost", None)


def test_staff_and_heads_need_a_division_and_a_division_has_one_head():
    with pytest.raises(rules.DivisionRequired):
        rules.check_new_staff("staff", None, None)
    with pytest.raises(rules.DivisionHasHead):
        rules.check_new_staff("division_head", DIVISION, "d1")
    rules.check_new_staff("leader", None, None)


def test_the_signage_card_shows_who_is_acting_when_the_post_is_covered():
    post = rules.PostFacts(id="p1", title="机构编制审核", division_id="d1", holder_id="a",
                           special=False, duties=["审核"], backup_ids=["b1"], acting_id="b1")
    card = rules.signage_card(post, DIVISION, PEOPLE["a"], PEOPLE["b1"], [PEOPLE["b1"]])
    assert card["division"] == "政府机构编制处" and card["name"] == "A"
    assert card["acting_name"] == "B1"
    assert "acting_name" not in rules.signage_card(post, DIVISION, PEOPLE["a"], None, [])


def test_the_signage_card_names_the_bs_in_takeover_order_and_never_a_leaver():
    post = rules.PostFacts(id="p1", title="机构编制审核", division_id="d1", holder_id="a",
                           special=False, duties=["审核"], backup_ids=["b2", "gone", "b1"],
                           acting_id=None)
    gone = rules.StaffFacts(id="gone", role="staff", division_id="d1", active=False,
                            name="GONE", title="科员", phone="3")
    card = rules.signage_card(post, DIVISION, PEOPLE["a"], None,
                              [PEOPLE["b2"], gone, PEOPLE["b1"]])
    assert card["backups"] == ["B2", "B1"]  # published while nobody acts, too


def test_the_development_admin_login_is_refused_in_production():
    with pytest.raises(rules.InsecureFirstAdmin):
        rules.check_first_admin(True, "admin", "admin")
    rules.check_first_admin(True, "root", "a-long-real-secret")
    rules.check_first_admin(False, "admin", "admin")


def post(holder="a", backups=("b1", "b2"), special=False, acting=None):
    return rules.PostFacts(id="p1", title="岗位", division_id="d1", holder_id=holder,
                           special=special, duties=[], backup_ids=list(backups), acting_id=acting)


def test_the_first_backup_covers_an_absent_holder():
    assert rules.cover_plan(post(), {"a"}) == ("covered", "b1")


def test_the_second_backup_covers_when_the_first_is_away():
    assert rules.cover_plan(post(), {"a", "b1"}) == ("covered", "b2")


def test_an_acting_backup_keeps_the_post_when_an_earlier_backup_comes_back():
    assert rules.cover_plan(post(acting="b2"), {"a"}) == ("covered", "b2")


def test_a_post_is_uncovered_when_every_backup_is_away():
    assert rules.cover_plan(post(), {"a", "b1", "b2"}) == ("uncovered", None)


def test_a_post_whose_holder_is_present_or_which_is_special_stays_normal():
    assert rules.cover_plan(post(), {"b1"}) == ("normal", None)
    assert rules.cover_plan(post(backups=(), special=True), {"a"}) == ("normal", None)
