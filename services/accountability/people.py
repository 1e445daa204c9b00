"""Posts' staff and divisions as accountability keeps them, from ``staff_changed`` and
``division_changed``: violations are recorded, and cases given their responsible leader,
while posts is down (DESIGN.md §2)."""

from chassis.errors import NotFound
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
