// The one door to the server: same-origin fetch with the session cookie, JSON in
// and out, the CSRF token on unsafe methods, the UI language as Accept-Language,
// and error bodies {error:{code,message,field}} turned into ApiError.
import { currentLang, t } from '@/i18n'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string
  /** the whole `error` object of the body (extra members such as a conflict list) */
  readonly details: Record<string, unknown>

  constructor(status: number, code: string, message: string, field = '', details: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.details = details
  }
}

/** A message fit to show a person for anything a call may throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return String(e)
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  /** JSON body (serialized here). */
  json?: unknown
  /** Raw body (file uploads), sent as application/octet-stream. */
  raw?: Blob | ArrayBuffer
  /** Do not treat a 401 as "session over" (login, me, invite). */
  allow401?: boolean
}

let csrfToken = ''
let onUnauthorized: (() => void) | null = null

export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** The CSRF header for an unsafe request made outside request() (file downloads). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {}
}

/** Called once by the app: what to do when the server says the session is gone. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

export function buildUrl(path: string, query?: Query): string {
  const base = path.startsWith('/') ? path : `/api/v1/${path}`
  if (!query) return base
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v))
  }
  const qs = params.toString()
  return qs ? `${base}?${qs}` : base
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN',
  }
  let body: BodyInit | undefined
  if (opts.raw !== undefined) {
    headers['Content-Type'] = 'application/octet-stream'
    body = opts.raw
  } else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.json)
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', t('error.network'))
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  let code = `http.${res.status}`
  let message = t('error.http', { status: res.status })
  let field = ''
  let details: Record<string, unknown> = {}
  try {
    const data = await res.json()
    const err = data && data.error
    if (err && typeof err === 'object') details = err
    if (err) {
      if (typeof err.code === 'string') code = err.code
      if (typeof err.message === 'string' && err.message) message = err.message
      if (typeof err.field === 'string') field = err.field
    }
  } catch {
    // not JSON (a proxy's error page): keep the generic message
  }
  return new ApiError(res.status, code, message, field, details)
}

async function refreshCsrf(): Promise<boolean> {
  const res = await send('GET', 'auth/me', { allow401: true })
  if (!res.ok) return false
  const data = await res.json()
  if (data && typeof data.csrf_token === 'string') {
    csrfToken = data.csrf_token
    return true
  }
  return false
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts)
  if (!res.ok) {
    let err = await toApiError(res)
    // A stale CSRF token (another tab logged in again): fetch the current one, retry once.
    if (err.status === 403 && err.code === 'auth.csrf' && UNSAFE.has(method) && (await refreshCsrf())) {
      res = await send(method, path, opts)
      if (res.ok) return parseBody<T>(res)
      err = await toApiError(res)
    }
    if (err.status === 401 && !opts.allow401 && onUnauthorized) onUnauthorized()
    throw err
  }
  return parseBody<T>(res)
}

async function parseBody<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(res.status, 'http.bad_json', t('error.http', { status: res.status }))
  }
}

export const api = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, json?: unknown, opts: RequestOptions = {}) =>
    request<T>('POST', path, { ...opts, json }),
  put: <T>(path: string, json?: unknown) => request<T>('PUT', path, { json }),
  patch: <T>(path: string, json?: unknown) => request<T>('PATCH', path, { json }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: Blob, query?: Query) =>
    request<T>('POST', path, { raw: file, query }),
}
