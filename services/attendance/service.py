"""The attendance service: 离岗告示 (leave-post notices), 请假 (leave), returns, the board."""

from pathlib import Path

import sqlalchemy as sa

from chassis.calendar import Calendar
from chassis.calls import ServiceCalls
from chassis.clock import clock
from chassis.entrypoints import periodic, rpc
from chassis.events import handle_event
from chassis.schemas import matching, once, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.fields import Actor
from contracts.rpc import attendance as s
from contracts.rpc import urges as u
from office import projections, work_items
from office.acting import Acting, acting
from services.attendance import absences, board, duty_checks, rules, todo
from services.attendance.models import (
    Absence,
    DivisionView,
    HandoverView,
    PostView,
    StaffView,
    Urge,
)
from services.attendance.rules import duty_checks as check_rules
from services.attendance.rules import reach

MIGRATIONS = str(Path(__file__).parent / "migrations")
KINDS = {kind: absence_kind for absence_kind, kind in rules.URGE_KINDS.items()}
_staff, _divisions = StaffView.__table__, DivisionView.__table__
# A filer and their division's heads, built once on the tables: loading the two views as ORM
# entities cost a third of a filing's CPU.
_MEMBER = (sa.select(_staff.c.role, _staff.c.division_id, _divisions.c.head_id,
                     _divisions.c.leader_id, _divisions.c.acting_head_id,
                     _divisions.c.division_id.label("division_known"))
           .outerjoin_from(_staff, _divisions, _divisions.c.division_id == _staff.c.division_id)
           .where(_staff.c.staff_id == sa.bindparam("staff_id")))


