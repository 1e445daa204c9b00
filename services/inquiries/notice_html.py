"""一次性告知书 and 不予受理告知书: the written notices of a review, printable Chinese pages."""

from html import escape

from chassis.printable import chinese_date, page
from services.inquiries.rules import PROBLEMS

ONE_TIME = """<p class="number">{number}</p>
<p>{applicant}：</p>
<p>您申请办理的“{matter}”事项，经当场审核，材料尚不齐全或不符合要求。现将需要补齐、补正的
全部材料一次性告知如下：</p>
<table><thead><tr><th>序号</th><th>材料</th><th>问题</th><th>说明</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p><strong>办理依据：</strong>{basis}</p>
<p><strong>办理时限：</strong>材料齐全受理后{time_limit_days}个工作日内办结。</p>
<p><strong>办理程序：</strong>{procedure}</p>
<p>请按上述要求补齐材料后再次提交。如有疑问，请与经办人联系。</p>"""


def render(notice, application, matter, office_name):
    rows = "\n".join(
        f"<tr><td>{i}</td><td>{escape(item['name'])}</td><td>{PROBLEMS[item['problem']]}</td>"
        f"<td>{escape(item.get('defect') or '')}</td></tr>"
        for i, item in enumerate(notice.items, 1))
    body = ONE_TIME.format(
        number=escape(notice.number), applicant=escape(application.applicant),
        matter=escape(matter.name), rows=rows, basis=escape(notice.basis),
        time_limit_days=notice.time_limit_days, procedure=escape(notice.procedure))
    return page("一次性告知书", body, escape(office_name), notice.issued_at,
                title=f"一次性告知书 {notice.number}")


REFUSAL = """<p>{applicant}：</p>
<p>您于{applied}申请办理的“{matter}”事项，经审核，不予受理。理由如下：</p>
<p><strong>不予受理理由：</strong>{reason}</p>
<p><strong>办理依据：</strong>{basis}</p>
<p>如有异议，可向本单位咨询或依法提出。</p>"""


def render_refusal(application, matter, office_name):
    """不予受理告知书 (六.1, 六.2): the reason an application is not taken up, in writing."""
    body = REFUSAL.format(applicant=escape(application.applicant),
                          applied=chinese_date(application.created_at),
                          matter=escape(matter.name),
                          reason=escape(application.refusal_reason or ""),
                          basis=escape(matter.basis))
    return page("不予受理告知书", body, escape(office_name), application.decided_at)
