"""Letters to the sending unit (四.1, 四.3): 延期办理告知函 with the basis and the handling
opinion (处理意见), and 退文说明 with the reason a document goes back."""

from html import escape

from chassis.printable import chinese_date, page

EXTENSION = """<p>{from_unit}：</p>
<p>贵单位于{received}报来的《{title}》，我办已于{assigned}交办，原定于{old_due}前办结。
因特殊情况，不能在规定时限内办结，现将延期办理的依据和处理意见告知如下：</p>
<p><strong>延期依据：</strong>{basis}</p>
<p><strong>处理意见：</strong>{opinion}</p>
<p><strong>延期后办结时限：</strong>{new_due}前办结。</p>
<p>特此函告。</p>"""

RETURN = """<p>{from_unit}：</p>
<p>贵单位于{received}报来的《{title}》，经审核，不属于本处职权范围，经处室负责人同意，
现予退回。</p>
<p><strong>退文理由：</strong>{reason}</p>
<p>特此说明。</p>"""


def _common(document):
    return {"from_unit": escape(document.from_unit), "title": escape(document.title),
            "received": chinese_date(document.received_at)}


def extension_letter(document, extension, office):
    """The letter telling the sender of the latest extension."""
    body = EXTENSION.format(
        **_common(document), assigned=chinese_date(document.assigned_at),
        old_due=chinese_date(extension.old_due_date), new_due=chinese_date(
            extension.new_due_date), basis=escape(extension.basis),
        opinion=escape(extension.opinion or ""))
    return page("延期办理告知函", body, escape(office), extension.requested_at,
                title=f"延期办理告知函 《{document.title}》")


def return_letter(document, office):
    body = RETURN.format(**_common(document), reason=escape(document.return_reason or ""))
    return page("退文说明", body, escape(office), document.returned_at,
                title=f"退文说明 《{document.title}》")
