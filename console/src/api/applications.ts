// 服务承诺制, 一次性告知制: the matter catalogue, applications, referrals (六.4).
import { api, openPrintable } from './client'
import { lister, records, type Schema } from './records'

export type Application = Schema<'inquiries.ApplicationOut'>
export type Matter = Schema<'inquiries.MatterRecord'>
export type Referral = Schema<'referrals.ReferralOut'>

export const matters = lister<Matter>('/matters')
export const matter = (id: string) => api.get<Matter>(`/matters/${id}`)
export const publish = (body: Schema<'inquiries.MatterIn'>) => api.post<Matter>('/matters', body)
export const revise = (id: string, body: Schema<'inquiries.MatterIn'>) => api.put<Matter>(`/matters/${id}`, body)
export const withdraw = (id: string, body: Schema<'inquiries.WithdrawIn'>) => api.post<Matter>(`/matters/${id}/withdraw`, body)

export const submit = (body: Schema<'inquiries.ApplicationIn'>) => api.post<Application>('/applications', body)
export const applications = records<Application>('/applications')
/** 一次性告知书 or 不予受理告知书, opened to print. */
export const notice = (id: string) => openPrintable(`/applications/${id}/notice`)

export const refer = (id: string, body: Schema<'referrals.ReferralIn'>) => api.post<Referral>(`/applications/${id}/referrals`, body)
export const answerReferral = (id: string, body: Schema<'referrals.ReferralAnswerIn'>) =>
  api.post<Referral>(`/referrals/${id}/answer`, body)
