// The trainee's side of attendance and the projector (docs/api.md "Attendance and
// leave"): rotating-QR check-in, spot checks, own attendance and leave requests.
import { api } from './client'
import type {
  CheckinCounts,
  CheckinDirection,
  CheckinInput,
  CheckinMeaning,
  CheckinResult,
  ClassSession,
  LeaveInput,
  LeaveRequest,
  MyAttendance,
  MySpotCheck,
  ProjectorQr,
} from './types'

export type {
  CheckinCounts,
  CheckinDirection,
  CheckinMeaning,
  CheckinResult,
  LeaveInput,
  LeaveRequest,
  LeaveStatus,
  MissingUnit,
  MyAttendance,
  MyAttendanceRow,
  MySpotCheck,
  ProjectorQr,
} from './types'

/** data of the `checkin` server-sent event */
export interface LiveCheckin {
  session_id: number
  person_id: number
  person_name: string
  direction: CheckinDirection
  at: string
  meaning: CheckinMeaning
  counts: CheckinCounts
}

/** The server refuses attachments over 2 MB (decoded). */
export const MAX_LEAVE_ATTACHMENT_BYTES = 2 * 1024 * 1024

export const checkinApi = {
  checkIn: (body: CheckinInput) =>
    api.post<CheckinResult>('checkin', body),
  projector: (sessionId: number, direction: CheckinDirection) =>
    api.get<ProjectorQr>(`sessions/${sessionId}/qr`, { direction }),
  session: (sessionId: number) => api.get<ClassSession>(`sessions/${sessionId}`),
  mySpotChecks: () => api.get<{ items: MySpotCheck[] }>('me/spot-checks'),
  confirmSpotCheck: (id: number) => api.post<{ confirmed_at_ms: number }>(`spot-checks/${id}/confirm`, {}),
  myAttendance: (classId: number) => api.get<MyAttendance>('me/attendance', { class_id: classId }),
  leaveList: (classId: number) => api.get<{ items: LeaveRequest[] }>(`classes/${classId}/leave`),
  requestLeave: (classId: number, body: LeaveInput) => api.post<LeaveRequest>(`classes/${classId}/leave`, body),
  cancelLeave: (id: number) => api.post<LeaveRequest>(`leave/${id}/cancel`, {}),
  returnLeave: (id: number) => api.post<LeaveRequest>(`leave/${id}/return`, {}),
}

/**
 * The direction a check-in token carries (byte 9 of its base64url payload is
 * 'i' or 'o', see src/core/checkin_token.cc); null when it cannot be read. Only
 * a hint for the button's label: the server decides.
 */
export function tokenDirection(token: string): CheckinDirection | null {
  try {
    if (token.length < 16) return null
    const raw = atob(token.slice(0, 16).replace(/-/g, '+').replace(/_/g, '/'))
    if (raw.charCodeAt(9) === 0x69) return 'in'
    if (raw.charCodeAt(9) === 0x6f) return 'out'
  } catch {
    // not base64: no hint
  }
  return null
}

/** A random idempotency key: a UUID where the browser offers one (secure contexts), else 32 hex digits. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID()
    } catch {
      // fall through
    }
  }
  const bytes = new Uint8Array(16)
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
