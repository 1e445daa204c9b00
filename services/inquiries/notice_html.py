"""一次性告知书 and 不予受理告知书: the written notices of a review, printable Chinese pages
(templates/)."""

from chassis.printable import page
from services.inquiries.rules import PROBLEMS


def render(notice, application, matter, office_name):
    return page(__package__, "one_time_notice.html", "一次性告知书", office_name,
                notice.issued_at, notice=notice, application=application, matter=matter,
                problems=PROBLEMS)


def render_refusal(application, matter, office_name):
    """不予受理告知书 (六.1, 六.2): the reason an application is not taken up, in writing."""
    return page(__package__, "refusal_notice.html", "不予受理告知书", office_name,
                application.decided_at, application=application, matter=matter)
