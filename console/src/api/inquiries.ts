// 首问负责制: inquiries and their first responders.
import { api } from './client'
import { lister, records, type Schema } from './records'

export type Inquiry = Schema<'inquiries.InquiryOut'>

export const list = lister<Inquiry>('/inquiries')
export const record = (body: Schema<'inquiries.InquiryIn'>) => api.post<Inquiry>('/inquiries', body)
export const inquiries = records<Inquiry>('/inquiries')
