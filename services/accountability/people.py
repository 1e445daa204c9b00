"""Posts' staff and divisions as accountability keeps them, from ``staff_changed`` and
``division_changed``: violations are recorded, and cases given their responsible leader,
while posts is down (docs/architecture.md, "Copies of posts' data")."""

import sqlalchemy as sa

from chassis.errors import NotFound
from office import projections
from services.accountability.models import DivisionView, StaffView
from services.accountability.rules.grading import Division, Person


def person_and_division(session, staff_id):
    """The person and their division, or NotFound (``staff_not_found``): a violation about
    someone posts never announced is parked with that reason (and can be replayed)."""
    staff = session.get(StaffView, staff_id)
    if staff is None:
        raise NotFound(f"no staff with id {staff_id}", {"id": staff_id},
                       code="staff_not_found")
    division = staff.division_id and session.get(DivisionView, staff.division_id)
    return (Person(staff.staff_id, staff.division_id),
            Division(division.division_id, division.head_id, division.leader_id)
            if division else None)


def headed(session, staff_id):
    """The divisions whose head powers ``staff_id`` holds now (五.3)."""
    return projections.headed_by(session, DivisionView, staff_id)


def acting_for(session, division_id, actor_id):
    """The head ``actor_id`` acts for in ``division_id``, if they act for one."""
    division = division_id and session.get(DivisionView, division_id)
    return division.acting_for(actor_id) if division else None


def heads_of(session, division_id):
    """Who may read as the division's head: the head, and whoever acts for them now."""
    division = division_id and session.get(DivisionView, division_id)
    return _heads(division) if division else set()


def heads_by_division(session):
    """:func:`heads_of` every division, in one query."""
    return {d.division_id: _heads(d) for d in session.scalars(sa.select(DivisionView))}


def _heads(division):
    return {division.head_id, division.acting_head_id} - {None}


def read_as_head(session, staff_id):
    """The divisions ``staff_id`` may read as their head: those they head — away or not —
    and those whose absent head they act for now (五.3)."""
    return session.scalars(sa.select(DivisionView.division_id).where(sa.or_(
        DivisionView.head_id == staff_id, DivisionView.acting_head_id == staff_id))).all()
