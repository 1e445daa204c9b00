"""服务承诺制 (三.2 公示, 三.3 程序科学、条件明确): the matter catalogue kept true — a matter
revised (its version rises; what was published before is kept) or withdrawn (gone from the
catalogue), by an admin or whoever holds the head powers of its division (五.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chassis.errors import permitted
from chassis.schemas import Facts
from office.acting import Acting
from services.inquiries.rules import check_matter_open, check_matter_publisher


@dataclass(frozen=True)
class MatterFacts(Facts):
    """What the rules read of a matter (``.of(row)``)."""

    version: int
    withdrawn_at: datetime | None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def check_revision(matter: MatterFacts, actor: Acting, head_now: str | None,
                   new_head_now: str | None) -> None:
    """三.3: the head of the matter's division (or an admin) revises it while it is offered;
    moved to another division, that division's head must agree too (the same person, or an
    admin)."""
    check_matter_publisher(actor, head_now)
    check_matter_publisher(actor, new_head_now)
    check_matter_open(matter.withdrawn)


def check_withdrawal(matter: MatterFacts, actor: Acting, head_now: str | None) -> None:
    """三.2: the head of the matter's division (or an admin) withdraws it, once."""
    check_matter_publisher(actor, head_now)
    check_matter_open(matter.withdrawn)


def next_version(matter: MatterFacts) -> int:
    """Each revision is a new version; the earlier ones stay as they were published."""
    return matter.version + 1


def matter_actions(matter: MatterFacts, actor: Acting, head_now: str | None) -> list[str]:
    """What ``actor`` may do to the matter now: ``revise`` (PUT) and ``withdraw``."""
    return permitted({
        "revise": lambda: check_revision(matter, actor, head_now, head_now),
        "withdraw": lambda: check_withdrawal(matter, actor, head_now)})
