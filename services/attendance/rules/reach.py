"""What the caller may start here beyond one record (GET /me's ``may``): the checks that
refuse reporting an unauthorised absence and a spot check (七.6), run as predicates."""

from collections.abc import Mapping

from contracts.rpc.may import ELSEWHERE, reach
from office.acting import Acting
from services.attendance.rules import (
    HeadsFacts,
    MemberFacts,
    NoApprover,
    approver_of,
    check_reporter,
)
from services.attendance.rules.duty_checks import check_checker

NOBODY = HeadsFacts(head_id=None, leader_id=None)  # a division with no tie to the caller


def reaches(actor: Acting, divisions: Mapping[str, HeadsFacts]) -> dict[str, list[str]]:
    """``{verb: divisions}`` over the office's ``divisions``."""
    def reporter(division_id):
        division = divisions.get(division_id, NOBODY)
        try:  # whoever approves a member of it (none: only a leader reports)
            approver = approver_of(MemberFacts(ELSEWHERE, "staff", division_id), division)
        except NoApprover:
            approver = None
        check_reporter(actor, approver)
    return {
        "report_absence": reach(reporter, divisions),
        "check_duty": reach(lambda d: check_checker(actor, divisions.get(d, NOBODY)),
                            divisions),
    }
