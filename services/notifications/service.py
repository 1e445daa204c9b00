"""The notifications service: every new item of work, yellow and red signals, urges (催办)
and case decisions reach the person — in the console at once, by mail or a group robot
in office hours (urgent ones at once).

It learns what to tell from the other services' events and never calls them: who leads
and who has left come from its own view of posts' staff.
"""

from pathlib import Path

import sqlalchemy as sa

from chassis.calendar import Calendar
from chassis.clock import clock
from chassis.entrypoints import periodic, rpc
from chassis.errors import NotFound
from chassis.events import handle_event
from chassis.schemas import once, paginate
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork
from contracts.fields import Actor
from contracts.rpc import notifications as s
from contracts.todo import page
from office import projections
from services.notifications import deliveries, rules
from services.notifications.models import Delivery, Notification, Setting, StaffView

MIGRATIONS = str(Path(__file__).parent / "migrations")


def todo_handler(source):
    """A new item on someone's to-do in ``source``: they are told (every leader but the
    recused, for an item that waits on leaders)."""
    @handle_event(source, "todo_added")
    def handler(self, event):
        data = event.data
        with self.uow as work:
            targets = [data["staff_id"]] if data["staff_id"] else \
                deliveries.leaders(work.session, data["except_ids"])
            for staff_id in targets:
                deliveries.notify(work, staff_id, rules.todo_added(data), event.id,
                                  self._config())
    handler.__name__ = f"on_{source}_todo_added"
    return handler


def urge_handler(source):
    """催办 in ``source``: the holder (or the B acting for them) is told at once."""
    @handle_event(source, "work_urged")
    def handler(self, event):
        data = event.data
        with self.uow as work:
            urger = data["urged_by"] and work.session.get(StaffView, data["urged_by"])
            message = rules.urged(data["title"], data["link"], urger.name if urger else None,
                                  data["note"])
            deliveries.notify(work, data["target_staff_id"], message, event.id,
                              self._config())
    handler.__name__ = f"on_{source}_work_urged"
    return handler


