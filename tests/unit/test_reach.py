"""What GET /me's ``may`` and ``divisions`` say, from the checks that refuse the routes,
run division by division (contracts.rpc.may.reach and each service's rules/reach.py)."""

from datetime import datetime

from chassis.clock import OFFICE_TZ
from chassis.errors import Forbidden
from contracts.rpc.may import reach
from office.acting import Acting
from services.accountability.rules import reach as accountability
from services.attendance.rules import HeadsFacts
from services.attendance.rules import reach as attendance
from services.inquiries.rules import reach as inquiries
from services.posts.rules import DivisionFacts
from services.posts.rules import reach as posts

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=OFFICE_TZ)
HEAD, ACTING, LEADER = Acting("h", "division_head"), Acting("b", "staff"), Acting("l", "leader")
CLERK, ADMIN = Acting("c", "staff"), Acting("a", "admin")


def test_a_check_passing_for_a_division_without_ties_reaches_all_else_the_ones_it_passes():
    def own_only(division_id):
        if division_id != "d1":
            raise Forbidden("not theirs")
    assert reach(own_only, ["d1", "d2"]) == ["d1"]
    assert reach(lambda _: None, ["d1", "d2"]) == ["all"]
    assert reach(own_only, []) == []


def test_a_head_records_and_reads_their_own_division_a_leader_every_one_a_clerk_none():
    def of(actor, headed=()):
        return accountability.reaches(actor, headed, headed, {"d1": {"h"}, "d2": set()}, NOW)
    head, leader, clerk = of(HEAD, ["d1"]), of(LEADER), of(CLERK)
    assert head["record_violation"] == head["read_statistics"] == ["d1"]
    assert head["read_appraisals"] == ["d1"] and head["read_violations"] == ["all"]
    assert leader["record_violation"] == leader["read_appraisals"] == ["all"]
    assert leader["read_audit"] == [] and of(ADMIN)["read_audit"] == ["all"]
    assert all(found == [] for found in clerk.values())


def test_the_b_acting_for_an_absent_head_reports_and_checks_in_that_division_only():
    divisions = {"d1": HeadsFacts("h", "l", acting_head_id="b"), "d2": HeadsFacts("x", "l2")}
    acting = attendance.reaches(ACTING, divisions)
    assert acting == {"report_absence": ["d1"], "check_duty": ["d1"]}
    assert attendance.reaches(HEAD, divisions) == {"report_absence": [], "check_duty": []}
    assert attendance.reaches(LEADER, divisions) == {"report_absence": ["all"],
                                                     "check_duty": ["d1"]}
    assert attendance.reaches(ADMIN, divisions)["check_duty"] == ["all"]


def test_matters_are_published_and_complaints_read_where_the_caller_heads():
    head_now = {"d1": "h", "d2": "x"}
    assert inquiries.reaches(HEAD, head_now, ["d1"]) == {"publish_matter": ["d1"],
                                                         "read_complaints": ["d1"]}
    assert inquiries.reaches(ADMIN, head_now, []) == {"publish_matter": ["all"],
                                                      "read_complaints": ["all"]}
    assert inquiries.reaches(CLERK, head_now, []) == {"publish_matter": [],
                                                      "read_complaints": []}


def test_an_admin_manages_the_organisation_a_head_their_divisions_posts():
    divisions = {"d1": DivisionFacts("d1", "综合处", "h", "l"),
                 "d2": DivisionFacts("d2", "编制处", "x", "l")}
    assert posts.reaches(HEAD, divisions) == {"manage_organisation": [], "manage_posts": ["d1"]}
    assert posts.reaches(ADMIN, divisions) == {"manage_organisation": ["all"],
                                               "manage_posts": ["all"]}
