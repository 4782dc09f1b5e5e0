// The trainee's side of attendance and the projector (docs/api.md "Attendance and
// leave"): rotating-QR check-in, spot checks, own attendance and leave requests.
import { api } from './client'
import type { LeaveRequest } from './attendance'
import type { ClassSession } from './types'

export type CheckinDirection = 'in' | 'out'

export interface CheckinCounts {
  checked_in: number
  expected: number
  label: string
}

/** What a check-in or check-out means for the session's status (the rule the status uses). */
export interface CheckinMeaning {
  code: 'on_time' | 'late' | 'absent' | 'left_early' | 'excused'
  /** the colour that fits: green, orange, red, blue */
  level: 'success' | 'warning' | 'danger' | 'info'
  /** late / absent: after the start; left_early: before the end */
  minutes: number
  /** "迟到 11 分钟"; empty when on time */
  label: string
}

export interface CheckinResult {
  event_id: number
  session_id: number
  class_id: number
  person_id: number
  person_name: string
  direction: CheckinDirection
  at_ms: number
  /** local hh:mm of the class's zone */
  at: string
  source: string
  /** false: an earlier check-in already counts (its time is in `at`) */
  first: boolean
  /** the answer said once, with its meaning: "签到成功 08:41，迟到 11 分钟" */
  message: string
  meaning: CheckinMeaning
  flags: string[]
  counts: CheckinCounts
}

export interface MissingUnit {
  unit_id: number | null
  unit_name: string
  names: string[]
}

export interface ProjectorQr {
  session_id: number
  direction: CheckinDirection
  token: string
  /** /c/<session>/<token>: the path the QR encodes */
  url: string
  svg: string
  period_seconds: number
  seconds_left: number
  counts: CheckinCounts
  missing: MissingUnit[]
}

/** data of the `checkin` server-sent event */
export interface LiveCheckin {
  session_id: number
  person_id: number
  person_name: string
  direction: CheckinDirection
  at: string
  /** absent from servers older than issue 9 */
  meaning?: CheckinMeaning
  counts: CheckinCounts
}

export interface MySpotCheck {
  id: number
  session_id: number
  session_title: string
  class_id: number
  opened_ms: number
  closes_ms: number
  confirmed: boolean
}

export type AttendanceStatus = 'attended' | 'excused' | 'absent' | 'pending'

export interface MyAttendanceRow {
  session_id: number
  title: string
  /** local "2020-06-02 08:30" */
  start: string
  status: AttendanceStatus
  status_label: string
  late: boolean
  left_early: boolean
  left_midway: boolean
  first_checkin?: string
  first_checkin_ms: number | null
  last_checkout_ms: number | null
  corrected: boolean
  explanation: string
  flags: string[]
}

export interface CompletionReason {
  code: string
  message: string
}

export interface TraineeCompletion {
  person_id: number
  name: string
  unit_name: string
  /** 学时 of this trainee's programme (whole-class sessions plus their group's), the leave share's denominator */
  programme_hours: number
  credited_hours: number
  excused_hours: number
  absences: number
  discipline: number
  /** "1/13" */
  leave_share: string
  state: 'on_track' | 'at_risk' | 'ineligible' | 'completed' | 'not_completed'
  reasons: CompletionReason[]
}

export interface MyAttendance {
  items: MyAttendanceRow[]
  completion: TraineeCompletion | null
}

// One shape for leave requests, shared with the head teacher's pages.
export type { LeaveRequest, LeaveStatus } from './attendance'

export interface LeaveInput {
  session_ids?: number[]
  start_ms?: number
  end_ms?: number
  reason: string
  attachment_name?: string
  attachment_base64?: string
}

/** The server refuses attachments over 2 MB (decoded). */
export const MAX_LEAVE_ATTACHMENT_BYTES = 2 * 1024 * 1024

export const checkinApi = {
  checkIn: (body: { token: string; idempotency_key: string; lat?: number; lng?: number }) =>
    api.post<CheckinResult>('checkin', body),
  projector: (sessionId: number, direction: CheckinDirection) =>
    api.get<ProjectorQr>(`sessions/${sessionId}/qr`, { direction }),
  liveUrl: (sessionId: number) => `/api/v1/sessions/${sessionId}/live`,
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
