"""在岗检查 (七.6): spot checks of who is at their post, kept with what excused each person
found away; everyone else is reported as an unauthorised absence (擅自离岗), which
accountability holds against them with source ``duty_check``.

The division and its people come from attendance's views of posts; one the views do not
know yet (a division or person just created) is asked of posts through ``ask`` — the
rare case, as in filing a notice.
"""

import dataclasses
import uuid

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import lock_key
from chassis.schemas import once, paginate
from contracts.rpc import attendance as s
from office import projections
from services.attendance import absences, rules
from services.attendance.models import (
    Absence,
    AbsenceReport,
    DivisionView,
    DutyCheck,
    StaffView,
)
from services.attendance.rules import duty_checks as check_rules


def division(session, division_id, ask):
    """The division as the view knows it, else as posts does (posts refuses one it does not
    know: ``division_not_found``); a view row, not stored, either way."""
    known = session.get(DivisionView, division_id)
    if known is not None:
        return known
    found = ask("posts", "get_division", division_id)
    return DivisionView(division_id=found["id"], name=found["name"], code=found["code"],
                        head_id=found["head_id"], leader_id=found["leader_id"],
                        acting_head_id=found.get("acting_head_id"))


def members(session, division_id, staff_ids, ask):
    """``{staff_id: role}`` of the division's active people among ``staff_ids``; if the
    staff view does not place them all, posts' list decides for the rest."""
    found = dict(session.execute(sa.select(StaffView.staff_id, StaffView.role).where(
        StaffView.division_id == division_id, StaffView.active.is_(True),
        StaffView.staff_id.in_(staff_ids))).all())
    if set(staff_ids) - set(found):
        page = ask("posts", "list_staff", {"division_id": division_id, "active": True,
                                           "limit": 500})
        found.update({p["id"]: p["role"] for p in page["items"]
                      if p["id"] in staff_ids and p["id"] not in found})
    return {staff_id: role or "staff" for staff_id, role in found.items()}


def record(work, checker, division, people, data):
    """The check of ``division`` by ``checker`` (``data``: a loaded DutyCheckIn): each
    person found away is excused by an absence covering the moment, or reported once."""
    check = DutyCheck(id=str(uuid.uuid4()), division_id=division.division_id,
                      checked_at=data["checked_at"], checked_by=checker.id,
                      checked_for=division.acting_for(checker.id), note=data["note"],
                      created_at=clock.now())
    heads = rules.HeadsFacts.of(division)
    # checks of one division one at a time: two made at once (the head and the leader, a
    # double click) never report one person twice for one moment
    lock_key(work.session, f"duty_check:{division.division_id}")
    absent = []
    for finding in check_rules.findings(data["absent_ids"], taken(
            work.session, data["absent_ids"], check.checked_at), check.checked_at):
        report_id = None if finding.excused else reported(
            work.session, finding.staff_id, check.checked_at) or absences.report(
            work, found=check.id, staff_id=finding.staff_id, observed_at=check.checked_at,
            note=check.note or "", reported_by=checker.id, approver_id=approver(
                rules.MemberFacts(finding.staff_id, people[finding.staff_id],
                                  division.division_id), heads)).id
        absent.append({**dataclasses.asdict(finding), "report_id": report_id})
    check.absent = absent
    work.session.add(check)
    return check


def reported(session, staff_id, moment):
    """The report an earlier check made of ``staff_id`` away at this very moment, if any."""
    return session.scalar(sa.select(AbsenceReport.id).where(
        AbsenceReport.staff_id == staff_id, AbsenceReport.observed_at == moment,
        AbsenceReport.duty_check_id.is_not(None)))


def taken(session, staff_ids, moment):
    """Their absences that may excuse being away at ``moment`` (begun by then)."""
    return [rules.AbsenceFacts.of(a) for a in session.scalars(sa.select(Absence).where(
        Absence.staff_id.in_(staff_ids), Absence.status.in_(check_rules.EXCUSING),
        Absence.start_at <= moment))]


def approver(person, heads):
    """Whoever approves the person's absences, named with the report as a report names
    them; None where nobody does."""
    try:
        return rules.approver_of(person, heads)
    except rules.NoApprover:
        return None


def listed(session, actor, args, ask):
    """The checks of the division ``args`` names, else of every division the actor checks
    (an admin: all), newest first: read by those who may make them."""
    select = sa.select(DutyCheck).order_by(DutyCheck.checked_at.desc(), DutyCheck.id)
    if args.get("division_id") is not None:
        named = division(session, args["division_id"], ask)
        check_rules.check_checker(actor, rules.HeadsFacts.of(named))
        select = select.where(DutyCheck.division_id == named.division_id)
    elif actor.role != "admin":
        checkable = checked_by(session, actor.id)
        check_rules.check_reader(checkable)
        select = select.where(DutyCheck.division_id.in_(checkable))
    total, sliced = paginate(session, select, args)
    return {"items": [dump(c) for c in session.scalars(sliced)], "total": total}


def checked_by(session, staff_id):
    """The divisions whose checks ``staff_id`` makes now: headed (or acted for) or
    supervised."""
    return {*projections.headed_by(session, DivisionView, staff_id), *session.scalars(
        sa.select(DivisionView.division_id).where(DivisionView.leader_id == staff_id))}


def dump(check):
    # a check stands as it was recorded: no verb applies to it
    return {**once(s.DutyCheckOut).dump(check), "actions": []}
