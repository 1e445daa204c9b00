"""Notifications (each person's, their settings, the admin's view of deliveries) and 催办,
which goes to the service that keeps the work urged."""

from chassis.schemas import once
from contracts.rpc import notifications, urges
from gateway.dispatch import ANY, Route
from gateway.routes.common import ADMIN, forward


def urge(c):
    """``{kind, id, note}`` to the owning service: it decides who may urge (the head of the
    work's division, or whoever acts for them; leaders; admins) and whom it urges."""
    data = once(urges.UrgeIn).load(c.body)
    return c.call(urges.OWNERS[data["kind"]], "urge", c.actor, data["kind"], data["id"],
                  {"note": data["note"]})


def urges_of(c):
    query = once(urges.UrgeQuery).load(c.query)
    return {"items": (found := c.call(urges.OWNERS[query["kind"]], "urges", query["kind"],
                                      query["id"])), "total": len(found)}


def call(method, *inputs):
    return forward("notifications", method, *inputs)


ROUTES = [
    Route("GET", "/me/notifications", ANY, call("notifications", "actor", "query"),
          "the caller's notifications, newest first, with the unread count",
          response=notifications.NotificationPage, query=notifications.NotificationQuery),
    Route("POST", "/me/notifications/read-all", ANY, call("mark_all_read", "actor"),
          "mark every notification of the caller's read"),
    Route("POST", "/me/notifications/{id}/read", ANY, call("mark_read", "actor", "id"),
          "mark one read (someone else's: 404)", response=notifications.NotificationOut),
    Route("GET", "/me/notification-settings", ANY, call("get_settings", "actor"),
          "how the caller is told besides the console", response=notifications.SettingsOut),
    Route("PUT", "/me/notification-settings", ANY, call("put_settings", "actor", "body"),
          "mail and a group robot's webhook (only to hosts the office allows)",
          notifications.SettingsIn, notifications.SettingsOut),
    Route("GET", "/admin/deliveries", ADMIN, call("deliveries", "query"),
          "mail and webhook deliveries and their state, newest first",
          response=notifications.DeliveryOut, many=True, query=notifications.DeliveryQuery),
    Route("POST", "/urges", ANY, urge,  # a B acting for an absent head urges too
          "催办: the work's holder (or the B acting for them) is told and finds it on the "
          "to-do until the work moves", urges.UrgeIn, urges.UrgeOut, status=201),
    Route("GET", "/urges", ANY, urges_of, "the urges of one piece of work, newest first",
          response=urges.UrgeOut, many=True, query=urges.UrgeQuery),
]
