// What the lobby and the public read and file without signing in.
import { api, query } from './client'
import { lister, type Params, type Schema } from './records'

export type PublicMatter = Schema<'inquiries.MatterOut'>
export type ApplicationStatus = Schema<'referrals.PublicApplicationOut'>
export type ComplaintStatus = Schema<'inquiries.ComplaintOut'>
export type ComplaintCategory = Schema<'inquiries.ComplaintIn'>['category']

export type SignageCard = Schema<'posts.SignageCard'>
export type BoardRow = Schema<'attendance.BoardRow'>

export const signage = lister<SignageCard>('/public/signage')
export const noticeBoard = lister<BoardRow>('/public/notice-board')
export const matters = lister<PublicMatter>('/public/matters')
export const commitments = () => api.get<Schema<'routes.CommitmentsOut'>>('/public/commitments')
export const fileComplaint = (body: Schema<'inquiries.ComplaintIn'>) =>
  api.post<ComplaintStatus>('/public/complaints', body)
export const complaint = (id: string, params: Params) =>
  api.get<ComplaintStatus>(`/public/complaints/${encodeURIComponent(id)}` + query(params))
export const application = (id: string, params: Params) =>
  api.get<ApplicationStatus>(`/public/applications/${encodeURIComponent(id)}` + query(params))
