// How the console writes things: dates in the office's zone, labels in Chinese.

const ZONE = 'Asia/Shanghai'

export function dateTime(iso?: string | null): string {
  if (!iso) return ''
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

/** A ``YYYY-MM-DDTHH:mm`` value from a date picker, read as office time, as ISO with offset. */
export function officeIso(local: string): string {
  return `${local.length === 16 ? local + ':00' : local}+08:00`
}

/** Now, as the office's ``YYYY-MM-DDTHH:mm``, plus ``minutes``. */
export function officeLocal(minutes = 0, now = new Date()): string {
  return dateTime(new Date(now.getTime() + minutes * 60000).toISOString()).replace(' ', 'T')
}

/** A leave-post notice's default window: from five minutes on, back two hours later but
 *  within the same office day (离岗告示 is for within one day; past midnight is a 请假). */
export function noticeWindow(now = new Date()): { start_at: string; expected_return_at: string } {
  const start = officeLocal(5, now)
  const back = officeLocal(125, now)
  const dayEnd = `${start.slice(0, 10)}T23:59`
  const capped = back > dayEnd && start < dayEnd  // a start at 23:59 itself keeps two hours
  return { start_at: start, expected_return_at: capped ? dayEnd : back }
}

export const SIGNAL_TYPES: Record<string, 'success' | 'warning' | 'danger'> = {
  green: 'success', yellow: 'warning', red: 'danger',
}
export const SIGNAL_LABELS: Record<string, string> = { green: '正常', yellow: '临期', red: '超期' }

export const ROLE_LABELS: Record<string, string> = {
  staff: '工作人员', division_head: '处室负责人', leader: '分管领导', admin: '管理员',
}

export const TODO_KINDS: Record<string, string> = {
  approve_absence: '离岗审批', return_report: '销假报告', document: '公文办理',
  assign_document: '公文分办', sign: '公文签发', inquiry: '首问', application: '申请办结',
  complaint: '投诉核查', violation: '违规记录', case: '追责案件', urge: '催办',
  number_print: '编号印发', referral: '转办咨询', duty_report: '述职评议',
}

/** 一.4 评议: the four grades of the civil-service annual appraisal. */
export const GRADES: Record<string, string> = {
  excellent: '优秀', competent: '称职', basically_competent: '基本称职', incompetent: '不称职',
}

export const STATUS_LABELS: Record<string, string> = {
  recorded: '已登记', submitted: '待评议', reviewed: '已评议', pending: '待审批', approved: '已批准', rejected: '已驳回',
  returned: '已退回', received: '已收文', assigned: '办理中', return_requested: '退文待批',
  completed: '已办结', draft: '草稿', signed: '已签发', numbered: '已编号', printed: '已送印',
  open: '待办', handled: '已答复', guided: '已引导', answered: '已答复',
  redirected: '已告知承办单位', accepted: '已受理', refused: '不予受理',
  contested: '已申辩', upheld: '维持', waived: '撤销', decided: '已裁定', dismissed: '已撤销',
  normal: '在岗', covered: 'B岗顶岗', uncovered: '无人顶岗', vacant: '空缺',
}

/** A complaint's own statuses (三.7): a received complaint is 已受理, not the registry's 已收文. */
export const COMPLAINT_STATUSES: Record<string, string> = {
  received: '已受理', investigating: '核查中', substantiated: '属实', unsubstantiated: '不属实',
}

export const COMPLAINT_CATEGORIES: Record<string, string> = {
  shirking: '推诿扯皮', attitude: '态度', overdue: '超时', graft: '吃拿卡要',
  no_one_time_notice: '未一次性告知', other: '其他',
}

/** 请假 kinds (七.3): the board names 出差 and 开会 and shows the others as 请假. */
export const LEAVE_KINDS: Record<string, string> = {
  business_trip: '出差', meeting: '开会', annual_leave: '年休假', personal_leave: '事假',
  sick_leave: '病假', other: '其他',
}

export const VIOLATION_KINDS: Record<string, string> = {
  overdue: '超时办理', late_return: '逾时归岗', unauthorised_absence: '擅自离岗',
  complaint: '投诉属实', notice_violated: '未一次性告知', first_inquiry_lapsed: '首问未办结',
  handover_failed: 'AB岗未顶岗', duty_failure: '未履行岗位职责',
}

export const NATURES: Record<string, string> = {
  non_performance: '不履行职责', improper_performance: '不正确履行职责',
}

export const OUTCOMES: Record<string, string> = {
  criticism_education: '批评教育', circulated_criticism: '通报批评',
  written_warning: '书面告诫', judicial_referral: '移送司法',
}

export const MEASURES: Record<string, string> = {
  off_post_training: '离岗培训', transfer: '调离工作岗位', demotion: '降职',
  ordered_resignation: '责令辞职', dismissal: '辞退',
}

export const SEVERITIES: Record<string, string> = { light: '情节较轻', serious: '情节严重' }

/** What the statistics page (统计分析) counts, by the name of each count in the overview. */
const TIMELINESS = { completed_on_time: '按时办结', completed_late: '超时办结', overdue_open: '超期未办结' }
export const DOCUMENT_COUNTS: Record<string, string> = { assigned: '已分办', ...TIMELINESS }
export const APPLICATION_COUNTS: Record<string, string> = { accepted: '已受理', ...TIMELINESS }
export const ABSENCE_COUNTS: Record<string, string> = {
  notices: '离岗告示', leave_requests: '请假',
  late_returns: VIOLATION_KINDS.late_return, unauthorised: VIOLATION_KINDS.unauthorised_absence,
}
export const INQUIRY_COUNTS: Record<string, string> = {
  recorded: '首问登记', lapsed: VIOLATION_KINDS.first_inquiry_lapsed,
}
export const COMPLAINT_COUNTS: Record<string, string> = {
  received: '收到投诉', substantiated: COMPLAINT_STATUSES.substantiated,
}

/** 八.3: which outcomes a severity allows (judicial referral goes with either). */
export const FITTING: Record<string, string[]> = {
  light: ['criticism_education', 'judicial_referral'],
  serious: ['circulated_criticism', 'written_warning', 'judicial_referral'],
}

/** A personal detail the server withheld from this reader (个人信息保护: null). */
export const WITHHELD = '（仅经办人员可见）'

export function shown(value?: string | null): string {
  return value ?? WITHHELD
}

/** A matter's time limit: 0 is 即办 (handled the day it is accepted, 六.2). */
export function timeLimit(days: number): string {
  return days === 0 ? '即办' : `${days}个工作日内办结`
}

export function label(map: Record<string, string>, key?: string | null): string {
  return key ? map[key] ?? key : ''
}

/** Whether a page is open to someone: by their role, or — for a head's page — because
 *  they hold a division's head powers now (``heads``: the head the division names, or
 *  whoever acts for an absent head, 五.3), whatever their role. */
export function can(role: string | undefined, roles?: string[], heads = false,
                    headsPage = false): boolean {
  return !roles || (role !== undefined && roles.includes(role)) || (heads && headsPage)
}
