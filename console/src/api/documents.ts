// 办文限时: incoming documents against their due dates, outgoing drafts, their letters.
import { api, openPrintable } from './client'
import { lister, records, type Schema } from './records'

export type Document = Schema<'documents.DocumentOut'>
export type Outgoing = Schema<'documents.OutgoingOut'>

export const list = lister<Document>('/documents')
export const register = (body: Schema<'documents.DocumentIn'>) => api.post<Document>('/documents', body)
export const draft = (body: Schema<'documents.OutgoingIn'>) => api.post<Outgoing>('/documents/outgoing', body)

/** An incoming document (GET answers an outgoing one too: see `direction`). */
export const incoming = records<Schema<'documents.DocumentAnyOut'>>('/documents', {
  approve_return: 'return/approve', reject_return: 'return/reject', extend: 'extensions',
  consult: 'consultations',
})
export const outgoing = records<Outgoing>('/documents/outgoing')

export const decideExtension = (id: string, extensionId: string, verb: 'approve' | 'reject', body: Schema<'documents.NoteIn'>) =>
  api.post<Schema<'documents.ExtensionOut'>>(`/documents/${id}/extensions/${extensionId}/${verb}`, body)
export const replyConsultation = (id: string, consultationId: string, body: Schema<'documents.ReplyIn'>) =>
  api.post<Schema<'documents.ConsultationOut'>>(`/documents/${id}/consultations/${consultationId}/reply`, body)

/** 延期办理告知函 and 退文说明 to the sender, opened to print. */
export const extensionLetter = (id: string) => openPrintable(`/documents/${id}/extension-letter`)
export const returnLetter = (id: string) => openPrintable(`/documents/${id}/return-letter`)
