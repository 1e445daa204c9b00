"""统计: the office's figures, kept as counters from the services' events (no service's
database is read but this one's) — what each counts is in rules/stats.py.

Each fact adds to two counters, its day's and its month's (one row a division, day or
month and figure, upserted), so an overview reads whole months from the monthly rows and
only the days of a month it covers in part from the daily ones: a year of a large office
is a few hundred rows. A record that may move — an overdue document until done, a
violation until waived, a case as it is graded — keeps where it is counted in
``stats_counted``, and a move takes one off there and adds one here. Every event is
applied once (the unit of work's inbox), so a redelivery counts nothing twice.
"""

from dataclasses import replace

from chassis.db import insert_or, lock_key
from services.accountability.models import StaffView, StatsCounted, StatsDay, StatsMonth
from services.accountability.rules import stats as rules
from services.accountability.rules.period import month_of


def count_event(session, event):
    """Count what ``event`` counts (rules.stats.tallies), in the handler's transaction."""
    for found in rules.tallies(event.source, event.type, event.data):
        if isinstance(found, rules.Track):
            track(session, found)
        else:
            add(session, placed(session, found), 1)


def count_violation(session, violation, new=False):
    """A violation recorded (``new``) or judged."""
    track(session, rules.Track("violation", violation.id, rules.violation_tally(
        violation.kind, violation.status, violation.occurred_at, violation.staff_id), new))


def count_case(session, case, new=False):
    """A case opened (``new``), graded again, decided or dismissed."""
    track(session, rules.Track("case", case.id, rules.case_tally(
        case.severity, case.status, case.opened_at, case.staff_id), new))


def placed(session, tally):
    """The tally in a division: its own, else its person's, else none."""
    if tally.division_id is not None:
        return tally
    staff = tally.staff_id and session.get(StaffView, tally.staff_id)
    return replace(tally, division_id=(staff and staff.division_id) or rules.NO_DIVISION)


def track(session, wanted):
    """Move a record's count to ``wanted.tally`` (rules.stats.recount); it stays in the
    division where it was first counted."""
    lock_key(session, f"stats:{wanted.subject}:{wanted.subject_id}")
    row = session.get(StatsCounted, (wanted.subject, wanted.subject_id))
    if row is None and not wanted.new:  # recorded before the counters began
        wanted = replace(wanted, tally=None)
    before = row and row.figure and rules.Tally(row.figure, row.day, row.division_id)
    after = wanted.tally and (replace(wanted.tally, division_id=row.division_id, staff_id=None)
                              if row else replace(placed(session, wanted.tally), staff_id=None))
    moves = rules.recount(row is not None, before, after)
    for tally, n in sorted(moves, key=lambda m: (m[0].day, m[0].figure)):  # one lock order
        add(session, tally, n)
    if row is None:
        session.add(StatsCounted(subject=wanted.subject, subject_id=wanted.subject_id,
                                 division_id=after and after.division_id,
                                 day=after and after.day, figure=after and after.figure))
    elif moves:
        row.day, row.figure = (after.day, after.figure) if after else (None, None)
    session.flush()


def add(session, tally, n):
    """``n`` more of the tally's figure, on its day and in its month."""
    for model, key in ((StatsDay, {"day": tally.day}),
                       (StatsMonth, {"month": month_of(tally.day)})):
        table = model.__table__
        insert = insert_or(session, table).values(
            **key, division_id=tally.division_id, figure=tally.figure, n=n)
        session.execute(insert.on_conflict_do_update(
            index_elements=[*key, "division_id", "figure"],
            set_={"n": table.c.n + insert.excluded.n}))
