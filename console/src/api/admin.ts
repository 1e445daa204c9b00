// 运维 and the audit trail, for administrators.
import { api } from './client'
import { lister, type Schema } from './records'

export type Parked = Schema<'operations.ParkedOut'>
export type Status = Schema<'operations.StatusOut'>

export const status = () => api.get<Status>('/admin/status')
export const parked = lister<Parked>('/admin/parked')
export const replay = (id: string) => api.post<Schema<'operations.ReplayOut'>>(`/admin/parked/${id}/replay`)
export const discard = (id: string) => api.post<Schema<'operations.DiscardOut'>>(`/admin/parked/${id}/discard`)
export const audit = lister<Schema<'accountability.AuditEntryOut'>>('/audit')
