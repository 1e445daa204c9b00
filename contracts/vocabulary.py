"""The office's vocabulary: every enumeration of the domain, once, each code with the
Chinese word the console shows and the exports write.

Python reads the codes and labels from here; the console from ``console/src/vocabulary.ts``,
written from this module by ``python -m xiaoneng.vocabulary`` (``make vocabulary``; a unit
test fails while it is stale). Adding a code is adding it here, with its label.
"""

# Who someone is in the office (岗位角色).
ROLES = {"staff": "工作人员", "division_head": "处室负责人", "leader": "分管领导",
         "admin": "管理员"}

# Roles that see or may attempt the same things. Head powers follow the head (``head_id``),
# not the role, and pass to whoever acts for an absent head (五.3: a B, who may be staff,
# else the supervising leader): the gateway lets every role that may hold them through, and
# the owning service decides.
# Every role code grouped with others is typed here only (a unit test finds a copy elsewhere).
_HEADS = ("staff", "division_head", "leader")
_MEMBERS = ("staff", "division_head")  # the roles that belong to a division
ROLE_GROUPS = {
    "ADMIN": ("admin",),
    "MEMBERS": _MEMBERS,  # a division's people: a division and head are theirs to name
    "ABSENTEES": _MEMBERS,  # who file notices, handle documents, inquiries, review applications
    "REPORTERS": _MEMBERS,  # who report on their year (一.4); leaders report elsewhere
    # Leaders and admins answer for the whole office, not one division: they read every
    # division's figures and personal details, handle any complaint (untargeted ones too),
    # and have no approver in a division.
    "LEADERSHIP": ("leader", "admin"),
    # Complaints: the division's head, or whoever holds head powers now (any of _HEADS),
    # leaders and admins; the service decides which complaint is whose.
    "COMPLAINT_HANDLERS": (*_HEADS, "admin"),
    "HEADS": _HEADS,
    "APPROVERS": _HEADS,  # a head's (or acting head's) approvals, a leader's for heads
    "ORG_MANAGERS": ("admin", *_HEADS),
    "OVERSEERS": ("division_head", "leader", "admin"),
}

# 离岗告示 and 请假: the two kinds of absence (七).
ABSENCE_KINDS = {"notice": "离岗告示", "leave": "请假"}
NOTICE_KINDS = {"business": "因公", "personal": "因私"}
# 请假 kinds (七.3); the board names the first two (work away from the desk) and shows the
# others as 请假.
LEAVE_KINDS = {"business_trip": "出差", "meeting": "开会", "annual_leave": "年休假",
               "personal_leave": "事假", "sick_leave": "病假", "other": "其他"}
ABSENCE_STATUSES = {"recorded": "已登记", "pending": "待审批", "approved": "已批准",
                    "rejected": "已驳回", "returned": "已退回"}

DOCUMENT_STATUSES = {"received": "已收文", "assigned": "办理中", "return_requested": "退文待批",
                     "returned": "已退回", "completed": "已办结"}
OUTGOING_STATUSES = {"draft": "草稿", "signed": "已签发", "numbered": "已编号", "printed": "已送印"}
EXTENSION_STATUSES = {"requested": "待审批", "approved": "已批准", "rejected": "已驳回"}
SIGNALS = {"green": "正常", "yellow": "临期", "red": "超期"}

# 一次性告知 (六.5): what is wrong with a material a review lists.
MATERIAL_PROBLEMS = {"missing": "缺少", "defective": "不符合要求"}

INQUIRY_STATUSES = {"open": "待办", "handled": "已答复", "guided": "已引导", "answered": "已答复",
                    "redirected": "已告知承办单位"}
APPLICATION_STATUSES = {"accepted": "已受理", "returned": "已退回", "refused": "不予受理",
                        "completed": "已办结"}
REFERRAL_STATUSES = {"open": "待办", "answered": "已答复"}
# A complaint's own statuses (三.7): a received complaint is 已受理, not the registry's 已收文.
COMPLAINT_STATUSES = {"received": "已受理", "investigating": "核查中", "substantiated": "属实",
                      "unsubstantiated": "不属实"}
FINDINGS = {"substantiated": "属实", "unsubstantiated": "不属实"}
COMPLAINT_CATEGORIES = {"shirking": "推诿扯皮", "attitude": "态度", "overdue": "超时",
                        "graft": "吃拿卡要", "no_one_time_notice": "未一次性告知", "other": "其他"}

# 责任追究制: what a violation is, as each service reports it (or a person records it).
VIOLATION_KINDS = {"overdue": "超时办理", "late_return": "逾时归岗",
                   "unauthorised_absence": "擅自离岗", "complaint": "投诉属实",
                   "notice_violated": "未一次性告知", "first_inquiry_lapsed": "首问未办结",
                   "handover_failed": "AB岗未顶岗", "duty_failure": "未履行岗位职责"}
# 八.2: 不履行职责 (delay, shirking, abandoning, doing part) or 不正确履行职责 (against the
# basis, procedure, authority or time limit).
NATURES = {"non_performance": "不履行职责", "improper_performance": "不正确履行职责"}
# The nature a violation of each kind has unless a person says otherwise (a duty failure's
# is always said by the person recording it).
DEFAULT_NATURES = {"overdue": "non_performance", "late_return": "improper_performance",
                   "unauthorised_absence": "improper_performance",
                   "complaint": "improper_performance", "notice_violated": "non_performance",
                   "first_inquiry_lapsed": "non_performance",
                   "handover_failed": "non_performance"}
VIOLATION_STATUSES = {"recorded": "已登记", "contested": "已申辩", "upheld": "维持",
                      "waived": "撤销"}
