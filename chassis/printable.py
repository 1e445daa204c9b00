"""Printable letters and notices (告知书, 告知函): one A4 page shell, Chinese dates.

Services write the body of a letter; this gives it the same page, type and print
stylesheet everywhere. Callers escape what they put in (``html.escape``).
"""

from datetime import date, datetime

from chassis.clock import OFFICE_TZ

SHELL = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: "SimSun", "Songti SC", serif; max-width: 42em; margin: 2em auto;
       line-height: 1.8; font-size: 16pt; }}
h1 {{ text-align: center; letter-spacing: .3em; }} .number {{ text-align: center; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #000; padding: .3em .6em; text-align: left; }}
.sign {{ text-align: right; margin-top: 3em; }}
@page {{ size: A4; margin: 2.5cm; }}
@media print {{ body {{ margin: 0 auto; }} }}
</style></head><body>
<h1>{heading}</h1>
{body}
<p class="sign">{office}<br>{date}</p>
</body></html>
"""


def page(heading: str, body: str, office: str, dated: date | datetime,
         title: str | None = None) -> str:
    """A printable page: ``heading`` on top, ``body`` (HTML), signed by the office."""
    return SHELL.format(title=title or heading, heading=heading, body=body, office=office,
                        date=chinese_date(dated))


def chinese_date(moment: date | datetime | None) -> str:
    """``2026年11月27日``, by the office's calendar."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone(OFFICE_TZ).date()
    return f"{moment.year}年{moment.month}月{moment.day}日"
