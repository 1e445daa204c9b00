// 责任追究制: violations, cases, duty reports, appraisals.
import { api, query } from './client'
import { lister, records, type Params, type Schema } from './records'

export type Violation = Schema<'accountability.ViolationOut'>
export type Case = Schema<'accountability.CaseOut'>
export type DutyReport = Schema<'accountability.DutyReportOut'>

export const violationList = lister<Violation>('/violations')
export const recordFailure = (body: Schema<'accountability.DutyFailureIn'>) => api.post<Violation>('/violations', body)
export const violations = records<Violation>('/violations')

export const caseList = lister<Case>('/cases')
export const cases = records<Case>('/cases')

export const dutyReports = lister<DutyReport>('/duty-reports')
export const submitDutyReport = (body: Schema<'accountability.DutyReportIn'>) => api.post<DutyReport>('/duty-reports', body)
export const reviewDutyReport = (id: string, body: Schema<'accountability.DutyReviewIn'>) =>
  api.post<DutyReport>(`/duty-reports/${id}/review`, body)

export type AppraisalRow = Schema<'accountability.AppraisalRowOut'>
export const divisionAppraisals = lister<AppraisalRow>('/appraisals')
export type Appraisal = Schema<'accountability.AppraisalOut'>
export const appraisal = (staffId: string, params: Params) =>
  api.get<Appraisal>(`/appraisals/${staffId}` + query(params))
