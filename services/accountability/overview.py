"""统计分析: the overview of a period — totals, months and divisions — read from the
counters services/accountability/stats.py keeps."""

from collections import Counter, defaultdict

import sqlalchemy as sa

from chassis.clock import clock
from chassis.db import found
from chassis.entrypoints import rpc
from chassis.schemas import once
from contracts.rpc import stats as s
from office.acting import acting
from services.accountability import people
from services.accountability.models import DivisionView, StatsDay, StatsMonth
from services.accountability.rules import period as periods
from services.accountability.rules import stats as rules


class OverviewEntrypoints:
    """Mixed into the service: needs ``uow``."""

    @rpc
    def stats_overview(self, actor, query=None):
        """The figures of a period (by default this year so far) for the divisions the
        caller may read: a head their own, leaders and admins the office or one division."""
        actor, args = acting(actor), once(s.OverviewQuery).load(query or {})
        with self.uow as work:
            work.snapshot()  # the totals, months and divisions of one moment
            headed = people.read_as_head(work.session, actor.id)
            periods.check_reader(actor, headed)
            asked = args.get("division_id")
            scope = periods.scope(actor, asked, headed)  # a head learns nothing of others
            if asked:
                found(work.session, DivisionView, asked, "division")
            period = periods.period(args.get("start"), args.get("end"), clock.today())
            by_month, by_division = counted(work.session, period, scope)
            return once(s.OverviewOut).dump(rules.overview(
                period, by_month, by_division, named(work.session, scope, by_division)))


def counted(session, period, scope):
    """``({month: {figure: n}}, {division_id: {figure: n}})`` over the period: whole months
    from the monthly counters, the rest from the daily ones."""
    by_month, by_division = defaultdict(Counter), defaultdict(Counter)
    whole = period.whole_months()
    if whole:
        months = [StatsMonth.month.between(*whole)]
        for month, figure, n in summed(session, StatsMonth.month, months, scope):
            by_month[month][figure] += n
        for division_id, figure, n in summed(session, StatsMonth.division_id, months, scope):
            by_division[division_id][figure] += n
    for first, last in period.part_months():
        days = [StatsDay.day.between(first, last)]
        for division_id, figure, n in summed(session, StatsDay.division_id, days, scope):
            by_month[periods.month_of(first)][figure] += n
            by_division[division_id][figure] += n
    return by_month, by_division


def summed(session, key, where, scope):
    """``(key, figure, total)`` rows of the counters ``key``'s table holds under ``where``,
    in the divisions of ``scope`` (None: all)."""
    table = key.class_
    if scope is not None:
        where = [*where, table.division_id.in_(scope)]
    return session.execute(sa.select(key, table.figure, sa.func.sum(table.n))
                           .where(*where).group_by(key, table.figure)).all()


def named(session, scope, by_division):
    """``(division_id, name)`` of each division the overview lists: those in ``scope``, or
    every division of the office, by name — then any the division view does not know yet."""
    select = sa.select(DivisionView.division_id, DivisionView.name).order_by(
        DivisionView.name, DivisionView.division_id)
    if scope is not None:
        select = select.where(DivisionView.division_id.in_(scope))
    known = [tuple(row) for row in session.execute(select)]
    wanted = by_division if scope is None else scope
    return known + [(d, None) for d in rules.unnamed((d for d, _ in known), wanted)]
