"""The gateway's routes, each a role list and a call into a service (served as the OpenAPI
document at /api/v1/openapi.json)."""

from gateway import me
from gateway.routes import (
    accountability,
    attendance,
    documents,
    inquiries,
    notifications,
    operations,
    organisation,
    stats,
)
from gateway.routes.clock import clock_routes

ROUTES = [*organisation.ROUTES, *attendance.ROUTES, *documents.ROUTES, *inquiries.ROUTES,
          *accountability.ROUTES, *notifications.ROUTES, *operations.ROUTES,
          *stats.ROUTES]
ROUTES.append(me.route(ROUTES))  # /me lists what the caller may do by the rest of the table

__all__ = ["ROUTES", "clock_routes"]
