"""文号: the next number of a series in a year, with no gap and no repeat.

The counter row is created if missing and incremented in the caller's
transaction: its row lock makes concurrent numberings (on any instance) wait
their turn, and a rolled-back numbering gives its number back.
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from services.documents.models import NumberSeries

INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def next_seq(session, series, year):
    insert = INSERTS[session.get_bind().dialect.name]
    session.execute(insert(NumberSeries).values(series=series, year=year, last_seq=0)
                    .on_conflict_do_nothing())
    return session.scalar(
        sa.update(NumberSeries).where(NumberSeries.series == series, NumberSeries.year == year)
        .values(last_seq=NumberSeries.last_seq + 1).returning(NumberSeries.last_seq))
