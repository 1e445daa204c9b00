"""What the caller may start or read here beyond one record (GET /me's ``may``): the
checks that refuse recording a duty failure, reading the statistics, a division's
appraisals, everyone's violations and the audit trail, run as predicates."""

from collections.abc import Collection, Mapping
from datetime import datetime

from contracts.rpc.may import ELSEWHERE, reach
from office.acting import Acting
from services.accountability.rules.audit import check_auditor
from services.accountability.rules.judgement import (
    appraised_divisions,
    check_recorder,
    violations_visible_to,
)
from services.accountability.rules.period import check_reader, scope


def reaches(actor: Acting, headed: Collection[str], read_as_head: Collection[str],
            heads: Mapping[str, Collection[str]], now: datetime) -> dict[str, list[str]]:
    """``{verb: divisions}``: ``headed`` the divisions whose head powers the caller holds
    now, ``read_as_head`` those they read as head, ``heads`` each division's readers as
    head (people.heads_of)."""
    def statistics(division_id):
        check_reader(actor, read_as_head)
        scope(actor, division_id, read_as_head)
    return {
        "record_violation": reach(lambda d: check_recorder(
            actor, None, d, headed, now, now), heads),
        "read_statistics": reach(statistics, heads),
        "read_appraisals": reach(lambda d: appraised_divisions(
            actor, d, heads.get(d, ()), read_as_head), heads),
        "read_violations": reach(lambda _: violations_visible_to(actor, ELSEWHERE), ()),
        "read_audit": reach(lambda _: check_auditor(actor), ()),
    }
