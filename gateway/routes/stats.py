"""统计分析: the statistics overview, which accountability keeps from the services' events."""

from contracts.rpc import stats
from gateway.dispatch import Route
from gateway.routes.common import ADMIN, HEADS, forward

ROUTES = [
    Route("GET", "/stats/overview", (*HEADS, *ADMIN),
          forward("accountability", "stats_overview", "actor", "query"),
          "statistics of a period (by default this year so far): documents, absences, "
          "inquiries, applications, complaints, violations and cases, by month and by "
          "division — a head (or acting head) their own division, leaders and admins any; "
          "a period ending before it starts or longer than 3 years is refused (422)",
          response=stats.OverviewOut, query=stats.OverviewQuery),
]
