// The second factor (TOTP + recovery codes): the login's second step
// (POST /api/v1/auth/login answers 202 with a challenge) and the user's own settings.
import { api } from './client'
import type { SessionInfo } from './types'

export interface LoginChallenge {
  second_factor: 'totp' | 'enroll'
  challenge: string
  expires_at: number
}

export interface TotpSetup {
  secret: string
  otpauth_uri: string
  qr_svg: string
}

export interface TotpState {
  enabled: boolean
  required: boolean
  recovery_codes_left: number
}

export function isChallenge(x: SessionInfo | LoginChallenge): x is LoginChallenge {
  return (x as LoginChallenge).second_factor !== undefined
}

export const secondFactorApi = {
  login: (username: string, password: string) =>
    api.post<SessionInfo | LoginChallenge>('auth/login', { username, password }, { allow401: true }),
  loginCode: (challenge: string, code: string) =>
    api.post<SessionInfo>('auth/login/code', { challenge, code }, { allow401: true }),
  loginEnroll: (challenge: string) => api.post<TotpSetup>('auth/login/enroll', { challenge }, { allow401: true }),
  loginEnrollConfirm: (challenge: string, code: string) =>
    api.post<SessionInfo & { recovery_codes: string[] }>(
      'auth/login/enroll/confirm',
      { challenge, code },
      { allow401: true },
    ),
  state: () => api.get<TotpState>('auth/totp'),
  begin: () => api.post<TotpSetup>('auth/totp'),
  confirm: (code: string) => api.post<{ recovery_codes: string[] }>('auth/totp/confirm', { code }),
  disable: (code: string) => api.post<void>('auth/totp/disable', { code }),
  renewRecoveryCodes: (code: string) => api.post<{ recovery_codes: string[] }>('auth/totp/recovery-codes', { code }),
  resetUser: (userId: number) => api.del<void>(`users/${userId}/totp`),
}
