// The one API client every page uses: the token kept for the tab, the error shape
// handled once, a 401 sending the user back to sign in.

export interface ApiErrorBody {
  code: string
  message: string
  details?: Record<string, unknown>
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export interface Session {
  token: string
  staffId: string
  role: Role
  name?: string
}

export type Role = 'staff' | 'division_head' | 'leader' | 'admin'

export interface Page<T> {
  items: T[]
  total: number
}

const KEY = 'xiaoneng.session'
let onUnauthorised: (reason: string) => void = () => {}

export function whenUnauthorised(handler: (reason: string) => void): void {
  onUnauthorised = handler
}

export function session(): Session | null {
  const raw = sessionStorage.getItem(KEY)
  return raw ? (JSON.parse(raw) as Session) : null
}

export function saveSession(value: Session | null): void {
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value))
  else sessionStorage.removeItem(KEY)
}

export function query(params: Record<string, unknown>): string {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
  return pairs.length
    ? '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')
    : ''
}

type Reading = 'json' | 'text' | 'blob'

async function request<T>(method: string, path: string, body?: unknown, as: Reading = 'json'): Promise<T> {
  const headers: Record<string, string> = {}
  const current = session()
  if (current) headers.Authorization = `Bearer ${current.token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.ok) return (await response[as]()) as T
  const error = await errorOf(response)
  if (response.status === 401 && current) {
    saveSession(null)
    onUnauthorised(error.message)
  }
  throw error
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const { error } = (await response.json()) as { error: ApiErrorBody }
    return new ApiError(response.status, error.code, error.message, error.details)
  } catch {
    return new ApiError(response.status, 'unavailable', `服务暂不可用（${response.status}）`)
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  page: (path: string) => request<string>('GET', path, undefined, 'text'),
}

/** 导出: every row of a list (``path`` with its filters, ``params``) as an Excel workbook,
 *  fetched with the token and saved as ``filename``. An error (a list too long to export:
 *  422 export_too_large) is thrown as any other. */
export async function download(path: string, params: Record<string, unknown>, filename: string): Promise<void> {
  const workbook = await request<Blob>('GET', path + query({ ...params, format: 'xlsx' }), undefined, 'blob')
  const link = document.createElement('a')
  link.href = URL.createObjectURL(workbook)
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 1000)  // once the download has its bytes
}

/** A printable page (letters, notices) fetched with the token and opened in a new tab. */
export async function openPrintable(path: string): Promise<void> {
  const html = await api.page(path)
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
  window.open(url, '_blank')
}
