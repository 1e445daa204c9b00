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

