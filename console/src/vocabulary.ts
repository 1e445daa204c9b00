// GENERATED from contracts/vocabulary.py by `make vocabulary` (python -m xiaoneng.vocabulary
// --write). Do not edit: change the vocabulary there and generate this file again.

export const ROLES: Record<string, string> = {
  "staff": "工作人员",
  "division_head": "处室负责人",
  "leader": "分管领导",
  "admin": "管理员",
}

export const ABSENCE_KINDS: Record<string, string> = {
  "notice": "离岗告示",
  "leave": "请假",
}

export const NOTICE_KINDS: Record<string, string> = {
  "business": "因公",
  "personal": "因私",
}

export const LEAVE_KINDS: Record<string, string> = {
  "business_trip": "出差",
  "meeting": "开会",
  "annual_leave": "年休假",
  "personal_leave": "事假",
  "sick_leave": "病假",
  "other": "其他",
}

export const ABSENCE_STATUSES: Record<string, string> = {
  "recorded": "已登记",
  "pending": "待审批",
  "approved": "已批准",
  "rejected": "已驳回",
  "returned": "已退回",
}

export const DOCUMENT_STATUSES: Record<string, string> = {
  "received": "已收文",
  "assigned": "办理中",
  "return_requested": "退文待批",
  "returned": "已退回",
  "completed": "已办结",
}

export const OUTGOING_STATUSES: Record<string, string> = {
  "draft": "草稿",
  "signed": "已签发",
  "numbered": "已编号",
  "printed": "已送印",
}

export const EXTENSION_STATUSES: Record<string, string> = {
  "requested": "待审批",
  "approved": "已批准",
  "rejected": "已驳回",
}

export const SIGNALS: Record<string, string> = {
  "green": "正常",
  "yellow": "临期",
  "red": "超期",
}

export const MATERIAL_PROBLEMS: Record<string, string> = {
  "missing": "缺少",
  "defective": "不符合要求",
}

export const INQUIRY_STATUSES: Record<string, string> = {
  "open": "待办",
  "handled": "已答复",
  "guided": "已引导",
  "answered": "已答复",
  "redirected": "已告知承办单位",
}

export const APPLICATION_STATUSES: Record<string, string> = {
  "accepted": "已受理",
  "returned": "已退回",
  "refused": "不予受理",
  "completed": "已办结",
}

export const REFERRAL_STATUSES: Record<string, string> = {
  "open": "待办",
  "answered": "已答复",
}

export const COMPLAINT_STATUSES: Record<string, string> = {
  "received": "已受理",
  "investigating": "核查中",
  "substantiated": "属实",
  "unsubstantiated": "不属实",
}

export const FINDINGS: Record<string, string> = {
  "substantiated": "属实",
  "unsubstantiated": "不属实",
}

export const COMPLAINT_CATEGORIES: Record<string, string> = {
  "shirking": "推诿扯皮",
  "attitude": "态度",
  "overdue": "超时",
  "graft": "吃拿卡要",
  "no_one_time_notice": "未一次性告知",
  "other": "其他",
}

export const VIOLATION_KINDS: Record<string, string> = {
  "overdue": "超时办理",
  "late_return": "逾时归岗",
  "unauthorised_absence": "擅自离岗",
  "complaint": "投诉属实",
  "notice_violated": "未一次性告知",
  "first_inquiry_lapsed": "首问未办结",
  "handover_failed": "AB岗未顶岗",
  "duty_failure": "未履行岗位职责",
}

export const NATURES: Record<string, string> = {
  "non_performance": "不履行职责",
  "improper_performance": "不正确履行职责",
}

export const DEFAULT_NATURES: Record<string, string> = {
  "overdue": "non_performance",
  "late_return": "improper_performance",
  "unauthorised_absence": "improper_performance",
  "complaint": "improper_performance",
  "notice_violated": "non_performance",
  "first_inquiry_lapsed": "non_performance",
  "handover_failed": "non_performance",
}

export const VIOLATION_STATUSES: Record<string, string> = {
  "recorded": "已登记",
  "contested": "已申辩",
  "upheld": "维持",
  "waived": "撤销",
}

export const CASE_KINDS: Record<string, string> = {
  "personal": "个人责任",
  "leader_responsibility": "领导责任",
}

export const CASE_STATUSES: Record<string, string> = {
  "open": "待办",
  "decided": "已裁定",
  "dismissed": "已撤销",
}

export const SEVERITIES: Record<string, string> = {
  "light": "情节较轻",
  "serious": "情节严重",
}

export const OUTCOMES: Record<string, string> = {
  "criticism_education": "批评教育",
  "circulated_criticism": "通报批评",
  "written_warning": "书面告诫",
  "judicial_referral": "移送司法",
}

