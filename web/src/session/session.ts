// Who is signed in. One reactive object instead of a store library: the app
// needs the user, the CSRF token and a handful of role questions.
import { reactive, readonly } from 'vue'
import { setCsrfToken } from '@/api/client'
import { authApi } from '@/api/endpoints'
import type { Role, SessionInfo, User } from '@/api/types'
import { ApiError } from '@/api/client'
import { forgetUnits } from './units'

interface State {
  user: User | null
  /** true once we asked the server whether a session exists */
  checked: boolean
}

const state = reactive<State>({ user: null, checked: false })
export const session = readonly(state)

export function applySession(info: SessionInfo): void {
  // Another user may see another part of the org tree.
  if (state.user?.id !== info.user.id) forgetUnits()
  state.user = info.user
  state.checked = true
  setCsrfToken(info.csrf_token)
}

export function clearSession(): void {
  forgetUnits()
  state.user = null
  state.checked = true
  setCsrfToken('')
}

let pending: Promise<User | null> | null = null

/** Asks the server once per page load whether we are signed in. */
export function ensureSession(): Promise<User | null> {
  if (state.checked) return Promise.resolve(state.user)
  if (!pending) {
    pending = authApi
      .me()
      .then((info) => {
        applySession(info)
        return info.user
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) {
          clearSession()
          return null
        }
        // The server is unreachable: treat as signed out, but ask again next time.
        state.user = null
        return null
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

export async function logout(): Promise<void> {
  try {
    await authApi.logout()
  } finally {
    clearSession()
  }
}

// ---- what each role may do (the server checks again; this only shapes the UI) ----

export function hasRole(...roles: Role[]): boolean {
  return !!state.user && roles.includes(state.user.role)
}

export const can = {
  manageOrgs: () => hasRole('admin', 'organizer'),
  viewOrgs: () => hasRole('admin', 'organizer', 'liaison'),
  viewPeople: () => hasRole('admin', 'organizer', 'head_teacher', 'liaison'),
  editPeople: () => hasRole('admin', 'organizer', 'liaison'),
  viewIdNumber: () => hasRole('admin', 'organizer'),
  manageUsers: () => hasRole('admin'),
  viewAudit: () => hasRole('admin'),
  viewClasses: () => hasRole('admin', 'organizer', 'head_teacher', 'liaison', 'lecturer', 'logistics'),
  createClasses: () => hasRole('admin', 'organizer'),
  /** lecturers and sites registries */
  viewRegistries: () => hasRole('admin', 'organizer', 'head_teacher', 'liaison', 'lecturer', 'logistics'),
  editRegistries: () => hasRole('admin', 'organizer'),
}

/** Admin, organizer, or a head teacher of this class: edits it, its timetable and rules. */
export function canManageClass(cls: { head_teacher_ids?: number[] } | null | undefined): boolean {
  const u = state.user
  if (!u || !cls) return false
  if (u.role === 'admin' || u.role === 'organizer') return true
  return u.role === 'head_teacher' && (cls.head_teacher_ids ?? []).includes(u.id)
}

/** Where a role lands after signing in. */
export function startPage(user: User | null): string {
  if (!user) return '/login'
  switch (user.role) {
    case 'admin':
    case 'organizer':
    case 'head_teacher':
    case 'liaison':
      return '/workbench'
    case 'trainee':
      return '/t'
    default:
      return '/home'
  }
}

// ---- where to go back after signing in from a phone page (check-in by QR) ----
// A trainee who opens a check-in link signed out signs in through their personal
// invite (another URL, often in another tab): the link is kept for a few minutes.

const RETURN_KEY = 'peixun.returnTo'
const RETURN_TTL_MS = 15 * 60 * 1000

export function rememberReturnPath(path: string): void {
  try {
    localStorage.setItem(RETURN_KEY, JSON.stringify({ path, at: Date.now() }))
  } catch {
    // storage disabled: the trainee scans the code again
  }
}

/** The in-app path kept by rememberReturnPath (at most 15 minutes old), once. */
export function takeReturnPath(): string | null {
  try {
    const raw = localStorage.getItem(RETURN_KEY)
    if (!raw) return null
    localStorage.removeItem(RETURN_KEY)
    const v = JSON.parse(raw) as { path?: unknown; at?: unknown }
    if (typeof v.path !== 'string' || typeof v.at !== 'number') return null
    if (Date.now() - v.at > RETURN_TTL_MS) return null
    return v.path.startsWith('/') && !v.path.startsWith('//') ? v.path : null
  } catch {
    return null
  }
}