CASE_KINDS = {"personal": "个人责任", "leader_responsibility": "领导责任"}
CASE_STATUSES = {"open": "待办", "decided": "已裁定", "dismissed": "已撤销"}
SEVERITIES = {"light": "情节较轻", "serious": "情节严重"}
OUTCOMES = {"criticism_education": "批评教育", "circulated_criticism": "通报批评",
            "written_warning": "书面告诫", "judicial_referral": "移送司法"}
MEASURES = {"off_post_training": "离岗培训", "transfer": "调离工作岗位", "demotion": "降职",
            "ordered_resignation": "责令辞职", "dismissal": "辞退"}
# 八.3: light → 批评教育; serious → 通报批评 or 书面告诫; a crime is referred either way
# (the rule that reads it: services/accountability/rules/judgement.py).
FITTING_OUTCOMES = {"light": ("criticism_education", "judicial_referral"),
                    "serious": ("circulated_criticism", "written_warning", "judicial_referral")}

# 一.4 述职 and 评议: the four grades of the civil-service annual appraisal.
DUTY_REPORT_STATUSES = {"submitted": "待评议", "reviewed": "已评议"}
GRADES = {"excellent": "优秀", "competent": "称职", "basically_competent": "基本称职",
          "incompetent": "不称职"}

# 岗位责任制 and AB岗制: how a post stands today.
POST_STATES = {"normal": "在岗", "covered": "B岗顶岗", "uncovered": "无人顶岗", "vacant": "空缺"}

# 我的待办: the kinds of thing that wait for someone.
TODO_KINDS = {"approve_absence": "离岗审批", "return_report": "销假报告", "document": "公文办理",
              "assign_document": "公文分办", "sign": "公文签发", "inquiry": "首问",
              "application": "申请办结", "complaint": "投诉核查", "violation": "违规记录",
              "case": "追责案件", "urge": "催办", "number_print": "编号印发",
              "referral": "转办咨询", "duty_report": "述职评议"}
# Which step of its kind an item asks for, where the kind alone does not say: a document's
# head decides an extension or a return, or assigns again once the assignee left; a signed
# draft is numbered, then sent to print; a return report is late.
TODO_STEPS = {"extension": "延期审批", "return": "退文审批", "reassign": "重新分办",
              "number": "编号", "print": "送印", "late": "迟归销假", "judge": "申辩待审",
              "guided": "引导来的首问"}

# What a message about a new to-do item of each kind begins with (【待审批】…).
TODO_HEADINGS = {"approve_absence": "待审批", "return_report": "销假待阅", "document": "待办文",
                 "assign_document": "待分办", "sign": "待签发", "inquiry": "待答复",
                 "application": "待办件", "complaint": "待处理投诉", "violation": "违规记录",
                 "case": "待决定案件", "referral": "待答复转办", "duty_report": "待审述职",
                 "number_print": "待编号送印"}

# 统计分析: what the overview counts of each kind of work, by the name of each count.
_TIMELINESS = {"completed_on_time": "按时办结", "completed_late": "超时办结",
               "overdue_open": "超期未办结"}
DOCUMENT_COUNTS = {"assigned": "已分办", **_TIMELINESS}
APPLICATION_COUNTS = {"accepted": "已受理", **_TIMELINESS}
ABSENCE_COUNTS = {"notices": ABSENCE_KINDS["notice"], "leave_requests": ABSENCE_KINDS["leave"],
                  "late_returns": VIOLATION_KINDS["late_return"],
                  "unauthorised": VIOLATION_KINDS["unauthorised_absence"]}
INQUIRY_COUNTS = {"recorded": "首问登记", "lapsed": VIOLATION_KINDS["first_inquiry_lapsed"]}
COMPLAINT_COUNTS = {"received": "收到投诉", "substantiated": COMPLAINT_STATUSES["substantiated"]}

# 服务承诺检查 (三.6, each half year) and 年度考核 (一.4, 五.7): what is counted of a person,
# by the field of the report that carries it.
COMMITMENT_FIGURES = {"inquiries_handled": "办理咨询", "lapses": "超时未办结",
                      "complaints": "投诉属实", "notices_issued": "一次性告知书",
                      "overdue_applications": "申请超时"}
APPRAISAL_FIGURES = {"violations": "违规", "cases_opened": "案件",
                     "documents.on_time": "公文按时办结", "documents.late": "公文超时办结",
                     "applications.on_time": "申请按时办结", "applications.late": "申请超时办结",
                     "inquiries_closed": "首问办结", "covers_served": "B岗顶岗",
                     "duty_report.status": "述职评议", "duty_report.grade": "等次"}

# Each record's statuses, by the record: the console's one status tag reads any of them.
RECORD_STATUSES = {
    "absence": ABSENCE_STATUSES, "document": DOCUMENT_STATUSES, "outgoing": OUTGOING_STATUSES,
    "extension": EXTENSION_STATUSES, "inquiry": INQUIRY_STATUSES,
    "application": APPLICATION_STATUSES, "referral": REFERRAL_STATUSES,
    "complaint": COMPLAINT_STATUSES, "violation": VIOLATION_STATUSES, "case": CASE_STATUSES,
    "duty_report": DUTY_REPORT_STATUSES, "post": POST_STATES,
}


def _status_labels() -> dict[str, str]:
    """One word per status code for the console's status tag: every record's, but a
    complaint's (its ``received`` is 已受理, the registry's 已收文), which it names itself."""
    merged: dict[str, str] = {}
    for record, statuses in RECORD_STATUSES.items():
        for code, label in statuses.items():
            if record != "complaint" and merged.setdefault(code, label) != label:
                raise ValueError(f"status {code!r} is {merged[code]} and {label}")
    return merged


STATUS_LABELS = _status_labels()