class NotificationsService(ServiceBase):
    """Telling people (all eight systems)."""

    name = "notifications"
    uow = UnitOfWork(MIGRATIONS)
    calendar = Calendar()

    on_staff_changed = projections.view_handler("staff_changed", StaffView)
    on_attendance_todo_added = todo_handler("attendance")
    on_documents_todo_added = todo_handler("documents")
    on_inquiries_todo_added = todo_handler("inquiries")
    on_accountability_todo_added = todo_handler("accountability")
    on_attendance_work_urged = urge_handler("attendance")
    on_documents_work_urged = urge_handler("documents")
    on_inquiries_work_urged = urge_handler("inquiries")

    @handle_event("documents", "deadline_warning")
    def on_document_deadline_warning(self, event):
        data = event.data
        self._tell(data["acting_id"] or data["assignee_id"], rules.deadline_warning(
            data["title"], page("document", data["document_id"]), data["due_date"],
            data["working_days_left"]), event.id)

    @handle_event("documents", "overdue")
    def on_document_overdue(self, event):
        data = event.data
        self._tell(data["acting_id"] or data["assignee_id"], rules.overdue(
            data["title"], page("document", data["document_id"]), data["due_date"],
            data["days_late"]), event.id)

    @handle_event("inquiries", "deadline_warning")
    def on_application_deadline_warning(self, event):
        data = event.data
        self._tell(data["acting_id"] or data["reviewer_id"], rules.deadline_warning(
            data["title"], page("application", data["application_id"]), data["due_date"],
            data["working_days_left"]), event.id)

    @handle_event("inquiries", "overdue")
    def on_application_overdue(self, event):
        data = event.data
        self._tell(data["acting_id"] or data["reviewer_id"], rules.overdue(
            data["title"] or "办事申请", page("application", data["application_id"]),
            data["due_date"], data["days_late"]), event.id)

    @handle_event("posts", "handover_started")
    def on_handover_started(self, event):
        """AB岗: the B is told they act for the absent holder's post now, with the handover
        note; the holder's open work is on the B's to-do."""
        data = event.data
        with self.uow as work:
            holder = work.session.get(StaffView, data["from_id"])
            deliveries.notify(work, data["to_id"], rules.handover(
                holder.name if holder else "", data["post_title"], data["note"]),
                event.id, self._config())

    @handle_event("accountability", "case_decided")
    def on_case_decided(self, event):
        data = event.data
        self._tell(data["staff_id"], rules.case_decided(
            data["status"], data["outcome"], data["note"], "/violations"), event.id)

    @rpc
    def notifications(self, actor, query=None):
        """The caller's notifications, newest first, with how many are unread."""
        actor, args = once(Actor).load(actor), once(s.NotificationQuery).load(query or {})
        mine = Notification.staff_id == actor["id"]
        with self.uow as work:
            select = sa.select(Notification).where(mine)
            if "unread" in args:
                select = select.where(Notification.read_at.is_(None) if args["unread"]
                                      else Notification.read_at.is_not(None))
            total, sliced = paginate(work.session, select.order_by(
                Notification.created_at.desc(), Notification.id), args)
            unread = work.session.scalar(sa.select(sa.func.count()).where(
                mine, Notification.read_at.is_(None)))
            items = once(s.NotificationOut, many=True).dump(work.session.scalars(sliced).all())
        return {"items": items, "total": total, "unread": unread}

    @rpc
    def mark_read(self, actor, notification_id):
        actor = once(Actor).load(actor)
        with self.uow as work:
            notification = work.session.get(Notification, notification_id)
            if notification is None or notification.staff_id != actor["id"]:
                raise NotFound(f"no notification {notification_id} of yours",
                               {"id": notification_id}, code="notification_not_found")
            notification.read_at = notification.read_at or clock.now()
            return once(s.NotificationOut).dump(notification)

    @rpc
    def mark_all_read(self, actor):
        actor = once(Actor).load(actor)
        with self.uow as work:
            marked = work.session.execute(sa.update(Notification).where(
                Notification.staff_id == actor["id"], Notification.read_at.is_(None))
                .values(read_at=clock.now())).rowcount
        return {"marked": marked}

    @rpc
    def get_settings(self, actor):
        actor = once(Actor).load(actor)
        with self.uow as work:
            return once(s.SettingsOut).dump(work.session.get(Setting, actor["id"]) or Setting(
                email=None, email_enabled=False, webhook_url=None, webhook_enabled=False))

    @rpc
    def put_settings(self, actor, payload):
        actor, data = once(Actor).load(actor), once(s.SettingsIn).load(payload)
        rules.check_settings(data["email"], data["email_enabled"], data["webhook_url"],
                             data["webhook_enabled"])
        rules.check_webhook(data["webhook_url"], self.settings.webhook_hosts)
        with self.uow as work:
            setting = work.session.get(Setting, actor["id"], with_for_update=True)
            if setting is None:
                setting = Setting(staff_id=actor["id"])
                work.session.add(setting)
            for field, value in data.items():
                setattr(setting, field, value)
            work.session.flush()
            return once(s.SettingsOut).dump(setting)

    @rpc
    def deliveries(self, query=None):
        """Mail and webhook deliveries, newest first (the admin's view of failures)."""
        args = once(s.DeliveryQuery).load(query or {})
        with self.uow as work:
            select = sa.select(Delivery).order_by(Delivery.created_at.desc(), Delivery.id)
            if "status" in args:
                select = select.where(Delivery.status == args["status"])
            total, sliced = paginate(work.session, select, args)
            deliveries = work.session.scalars(sliced).all()
            return {"items": once(s.DeliveryOut, many=True).dump(deliveries),
                    "total": total}

    @periodic("delivery_interval")
    def deliver(self):
        """Send what is due; settle each on its own (one failure touches nothing else)."""
        with self.uow as work:
            claimed = deliveries.claim(work, clock.now())
        for delivery_id, error in deliveries.send_all(claimed, self.settings):
            with self.uow as work:
                deliveries.settle(work, delivery_id, error, clock.now())

    def _tell(self, staff_id, message, fact):
        with self.uow as work:
            deliveries.notify(work, staff_id, message, fact, self._config())

    def _config(self):
        return (self.settings, self.calendar,
                rules.parse_office_hours(self.settings.office_hours))
