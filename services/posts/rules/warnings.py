"""What the admin must fix for the rules to hold (GET /org/warnings)."""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from chassis.schemas import Facts
from services.posts.rules import DivisionFacts, PostFacts, StaffFacts


@dataclass(frozen=True)
class CaseFacts(Facts):
    """An open case of accountability's, as posts keeps it (``CaseView``)."""

    case_id: str
    staff_id: str
    responsible_id: str | None


def org_warnings(divisions: list[DivisionFacts], posts: list[PostFacts],
                 people: dict[str, StaffFacts]) -> list[dict]:
    """Divisions without a head or a supervising leader (七.2: who approves); posts
    without a B (五.2) — data from before the B was required shows up here rather than
    breaking —, vacant posts, B lists naming someone who left, and holders or Bs who
    moved to another division."""
    found = []
    for division in divisions:
        for field, kind, text in (("head_id", "division_without_head", "没有处室负责人"),
                                  ("leader_id", "division_without_leader", "没有分管领导")):
            if getattr(division, field) is None:
                found.append({"kind": kind, "division_id": division.id,
                              "message": f"{division.name}{text}"})
    for post in posts:
        found += [{"kind": kind, "division_id": post.division_id, "post_id": post.id,
                   **({"staff_id": staff_id} if staff_id else {}),
                   "message": f"岗位「{post.title}」{text}"}
                  for kind, staff_id, text in _post_problems(post, people)]
    return found


def _post_problems(post, people):
    if post.holder_id is None:
        yield "vacant_post", None, "空缺，待确定新的A岗人员"
    elif people[post.holder_id].division_id != post.division_id:
        yield "holder_elsewhere", post.holder_id, \
            f"的A岗人员{people[post.holder_id].name}已调往其他处室"
    if not post.special and not post.backup_ids:
        yield "post_without_backup", None, "未设B岗"
    for staff_id in post.backup_ids:
        person = people[staff_id]
        if not person.active:
            yield "inactive_backup", staff_id, f"的B岗人员{person.name}已离岗"
        elif person.division_id != post.division_id:
            yield "backup_elsewhere", staff_id, f"的B岗人员{person.name}已调往其他处室"


def cases_without_judge(cases: Sequence[CaseFacts], leaders: Collection[str],
                        people: Mapping[str, StaffFacts]) -> list[dict]:
    """回避: a leader never judges a case about themselves or one whose linked leader case
    they hold or would hold; a case whose every active leader is one of those waits, and
    the admin is told (another leader must be appointed or the case referred)."""
    found = []
    for case in cases:
        if set(leaders) - {case.staff_id, case.responsible_id}:
            continue
        person = people.get(case.staff_id)
        found.append({"kind": "case_without_judge", "case_id": case.case_id,
                      "staff_id": case.staff_id,
                      "division_id": person.division_id if person else None,
                      "message": f"{person.name if person else case.staff_id}的追责案件没有"
                                 "无利害关系的领导可以裁定（回避）"})
    return found
