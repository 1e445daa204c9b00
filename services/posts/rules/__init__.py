"""Rules of the organisation, 岗位责任制 (post responsibility) and the A/B post data (AB岗制).

Pure functions: they take the records they judge and raise domain errors. People
coming and going (accounts, passwords, leaving) are in :mod:`.people`; what the
admin must fix, in :mod:`.warnings`.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from chassis.errors import Conflict, Forbidden, Invalid, NotFound
from chassis.schemas import Facts
from contracts.vocabulary import ROLE_GROUPS
from office.acting import Acting

HEAD_ROLES = ("division_head",)
MEMBER_ROLES = ROLE_GROUPS["MEMBERS"]
T = TypeVar("T")


@dataclass(frozen=True)
class StaffFacts(Facts):
    """What the rules read of a person (``.of(row)``, from a ``Staff`` row)."""

    id: str
    role: str
    division_id: str | None
    active: bool
    name: str
    title: str
    phone: str


@dataclass(frozen=True)
class DivisionFacts(Facts):
    id: str
    name: str
    head_id: str | None
    leader_id: str | None
    acting_head_id: str | None = None


@dataclass(frozen=True)
class PostFacts(Facts):
    id: str
    title: str
    division_id: str
    holder_id: str | None
    special: bool
    duties: Sequence[str]
    backup_ids: Sequence[str]
    acting_id: str | None


class UnknownReference(Invalid):
    code = "unknown_reference"


class BackupIsHolder(Invalid):
    code = "backup_is_holder"


class DuplicateBackup(Invalid):
    code = "duplicate_backup"


class SpecialPostHasNoBackup(Invalid):
    """特殊岗位: a special post is exempt from AB岗 and takes no backup."""

    code = "special_post_has_no_backup"


class BackupRequired(Invalid):
    """五.2: every post but a special one has at least one B."""

    code = "backup_required"


class NotInDivision(Invalid):
    code = "not_in_division"


class NotALeader(Invalid):
    code = "not_a_leader"


class DivisionRequired(Invalid):
    code = "division_required"


class NotYourDivision(Forbidden):
    code = "not_your_division"


class UsernameTaken(Conflict):
    code = "username_taken"


class DivisionCodeTaken(Conflict):
    code = "division_code_taken"


class DivisionHasHead(Conflict):
    code = "division_has_head"


class InsecureFirstAdmin(RuntimeError):
    """The development admin login may not start a production system."""


def require(record: T | None, what: str, record_id: str) -> T:
    if record is None:
        raise NotFound(f"no {what} with id {record_id}", {"id": record_id},
                       code=f"{what}_not_found")
    return record


class AdminOnly(Forbidden):
    code = "admin_only"


def check_admin(actor: Acting) -> None:
    if actor.role != "admin":
        raise AdminOnly("only an admin may do this", {"role": actor.role})


def head_now(division: DivisionFacts) -> str | None:
    """Who holds the division's head powers now: the head, or while the head is away
    whoever acts for them (``acting_head``). Powers follow ``head_id``, not the role."""
    return division.acting_head_id or division.head_id


def acting_head(division: DivisionFacts, head_away: bool,
                head_posts: Sequence[PostFacts]) -> str | None:
    """五.3 代行其职责: while the head is away, the B acting for the head's own post holds
    the head's powers; with none acting (no such post, or none free), the supervising
    leader. None while the head is present."""
    if division.head_id is None or not head_away:
        return None
    covering = [p.acting_id for p in head_posts if p.acting_id]
    return covering[0] if covering else division.leader_id


def acting_for(staff_id: str, covered: Sequence[PostFacts],
               heading: Sequence[DivisionFacts]) -> list[dict]:
    """Whom ``staff_id`` acts for now (GET /me): the holders of the posts they cover, and
    the heads whose powers they hold, with the head's post they cover if any."""
    found = [{"staff_id": p.holder_id, "post_id": p.id, "as_": "holder",
              "division_id": p.division_id} for p in covered]
    for division in heading:
        post = next((p for p in covered if p.holder_id == division.head_id), None)
        found.append({"staff_id": division.head_id, "post_id": post and post.id,
                      "as_": "head", "division_id": division.id})
    return found


def check_manages_division(actor: Acting, division: DivisionFacts) -> None:
    """Admins manage every division; otherwise whoever holds its head powers now."""
    if actor.role == "admin":
        return
    if actor.id != head_now(division):
        raise NotYourDivision("only this division's head (or whoever acts for them) or an "
                              "admin may do this", {"division_id": division.id})


