"""Keeping and sending notifications.

A notification is written with the mail and webhook deliveries its person chose, each due
at once if urgent or else at the next office hour. A timer on every instance claims what
is due (``FOR UPDATE SKIP LOCKED``, then ``claimed_until``: no two instances send one
delivery, and none holds a transaction open while a server answers), sends each on its
own green thread with its own timeout — one slow or dead channel never holds up the
others — and settles it: sent, or tried again with backoff for a day, then failed.
"""

import uuid
from datetime import timedelta

import sqlalchemy as sa
from eventlet import GreenPool

from chassis.clock import clock
from services.notifications import channels, rules
from services.notifications.models import Delivery, Notification, Setting, StaffView

ONCE = uuid.UUID("0d6c56a4-2f0e-4d5a-9a53-5f1b0d0a7e11")  # a notification's id from its fact
CLAIM = timedelta(minutes=2)  # longer than any send takes (two timeouts and then some)
BATCH = 50


def notify(work, staff_id, message, fact, config):
    """``message`` (rules.Message) for ``staff_id``, once per ``fact``; nothing for
    someone who has left. ``config``: (settings, calendar, office hours)."""
    session = work.session
    person = session.get(StaffView, staff_id)
    if person is not None and not person.active:
        return None
    notification_id = str(uuid.uuid5(ONCE, f"{fact}:{staff_id}"))
    if session.get(Notification, notification_id) is not None:
        return None
    now = clock.now()
    session.add(Notification(
        id=notification_id, staff_id=staff_id, kind=message.kind, title=message.title[:400],
        body=message.body, link=message.link, urgent=message.urgent, created_at=now))
    settings, calendar, hours = config
    setting = session.get(Setting, staff_id)
    chosen = rules.channels(setting.email, setting.email_enabled, setting.webhook_url,
                            setting.webhook_enabled, bool(settings.smtp_url)) if setting else []
    due = rules.due_at(now, message.urgent, calendar, hours) if chosen else None
    for channel, target in chosen:
        session.add(Delivery(
            id=str(uuid.uuid4()), notification_id=notification_id, staff_id=staff_id,
            channel=channel, target=target, status="queued", attempts=0, due_at=due,
            next_attempt_at=due, created_at=now))
    return notification_id


def leaders(session, except_ids=()):
    """Every leader still in the office, but those who may not see the matter (回避)."""
    return session.scalars(sa.select(StaffView.staff_id).where(
        StaffView.role == "leader", StaffView.active.is_(True),
        StaffView.staff_id.not_in(list(except_ids) or [""]))).all()


def claim(work, now):
    """The deliveries due now that no other instance holds, held for :data:`CLAIM`."""
    rows = work.session.execute(
        sa.select(Delivery, Notification).join(
            Notification, Notification.id == Delivery.notification_id)
        .where(Delivery.status == "queued", Delivery.next_attempt_at <= now,
               sa.or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now))
        .order_by(Delivery.next_attempt_at).limit(BATCH)
        .with_for_update(skip_locked=True, of=Delivery)).all()
    for delivery, _ in rows:
        delivery.claimed_until = now + CLAIM
    return [(d.id, d.channel, d.target, n.title, n.body, n.link) for d, n in rows]


def send_all(claimed, settings):
    """Each claimed delivery sent on its own green thread: ``[(id, error or None)]``."""
    def send(item):
        delivery_id, channel, target, title, body, link = item
        content = rules.text(title, body, f"{settings.public_url}{link}")
        try:
            if channel == "email":
                channels.send_mail(settings.smtp_url, settings.mail_from, target, title,
                                   content)
            else:
                channels.post_webhook(target, content, settings.webhook_hosts)
        except (channels.NotSent, rules.WebhookHostNotAllowed) as exc:
            return delivery_id, str(exc)
        return delivery_id, None
    return list(GreenPool(10).imap(send, claimed))


def settle(work, delivery_id, error, now):
    delivery = work.session.get(Delivery, delivery_id, with_for_update=True)
    delivery.attempts += 1
    delivery.claimed_until = None
    if error is None:
        delivery.status, delivery.sent_at, delivery.next_attempt_at = "sent", now, None
        return
    delivery.last_error = error[:1000]
    delivery.next_attempt_at = rules.next_attempt(delivery.due_at, delivery.attempts, now)
    if delivery.next_attempt_at is None:
        delivery.status = "failed"
