// Complaints about the office's staff, as those who handle them see them.
import { lister, records, type Schema } from './records'

export type Complaint = Schema<'inquiries.ComplaintRecord'>

export const list = lister<Complaint>('/complaints')
export const complaints = records<Complaint>('/complaints')
