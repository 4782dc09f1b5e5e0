// Security policy (admin): the password policy (GET is public, PUT for admins),
// how long the login log is kept, and the signed-in user's own password change.
import { api } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']
export type PasswordPolicy = Schemas['PasswordPolicy']
export type LoginLogRetention = Schemas['LoginLogRetention']

export const securityPolicyApi = {
  policy: () => api.get<PasswordPolicy>('auth/password-policy'),
  setPolicy: (p: PasswordPolicy) => api.put<PasswordPolicy>('auth/password-policy', p),
  retention: () => api.get<LoginLogRetention>('auth/login-log/retention'),
  setRetention: (days: number) => api.put<LoginLogRetention>('auth/login-log/retention', { days }),
  changePassword: (oldPassword: string, newPassword: string) =>
    api.put<void>('auth/password', { old_password: oldPassword, new_password: newPassword }),
}
