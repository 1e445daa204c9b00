// 离岗告示制: leave-post notices and leave requests, unauthorised absences, spot checks.
import { api } from './client'
import { lister, records, type Schema } from './records'

export type Absence = Schema<'attendance.AbsenceOut'>
export type DutyCheck = Schema<'attendance.DutyCheckOut'>
export type AbsenceType = Absence['type']
export type Notice = Schema<'attendance.NoticeIn'>
export type Leave = Schema<'attendance.LeaveIn'>

const COLLECTIONS: Record<AbsenceType, string> = { notice: '/leave-notices', leave: '/leave-requests' }

export const list = (type: AbsenceType) => lister<Absence>(COLLECTIONS[type])
export const of = (type: AbsenceType) => records<Absence>(COLLECTIONS[type])
export const fileNotice = (body: Notice) => api.post<Absence>(COLLECTIONS.notice, body)
export const fileLeave = (body: Leave) => api.post<Absence>(COLLECTIONS.leave, body)
export const reportAbsence = (body: Schema<'attendance.ReportIn'>) =>
  api.post<Schema<'attendance.ReportOut'>>('/absence-reports', body)

export const dutyChecks = lister<DutyCheck>('/duty-checks')
export const recordDutyCheck = (body: Schema<'attendance.DutyCheckIn'>) => api.post<DutyCheck>('/duty-checks', body)
