// The caller's notifications and how they are told; 催办 on a piece of work.
import { api, query } from './client'
import { lister, type Params, type Schema } from './records'

export type Notification = Schema<'notifications.NotificationOut'>
export type Settings = Schema<'notifications.SettingsOut'>
export type Urge = Schema<'urges.UrgeOut'>
/** The kinds of work that may be urged. */
export type Urged = Schema<'urges.UrgeIn'>['kind']

/** The caller's notifications, newest first, with the unread count. */
export const list = (params: Params = {}) =>
  api.get<Schema<'notifications.NotificationPage'>>('/me/notifications' + query(params))
export const markRead = (id: string) => api.post<Notification>(`/me/notifications/${id}/read`)
export const markAllRead = () => api.post('/me/notifications/read-all')
export const settings = () => api.get<Settings>('/me/notification-settings')
export const saveSettings = (body: Schema<'notifications.SettingsIn'>) => api.put<Settings>('/me/notification-settings', body)

export const urges = lister<Urge>('/urges')
export const urge = (body: Schema<'urges.UrgeIn'>) => api.post<Urge>('/urges', body)
