import { describe, expect, it } from 'vitest'
import { FITTING, can, dateTime, label, officeIso, officeLocal } from './format'

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
  it('leaves a missing time empty', () => {
    expect(dateTime(null)).toBe('')
  })
})

describe('labels and roles', () => {
  it('falls back to the code for an unknown label', () => {
    expect(label({ a: '甲' }, 'a')).toBe('甲')
    expect(label({ a: '甲' }, 'b')).toBe('b')
  })
  it('lets a page without roles be seen by anyone signed in', () => {
    expect(can('staff', undefined)).toBe(true)
    expect(can('staff', ['admin'])).toBe(false)
    expect(can(undefined, ['admin'])).toBe(false)
  })
  it('offers only outcomes that fit the severity (八.3)', () => {
    expect(FITTING.light).toEqual(['criticism_education', 'judicial_referral'])
    expect(FITTING.serious).not.toContain('criticism_education')
  })
})
