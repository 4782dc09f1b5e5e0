// Account security (MLPS level 3): the login log for administrators and the
// session lists (a user's own, and an administrator's view of anyone's).
import { api } from './client'
import type { components } from './generated/openapi'

export type LoginLogEntry = components['schemas']['LoginLogEntry']
export type LoginLogPage = components['schemas']['LoginLogPage']
export type LoginResultCode = LoginLogEntry['result']

export const LOGIN_RESULTS: LoginResultCode[] = [
  'success',
  'bad_credentials',
  'throttled',
  'inactive',
  'second_factor_required',
  'second_factor_failed',
  'password_expired',
]

export interface LoginLogFilter {
  page: number
  page_size: number
  username?: string
  result?: LoginResultCode | ''
  from?: number
  to?: number
}

export const loginLogApi = {
  list: (f: LoginLogFilter) =>
    api.get<LoginLogPage>('auth/login-log', {
      page: f.page,
      page_size: f.page_size,
      username: f.username || undefined,
      result: f.result || undefined,
      from: f.from,
      to: f.to,
    }),
}

export type UserSession = components['schemas']['UserSession']
export type SessionsEnded = components['schemas']['SessionsEnded']

export const sessionsApi = {
  mine: () => api.get<{ items: UserSession[] }>('auth/sessions'),
  revoke: (id: string) => api.del(`auth/sessions/${encodeURIComponent(id)}`),
  revokeOthers: () => api.post<SessionsEnded>('auth/sessions/revoke-others', {}),
  ofUser: (userId: number) => api.get<{ items: UserSession[] }>(`users/${userId}/sessions`),
  endAll: (userId: number) => api.del<SessionsEnded>(`users/${userId}/sessions`),
}

export type PasswordPolicy = components['schemas']['PasswordPolicy']

export const passwordApi = {
  /** Public: the renewal form on the login page shows the rules. */
  publicPolicy: () => api.get<PasswordPolicy>('auth/password-policy', undefined, { allow401: true }),
  renew: (username: string, oldPassword: string, newPassword: string) =>
    api.post<void>('auth/password/renew', { username, old_password: oldPassword, new_password: newPassword }, { allow401: true }),
}
