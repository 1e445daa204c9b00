"""一次性告知书: the written one-time notice, a printable Chinese page."""

from html import escape

from chassis.clock import OFFICE_TZ
from services.inquiries.rules import PROBLEMS

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>一次性告知书 {number}</title>
<style>
body {{ font-family: "SimSun", "Songti SC", serif; max-width: 42em; margin: 2em auto;
       line-height: 1.8; }}
h1 {{ text-align: center; letter-spacing: .3em; }} .number {{ text-align: center; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #000; padding: .3em .6em; text-align: left; }}
.sign {{ text-align: right; margin-top: 3em; }}
@media print {{ body {{ margin: 0 auto; }} }}
</style></head><body>
<h1>一次性告知书</h1>
<p class="number">{number}</p>
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
<p>请按上述要求补齐材料后再次提交。如有疑问，请与经办人联系。</p>
<p class="sign">{office}<br>{date}</p>
</body></html>
"""


def render(notice, application, matter, office_name):
    rows = "\n".join(
        f"<tr><td>{i}</td><td>{escape(item['name'])}</td><td>{PROBLEMS[item['problem']]}</td>"
        f"<td>{escape(item.get('defect') or '')}</td></tr>"
        for i, item in enumerate(notice.items, 1))
    issued = notice.issued_at.astimezone(OFFICE_TZ)
    return PAGE.format(
        number=escape(notice.number), applicant=escape(application.applicant),
        matter=escape(matter.name), rows=rows, basis=escape(notice.basis),
        time_limit_days=notice.time_limit_days, procedure=escape(notice.procedure),
        office=escape(office_name), date=f"{issued.year}年{issued.month}月{issued.day}日")
