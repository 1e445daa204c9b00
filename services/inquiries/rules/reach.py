"""What the caller may start or read here beyond one record (GET /me's ``may``): the
checks that refuse publishing a matter and reading a division's complaints, run as
predicates."""

from collections.abc import Collection, Mapping

from contracts.rpc.may import reach
from office.acting import Acting
from services.inquiries.rules import check_matter_publisher
from services.inquiries.rules.complaints import ComplaintFacts, check_may_see, check_reader


def reaches(actor: Acting, head_now: Mapping[str, str | None],
            headed: Collection[str]) -> dict[str, list[str]]:
    """``{verb: divisions}``: ``head_now`` who holds each division's head powers now,
    ``headed`` the divisions whose head powers the caller holds."""
    return {
        "publish_matter": reach(lambda d: check_matter_publisher(actor, head_now.get(d)),
                                head_now),
        "read_complaints": reach(lambda d: (check_reader(actor, headed), check_may_see(
            actor, ComplaintFacts("received", d, None, None), headed)), head_now),
    }