export const MEASURES: Record<string, string> = {
  "off_post_training": "离岗培训",
  "transfer": "调离工作岗位",
  "demotion": "降职",
  "ordered_resignation": "责令辞职",
  "dismissal": "辞退",
}

export const FITTING_OUTCOMES: Record<string, string[]> = {
  "light": ["criticism_education", "judicial_referral"],
  "serious": ["circulated_criticism", "written_warning", "judicial_referral"],
}

export const DUTY_REPORT_STATUSES: Record<string, string> = {
  "submitted": "待评议",
  "reviewed": "已评议",
}

export const GRADES: Record<string, string> = {
  "excellent": "优秀",
  "competent": "称职",
  "basically_competent": "基本称职",
  "incompetent": "不称职",
}

export const POST_STATES: Record<string, string> = {
  "normal": "在岗",
  "covered": "B岗顶岗",
  "uncovered": "无人顶岗",
  "vacant": "空缺",
}

export const TODO_KINDS: Record<string, string> = {
  "approve_absence": "离岗审批",
  "return_report": "销假报告",
  "document": "公文办理",
  "assign_document": "公文分办",
  "sign": "公文签发",
  "inquiry": "首问",
  "application": "申请办结",
  "complaint": "投诉核查",
  "violation": "违规记录",
  "case": "追责案件",
  "urge": "催办",
  "number_print": "编号印发",
  "referral": "转办咨询",
  "duty_report": "述职评议",
}

export const TODO_STEPS: Record<string, string> = {
  "extension": "延期审批",
  "return": "退文审批",
  "reassign": "重新分办",
  "number": "编号",
  "print": "送印",
  "late": "迟归销假",
  "judge": "申辩待审",
  "guided": "引导来的首问",
}

export const TODO_HEADINGS: Record<string, string> = {
  "approve_absence": "待审批",
  "return_report": "销假待阅",
  "document": "待办文",
  "assign_document": "待分办",
  "sign": "待签发",
  "inquiry": "待答复",
  "application": "待办件",
  "complaint": "待处理投诉",
  "violation": "违规记录",
  "case": "待决定案件",
  "referral": "待答复转办",
  "duty_report": "待审述职",
  "number_print": "待编号送印",
}

export const DOCUMENT_COUNTS: Record<string, string> = {
  "assigned": "已分办",
  "completed_on_time": "按时办结",
  "completed_late": "超时办结",
  "overdue_open": "超期未办结",
}

export const APPLICATION_COUNTS: Record<string, string> = {
  "accepted": "已受理",
  "completed_on_time": "按时办结",
  "completed_late": "超时办结",
  "overdue_open": "超期未办结",
}

export const ABSENCE_COUNTS: Record<string, string> = {
  "notices": "离岗告示",
  "leave_requests": "请假",
  "late_returns": "逾时归岗",
  "unauthorised": "擅自离岗",
}

export const INQUIRY_COUNTS: Record<string, string> = {
  "recorded": "首问登记",
  "lapsed": "首问未办结",
}

export const COMPLAINT_COUNTS: Record<string, string> = {
  "received": "收到投诉",
  "substantiated": "属实",
}

export const COMMITMENT_FIGURES: Record<string, string> = {
  "inquiries_handled": "办理咨询",
  "lapses": "超时未办结",
  "complaints": "投诉属实",
  "notices_issued": "一次性告知书",
  "overdue_applications": "申请超时",
}

export const APPRAISAL_FIGURES: Record<string, string> = {
  "violations": "违规",
  "cases_opened": "案件",
  "documents.on_time": "公文按时办结",
  "documents.late": "公文超时办结",
  "applications.on_time": "申请按时办结",
  "applications.late": "申请超时办结",
  "inquiries_closed": "首问办结",
  "covers_served": "B岗顶岗",
  "duty_report.status": "述职评议",
  "duty_report.grade": "等次",
}

export const STATUS_LABELS: Record<string, string> = {
  "recorded": "已登记",
  "pending": "待审批",
  "approved": "已批准",
  "rejected": "已驳回",
  "returned": "已退回",
  "received": "已收文",
  "assigned": "办理中",
  "return_requested": "退文待批",
  "completed": "已办结",
  "draft": "草稿",
  "signed": "已签发",
  "numbered": "已编号",
  "printed": "已送印",
  "requested": "待审批",
  "open": "待办",
  "handled": "已答复",
  "guided": "已引导",
  "answered": "已答复",
  "redirected": "已告知承办单位",
  "accepted": "已受理",
  "refused": "不予受理",
  "contested": "已申辩",
  "upheld": "维持",
  "waived": "撤销",
  "decided": "已裁定",
  "dismissed": "已撤销",
  "submitted": "待评议",
  "reviewed": "已评议",
  "normal": "在岗",
  "covered": "B岗顶岗",
  "uncovered": "无人顶岗",
  "vacant": "空缺",
}
