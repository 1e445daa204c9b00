"""What the caller may do here beyond one record (GET /me's ``may``): the checks that
refuse changing the organisation and a division's posts, run as predicates."""

from collections.abc import Mapping

from contracts.rpc.may import ELSEWHERE, reach
from office.acting import Acting
from services.posts.rules import DivisionFacts, check_admin, check_manages_division

NOBODY = DivisionFacts(id=ELSEWHERE, name="", head_id=None, leader_id=None)


def reaches(actor: Acting, divisions: Mapping[str, DivisionFacts]) -> dict[str, list[str]]:
    """``{verb: divisions}`` over the office's ``divisions``."""
    return {
        "manage_organisation": reach(lambda _: check_admin(actor), ()),
        "manage_posts": reach(lambda d: check_manages_division(
            actor, divisions.get(d, NOBODY)), divisions),
    }
