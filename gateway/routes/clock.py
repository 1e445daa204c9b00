"""The test clock (XIAONENG_TEST_CLOCK=1 only): set and read every service's time."""

from marshmallow import Schema, fields

from chassis.clock import clock
from chassis.schemas import once
from gateway.dispatch import Route
from gateway.routes.common import ADMIN


class ClockIn(Schema):
    now = fields.AwareDateTime(required=True)


class ClockOut(Schema):
    now = fields.AwareDateTime()
    offset_seconds = fields.Float()


def clock_routes():
    """The test clock's routes, present only with XIAONENG_TEST_CLOCK=1."""
    def read(c):
        return {"now": clock.now().isoformat(), "offset_seconds": clock.offset.total_seconds()}

    def set_clock(c):
        now = once(ClockIn).load(c.body)["now"]
        clock.set_to(now)
        clock.save(c.settings.data_dir)
        c.dispatch_event("clock_set", clock.setting())
        return read(c)

    return [Route("GET", "/admin/clock", ADMIN, read, "the test clock", response=ClockOut),
            Route("POST", "/admin/clock", ADMIN, set_clock, "set the test clock", ClockIn,
                  ClockOut)]