def check_new_staff(role: str, division: DivisionFacts | None,
                    division_id: str | None) -> None:
    if role in MEMBER_ROLES and division_id is None:
        raise DivisionRequired(f"a {role} belongs to a division", {"role": role})
    if division_id is not None and division is None:
        raise UnknownReference("unknown division", {"division_id": division_id})
    if role in HEAD_ROLES and division.head_id is not None:
        raise DivisionHasHead("the division already has a head; change it on the division",
                              {"division_id": division.id, "head_id": division.head_id})


def heads_division(role: str) -> bool:
    """A division_head account becomes its division's head (处室负责人)."""
    return role in HEAD_ROLES


def check_leader(leader_id: str, leader: StaffFacts | None) -> None:
    if leader is None or leader.role != "leader" or not leader.active:
        raise NotALeader("the supervising leader must be a staff account with role leader",
                         {"leader_id": leader_id})


def check_head(division: DivisionFacts, head_id: str, head: StaffFacts | None) -> None:
    if head is None or head.division_id != division.id or head.role not in MEMBER_ROLES \
            or not head.active:
        raise NotInDivision("the head must be a member of the division", {"head_id": head_id})


def check_holder(division: DivisionFacts, holder_id: str,
                 holder: StaffFacts | None) -> None:
    """The A holder: an active member of the post's division."""
    if holder is None or not holder.active:
        raise UnknownReference("unknown or inactive holder", {"holder_id": holder_id})
    if holder.division_id != division.id:
        raise NotInDivision("the A holder must belong to the post's division",
                            {"holder_id": holder_id})


def check_backups(holder_id: str | None, backup_ids: Sequence[str], special: bool,
                  staff_by_id: Mapping[str, StaffFacts], division_id: str) -> None:
    """The B list: at least one but on a special post (none there); known staff of the
    division, none twice, never the A."""
    if special and backup_ids:
        raise SpecialPostHasNoBackup("a special post has no B backup",
                                     {"backup_ids": backup_ids})
    if not special and not backup_ids:
        raise BackupRequired("a post that is not special needs at least one B backup")
    if holder_id in backup_ids:
        raise BackupIsHolder("the A holder cannot be their own B backup",
                             {"holder_id": holder_id})
    if len(set(backup_ids)) != len(backup_ids):
        raise DuplicateBackup("a backup appears twice", {"backup_ids": backup_ids})
    unknown = [b for b in backup_ids if b not in staff_by_id or not staff_by_id[b].active]
    if unknown:
        raise UnknownReference("unknown or inactive backup staff", {"backup_ids": unknown})
    outside = [b for b in backup_ids if staff_by_id[b].division_id != division_id]
    if outside:
        raise NotInDivision("B backups must belong to the post's division",
                            {"backup_ids": outside})


def signage_card(post: PostFacts, division: DivisionFacts, holder: StaffFacts | None,
                 acting: StaffFacts | None, backups: Sequence[StaffFacts]) -> dict:
    """工作岗位标识牌: department, name, title, phone and duties of a post (a vacant
    post says so, and who acts for it, if anyone). 五.2 AB岗设置情况以适当的方式公布: the
    card names the post's Bs, ``backups`` in takeover order (顶岗秩序), always — not only
    while one acts; someone who has left is never named."""
    card = {"post_id": post.id, "post_title": post.title, "division": division.name,
            "division_id": division.id, "name": holder.name if holder else "（岗位空缺）",
            "title": holder.title if holder else "", "phone": holder.phone if holder else "",
            "duties": list(post.duties), "special": post.special, "vacant": holder is None,
            "backups": [b.name for b in backups if b.active]}
    if acting is not None:
        card["acting_name"] = acting.name
    return card


def check_first_admin(production: bool, username: str | None,
                      password: str | None) -> None:
    """The development default admin/admin is refused in production."""
    if production and (not username or not password or password == "admin"):
        raise InsecureFirstAdmin(
            "XIAONENG_ENV=production needs XIAONENG_ADMIN_USERNAME and a non-default "
            "XIAONENG_ADMIN_PASSWORD")


def cover_plan(post: PostFacts, absent_ids: Collection[str]) -> tuple[str, str | None]:
    """AB岗: ``(state, acting_id)`` a post should be in while ``absent_ids`` are away.

    A non-special post whose A holder is away goes to the first B in takeover
    order (顶岗秩序) who is not away; with none available it is uncovered. A B
    already acting keeps the post while present, so the work is not passed
    around when an earlier B comes back.
    """
    if post.holder_id is None:
        return "vacant", None
    if post.special or post.holder_id not in absent_ids:
        return "normal", None
    available = [b for b in post.backup_ids if b not in absent_ids]
    if post.acting_id in available:
        return "covered", post.acting_id
    return ("covered", available[0]) if available else ("uncovered", None)
