import { describe, expect, it } from 'vitest'
import { WITHHELD, dateTime, label, noticeWindow, officeIso, officeLocal, shown, timeLimit } from './format'
import { COMPLAINT_STATUSES, FITTING_OUTCOMES, STATUS_LABELS } from './vocabulary'

describe('dates are written in the office zone', () => {
  it('shows a UTC instant as Beijing time', () => {
    expect(dateTime('2026-11-27T01:30:00Z')).toBe('2026-11-27 09:30')
    expect(dateTime('2026-11-27T17:05:00+00:00')).toBe('2026-11-28 01:05')
  })
  it('reads a picked local time as office time', () => {
    expect(officeIso('2026-11-27T09:30')).toBe('2026-11-27T09:30:00+08:00')
    expect(officeIso('2026-11-27T09:30:15')).toBe('2026-11-27T09:30:15+08:00')
  })
  it('offers now plus minutes as a picker value', () => {
    expect(officeLocal(5, new Date('2026-11-27T01:30:00Z'))).toBe('2026-11-27T09:35')
  })
  it('offers a notice window that stays within the office day', () => {
    expect(noticeWindow(new Date('2026-11-27T01:30:00Z')))  // 09:30 in the office
      .toEqual({ start_at: '2026-11-27T09:35', expected_return_at: '2026-11-27T11:35' })
    expect(noticeWindow(new Date('2026-12-06T14:10:00Z')))  // 22:10: back by midnight
      .toEqual({ start_at: '2026-12-06T22:15', expected_return_at: '2026-12-06T23:59' })
    expect(noticeWindow(new Date('2026-12-06T15:57:00Z')))  // 23:57: it starts tomorrow
      .toEqual({ start_at: '2026-12-07T00:02', expected_return_at: '2026-12-07T02:02' })
  })
  it('leaves a missing time empty', () => {
    expect(dateTime(null)).toBe('')
  })
})

describe('labels and roles', () => {
  it('falls back to the code for an unknown label', () => {
    expect(label({ a: '甲' }, 'a')).toBe('甲')
    expect(label({ a: '甲' }, 'b')).toBe('b')
  })
  it('offers only outcomes that fit the severity (八.3)', () => {
    expect(FITTING_OUTCOMES.light).toEqual(['criticism_education', 'judicial_referral'])
    expect(FITTING_OUTCOMES.serious).not.toContain('criticism_education')
  })
})

describe('personal details the server withholds', () => {
  it('says so instead of showing an empty cell', () => {
    expect(shown(null)).toBe(WITHHELD)
    expect(shown('0571-87000000')).toBe('0571-87000000')
    expect(shown('')).toBe('')
  })
})

describe('time limits', () => {
  it('writes a time limit of 0 as 即办 and others in working days', () => {
    expect(timeLimit(0)).toBe('即办')
    expect(timeLimit(15)).toBe('15个工作日内办结')
  })
})

describe('a complaint speaks its own words (三.7)', () => {
  it('names a received complaint 已受理, not the registry\'s 已收文', () => {
    expect(COMPLAINT_STATUSES.received).toBe('已受理')
    expect(STATUS_LABELS.received).toBe('已收文')
    expect(Object.values(COMPLAINT_STATUSES)).toEqual(['已受理', '核查中', '属实', '不属实'])
  })
  it('keeps the complaint\'s words out of the shared vocabulary', () => {
    for (const status of ['investigating', 'substantiated', 'unsubstantiated']) {
      expect(STATUS_LABELS[status]).toBeUndefined()
    }
  })
})