class AttendanceService(ServiceBase):
    """离岗告示制: who is away, approved by whom, back when."""

    name = "attendance"
    uow = UnitOfWork(MIGRATIONS)
    call = ServiceCalls()
    calendar = Calendar()

    @rpc
    def may(self, actor):
        """GET /me's part here: ``{verb: divisions}`` by the rules that refuse the routes."""
        with self.uow as work:
            return reach.reaches(acting(actor), {d.division_id: rules.HeadsFacts.of(d) for d in
                                                 work.session.scalars(sa.select(DivisionView))})

    @rpc
    def file_notice(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.NoticeIn).load(payload)
        rules.check_contact(data["contact"])
        with self.uow as work:
            nearby = absences.nearby(work, actor["id"], data["start_at"],
                                     data["expected_return_at"])
            chain = rules.chained(nearby, data["start_at"])
            status = rules.notice_status(data["start_at"], data["expected_return_at"], chain)
            approver_id = self._approver(work, actor["id"], required=status == "pending")
            absence = absences.open_absence(
                work, nearby, kind="notice", staff_id=actor["id"], status=status,
                approver_id=approver_id, start_at=data["start_at"],
                expected_return_at=data["expected_return_at"], reason=data["reason"],
                reason_kind=data["kind"], contact=data["contact"].strip(),
                chained_with=[a.id for a in chain], hands_over=status == "pending")
            self._tell_approver(work, absence)
            return self._dump(work, absence, actor)

    @rpc
    def file_leave(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.LeaveIn).load(payload)
        rules.check_contact(data["contact"])
        rules.check_handover_note(data["handover_note"])
        start_at, back_at = rules.leave_window(data["start_date"], data["end_date"],
                                               self.calendar)
        with self.uow as work:
            nearby = absences.nearby(work, actor["id"], start_at, back_at)
            approver_id = self._approver(work, actor["id"], required=True)
            absence = absences.open_absence(
                work, nearby, kind="leave", staff_id=actor["id"], status="pending",
                approver_id=approver_id, start_at=start_at, expected_return_at=back_at,
                start_date=data["start_date"], end_date=data["end_date"],
                reason=data["reason"], reason_kind=data["kind"],
                contact=data["contact"].strip(),
                handover_note=data["handover_note"].strip())
            self._tell_approver(work, absence)
            return self._dump(work, absence, actor)

    @rpc
    def decide(self, actor, kind, absence_id, decision, payload):
        actor, data = once(Actor).load(actor), once(s.DecisionIn).load(payload or {})
        with self.uow as work:
            absence = absences.locked(work.session, kind, absence_id)
            rules.check_decision(rules.AbsenceFacts.of(absence), actor["id"], decision,
                                 data["note"])
            absence.status, absence.decision_note = decision, data["note"]
            absence.decided_at = clock.now()
            absence.decided_by = actor["id"]
            absence.decided_for = self._acting_for(work, absence.staff_id, actor["id"])
            absences.start_if_due(work, absence, clock.now())
            return self._dump(work, absence, actor)

    @rpc
    def report_return(self, actor, kind, absence_id, payload):
        """七.5: back now — the report is the return; nobody dates their own."""
        actor, data = once(Actor).load(actor), once(s.ReturnIn).load(payload or {})
        with self.uow as work:
            absence = absences.locked(work.session, kind, absence_id)
            rules.check_return(rules.AbsenceFacts.of(absence), actor["id"],
                               data["returned_at"], clock.now())
            absences.end(work, absence, clock.now(), absences.grace_period(self.settings))
            self._tell_approver(work, absence)
            return self._dump(work, absence, actor)

    @rpc
    def acknowledge_return(self, actor, kind, absence_id, payload=None):
        """七.5: the approver has read the return report; it leaves their to-do. The approver
        may correct the return time, with a note; lateness follows."""
        actor, data = once(Actor).load(actor), once(s.AcknowledgeIn).load(payload or {})
        with self.uow as work:
            absence = absences.locked(work.session, kind, absence_id)
            facts = rules.AbsenceFacts.of(absence)
            rules.check_acknowledgement(facts, actor["id"])
            rules.check_correction(facts, data["returned_at"], data["note"], clock.now())
            if data["returned_at"] is not None:
                absences.correct_return(work, absence, data["returned_at"], data["note"],
                                        absences.grace_period(self.settings))
            absence.return_acknowledged_at = clock.now()
            absence.acknowledged_by = actor["id"]
            absence.acknowledged_for = self._acting_for(work, absence.staff_id, actor["id"])
            return self._dump(work, absence, actor)

    @rpc
    def urge(self, actor, kind, absence_id, payload):
        """催办: the head (or acting head) of the person's division, a leader or an admin
        urges whoever the absence waits on."""
        actor, data = acting(actor), once(u.NoteIn).load(payload)
        with self.uow as work:
            absence = absences.locked(work.session, KINDS.get(kind, kind), absence_id)
            target = rules.check_urge(rules.AbsenceFacts.of(absence), actor,
                                      self._head_now(work, absence.staff_id))
            return once(u.UrgeOut).dump(work_items.record_urge(
                work, Urge, kind=kind, work_id=absence.id,
                title=todo.name_of(work.session, absence.staff_id),
                status=absence.status, holder_id=target,
                by=actor.id, note=data["note"]))

    @rpc
    def urges(self, kind, absence_id):
        with self.uow as work:
            absences.locked(work.session, KINDS.get(kind, kind), absence_id)
            return once(u.UrgeOut, many=True).dump(work_items.listed(work.session, Urge, kind,
                                                               absence_id))

    @rpc
    def todo(self, actor, division_id=None):
        with self.uow as work:
            return todo.items(work.session, once(Actor).load(actor)["id"])

    @rpc
    def report_absence(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.ReportIn).load(payload)
        with self.uow as work:
            approver_id = self._approver(work, data["staff_id"], required=False)
            rules.check_reporter(acting(actor), approver_id)
            report = absences.report(work, reported_by=actor["id"], approver_id=approver_id,
                                     **data)
        return once(s.ReportOut).dump(report)

    @rpc
    def record_duty_check(self, actor, payload):
        """在岗检查 (七.6): who was found away; those no absence excused are reported."""
        actor, data = acting(actor), once(s.DutyCheckIn).load(payload)
        with self.uow as work:
            division = duty_checks.division(work.session, data["division_id"], self.call)
            check_rules.check_checker(actor, rules.HeadsFacts.of(division))
            people = duty_checks.members(work.session, division.division_id,
                                         data["absent_ids"], self.call)
            check_rules.check_duty_check(data["absent_ids"], people, actor.id,
                                         data["checked_at"], clock.now())
            return duty_checks.dump(duty_checks.record(work, actor, division, people, data))

    @rpc
    def list_duty_checks(self, actor, query=None):
        actor, args = acting(actor), once(s.DutyCheckQuery).load(query or {})
        with self.uow as work:
            return duty_checks.listed(work.session, actor, args, self.call)

    @rpc
    def list_absences(self, actor, kind, query=None):
        actor, args = once(Actor).load(actor), once(s.AbsenceQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Absence).where(Absence.kind == kind) \
                .order_by(Absence.start_at.desc())
            select = matching(select, Absence, args, ("status", "staff_id", "approver_id"))
            if "acknowledged" in args:  # return reports (七.5): read or still waiting
                acknowledged = Absence.return_acknowledged_at.is_not(None)
                select = select.where(Absence.status == "returned",
                                      acknowledged if args["acknowledged"] else ~acknowledged)
            if "away" in args:  # under way now: the caller's own, first on their to-do
                shown = sa.and_(*board.SHOWN)
                select = select.where(shown if args["away"] else ~shown)
            total, sliced = paginate(work.session, select, args)
            viewer = self._viewer(work, actor)
            return {"items": [self._dump(work, a, actor, viewer)
                              for a in work.session.scalars(sliced)], "total": total}

    @rpc
    def get_absence(self, actor, kind, absence_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            return self._dump(work, absences.locked(work.session, kind, absence_id), actor)

    @rpc
    def notice_board(self, query=None):
        args = once(s.BoardQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Absence).where(*board.SHOWN).order_by(Absence.start_at)
            if "division_id" in args:
                select = select.join(StaffView, StaffView.staff_id == Absence.staff_id) \
                    .where(StaffView.division_id == args["division_id"])
            total, sliced = paginate(work.session, select, args)
            rows = board.rows(work.session, work.session.scalars(sliced).all())
        return {"items": once(s.BoardRow, many=True).dump(rows), "total": total}

    @periodic("scan_interval")
    def scan(self):
        """Starts absences whose time has come and reports late returns (test clock aware)."""
        with self.uow as work:
            absences.scan(work, clock.now(), absences.grace_period(self.settings))

    on_staff_changed = projections.view_handler("staff_changed", StaffView)
    on_post_changed = projections.view_handler("post_changed", PostView)

    @handle_event("posts", "division_changed")
    def on_division_changed(self, event):
        """A new head, leader or acting head: waiting approvals follow them."""
        with self.uow as work:
            projections.record(work.session, DivisionView, event.data)
            work.session.flush()
            division = work.session.get(DivisionView, event.data["division_id"])
            absences.follow_approvers(work, division)

    @handle_event("posts", "handover_started")
    def on_handover_started(self, event):
        with self.uow as work:
            projections.record_started(work.session, HandoverView, event.data)

    @handle_event("posts", "handover_ended")
    def on_handover_ended(self, event):
        with self.uow as work:
            projections.record_ended(work.session, HandoverView, event.data)

    def _approver(self, work, staff_id, required):
        """The approver, read in ``work``'s transaction (a filing costs one transaction, not
        two); ``None`` where there is none and none is needed."""
        try:
            return rules.approver_of(*self._member(work, staff_id))
        except rules.NoApprover:
            if required:
                raise
            return None

    def _acting_for(self, work, staff_id, actor_id):
        """The head ``actor_id`` acts for in approving ``staff_id``'s absence, if any."""
        person = work.session.get(StaffView, staff_id)
        division = person and person.division_id and \
            work.session.get(DivisionView, person.division_id)
        return division.acting_for(actor_id) if division else None

    def _dump(self, work, absence, actor, viewer=None):
        facts, viewer = rules.AbsenceFacts.of(absence), viewer or self._viewer(work, actor)
        # the viewer holds the head powers of the person's division exactly when the person
        # is among those they head now
        head_now = viewer.id if absence.staff_id in viewer.headed_staff else None
        record = {**once(s.AbsenceOut).dump(absence), "actions": rules.actions(
            facts, Acting(actor["id"], actor["role"]), clock.now(), head_now)}
        return rules.shown(record, facts, viewer)

    @staticmethod
    def _head_now(work, staff_id):
        person = work.session.get(StaffView, staff_id)
        division = person and person.division_id and \
            work.session.get(DivisionView, person.division_id)
        return division.head_now if division else None

    @staticmethod
    def _tell_approver(work, absence):
        """The approver is told of a notice or leave to decide, or a return report to read."""
        if absence.approver_id and rules.holder(rules.AbsenceFacts.of(absence)) == \
                absence.approver_id:
            work_items.announce(work, absence.approver_id, todo.item(
                absence, todo.name_of(work.session, absence.staff_id), told=True),
                by=absence.staff_id)

    @staticmethod
    def _viewer(work, actor):
        headed = projections.headed_by(work.session, DivisionView, actor["id"])
        staff = work.session.scalars(sa.select(StaffView.staff_id).where(
            StaffView.division_id.in_(headed))).all() if headed else ()
        return rules.Viewer(actor["id"], actor["role"], frozenset(staff))

    def _member(self, work, staff_id):
        """The person and their division's heads from attendance's own views, in one query
        (no call to posts, which may be down); from posts for someone the views do not know
        yet — the rare case, the only one that calls out while a transaction is open."""
        known = work.session.connection().execute(_MEMBER, {"staff_id": staff_id}).first()
        if known is not None and known.role and (known.division_known or not known.division_id):
            return (rules.MemberFacts(staff_id, known.role, known.division_id),
                    rules.HeadsFacts.of(known) if known.division_known else None)
        person = self.call("posts", "get_staff", staff_id)
        division = person["division_id"] and self.call("posts", "get_division",
                                                       person["division_id"])
        return rules.MemberFacts.of(person), rules.HeadsFacts.of(division or None)
