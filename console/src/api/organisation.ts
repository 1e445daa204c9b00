// 岗位责任制, AB岗制: signing in, the caller, divisions, staff, posts, what needs fixing.
import { api } from './client'
import { lister, type Schema } from './records'

export type Division = Schema<'posts.DivisionOut'>
export type Staff = Schema<'posts.StaffOut'>
export type Post = Schema<'posts.PostOut'>
export type Me = Schema<'gateway.MeOut'>
type Token = Schema<'routes.TokenOut'>

export const signIn = (body: Schema<'posts.Login'>) => api.post<Token>('/auth/token', body)
export const me = () => api.get<Me>('/me')
export const changePassword = (body: Schema<'posts.PasswordChange'>) => api.put<Token>('/me/password', body)
export type Todo = Schema<'routes.TodoOut'>
export const todo = () => api.get<Todo>('/me/todo')

export const divisions = lister<Division>('/divisions')
export const createDivision = (body: Schema<'posts.DivisionIn'>) => api.post<Division>('/divisions', body)

export const staff = lister<Staff>('/staff')
export const createStaff = (body: Schema<'posts.StaffIn'>) => api.post<Staff>('/staff', body)
export const updateStaff = (id: string, body: Schema<'posts.StaffUpdate'>) => api.put<Staff>(`/staff/${id}`, body)
export const deactivate = (id: string, body: Schema<'posts.DeactivationIn'>) => api.post<Staff>(`/staff/${id}/deactivate`, body)
export const resetPassword = (id: string, body: Schema<'posts.PasswordReset'>) => api.put<Staff>(`/staff/${id}/password`, body)

export const posts = lister<Post>('/posts')
export const createPost = (body: Schema<'posts.PostIn'>) => api.post<Post>('/posts', body)
export const updatePost = (id: string, body: Schema<'posts.PostUpdate'>) => api.put<Post>(`/posts/${id}`, body)
export const setBackups = (id: string, body: Schema<'posts.BackupsIn'>) => api.put<Post>(`/posts/${id}/backups`, body)

export type Warning = Schema<'posts.OrgWarning'>
export const warnings = lister<Warning>('/org/warnings')
