"""Printable letters and notices (告知书, 告知函): one A4 page shell, Chinese dates.

A service keeps its letters as Jinja2 templates in its ``templates/`` folder, each
extending ``shell.html`` (the page, type and print stylesheet everywhere). Every value is
escaped by the engine: a title holding markup prints as text, wherever it came from (a
person, or an outside system through the intake).
"""

from datetime import date, datetime
from functools import cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from chassis.clock import OFFICE_TZ


def chinese_date(moment: date | datetime | None) -> str:
    """``2026年11月27日``, by the office's calendar."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone(OFFICE_TZ).date()
    return f"{moment.year}年{moment.month}月{moment.day}日"


@cache
def templates(package: str) -> Environment:
    """The templates of ``package`` (a service's), with the shell, escaping everything."""
    environment = Environment(
        loader=ChoiceLoader([PackageLoader(package, "templates"),
                             PackageLoader("chassis", "templates")]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["chinese_date"] = chinese_date
    return environment


def page(package: str, template: str, heading: str, office: str, dated: date | datetime,
         **values) -> str:
    """A printable page: ``heading`` on top, the template's body, signed by the office."""
    return templates(package).get_template(template).render(
        heading=heading, office=office, dated=dated, **values)
