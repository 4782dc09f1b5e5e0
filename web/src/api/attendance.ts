// Typed wrappers for attendance and leave on the staff side (docs/api.md "Attendance
// and leave"): a session's live status, the class summary for charts and completion
// risk, corrections, spot checks, reports, paper sheets, the kiosk and leave requests.
import { api, buildUrl } from './client'
import type { ImportOptions } from './endpoints'
import type { CheckinMeaning } from './checkin'
import type { ImportReport } from './types'

export type Direction = 'in' | 'out'
export type AttendanceStatus = 'attended' | 'excused' | 'absent' | 'pending'
export type CheckinFlag =
  | 'device_bound_to_other'
  | 'device_shared'
  | 'duplicate'
  | 'outside_geofence'
  | 'outside_network'
  | string

export interface Counts {
  checked_in: number
  expected: number
  label: string
}

export interface AttendanceRow {
  person_id: number
  name: string
  unit_id: number | null
  unit_name: string
  group_id: number | null
  group_name?: string
  status: AttendanceStatus
  status_label: string
  late: boolean
  left_early: boolean
  left_midway: boolean
  /** local "08:27", empty when none */
  first_checkin?: string
  first_checkin_ms: number | null
  last_checkout_ms: number | null
  corrected: boolean
  reason_code: string
  explanation: string
  flags: CheckinFlag[]
}

export interface SessionAttendance {
  session: { id: number; title: string; start_ms: number; end_ms: number }
  counts: Counts
  items: AttendanceRow[]
}

export interface RateCounts {
  attended: number
  excused: number
  absent: number
  pending: number
  late: number
  left_early: number
  left_midway: number
  /** 0..1 */
  rate: number
  expected?: number
}

export interface SessionRate extends RateCounts {
  session_id: number
  title: string
  start: string
}
export interface UnitRate extends RateCounts {
  unit_name: string
}
export interface GroupRate extends RateCounts {
  group_id: number
  group_name: string
}

export type CompletionState = 'on_track' | 'at_risk' | 'ineligible' | 'completed' | 'not_completed'

export interface TraineeSummary {
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
  state: CompletionState
  reasons: { code: string; message: string }[]
}

export interface AttendanceSummary {
  class_id: number
  by_session: SessionRate[]
  by_unit: UnitRate[]
  by_group: GroupRate[]
  trainees: TraineeSummary[]
}

export interface CorrectionInput {
  person_id: number
  status: 'attended' | 'excused' | 'absent'
  late?: boolean
  left_early?: boolean
  left_midway?: boolean
  reason: string
}

export interface Correction {
  id: number
  session_id: number
  person_id: number
  status: string
  reason: string
  by: number | string
  at_ms: number
}

export interface SpotCheck {
  id: number
  session_id: number
  opened_ms: number
  closes_ms: number
  confirmed?: number
  expected?: number
}

export interface CheckinResult {
  event_id: number
  session_id: number
  class_id: number
  person_id: number
  person_name: string
  direction: Direction
  at_ms: number
  at: string
  source: string
  first: boolean
  /** the answer said once, with its meaning: "签到成功 08:41，迟到 11 分钟" */
  message: string
  meaning: CheckinMeaning
  flags: CheckinFlag[]
  counts: Counts
}

export interface KioskScan {
  session_id: number
  badge_token: string
  direction: Direction
  idempotency_key: string
  device_time_ms?: number
  offline?: boolean
}

/** What the live stream pushes (event `counts` and `checkin`). */
export interface LiveEvent {
  session_id: number
  person_id?: number
  person_name?: string
  direction?: Direction
  at?: string
  counts: Counts
}

export type LeaveStatus = 'requested' | 'approved' | 'rejected' | 'cancelled' | 'returned'

export interface LeaveRequest {
  id: number
  class_id: number
  person_id: number
  person_name: string
  start_ms: number
  end_ms: number
  session_ids: number[]
  reason: string
  attachment_name: string | null
  status: LeaveStatus
  status_label: string
  decided_by: number | string | null
  decision_reason: string
  returned_at_ms: number | null
  created_at_ms: number
}

export interface LeaveInput {
  person_id: number
  reason: string
  start_ms?: number
  end_ms?: number
  session_ids?: number[]
  attachment_name?: string
  attachment_base64?: string
}

/** A class's venue (签到地点): geofence and network ranges; check-ins away from it are flagged, never refused. */
export interface Venue {
  class_id: number
  lat: number | null
  lng: number | null
  radius_m: number | null
  /** "10.0.0.0/8, 192.168.1.0/24" as the server normalized it; "" when none */
  network_ranges: string
  updated_ms: number | null
}

/** PUT replaces the whole setting: lat, lng and radius_m together or all null. */
export interface VenueInput {
  lat: number | null
  lng: number | null
  radius_m: number | null
  /** CIDR ranges separated by commas, semicolons or whitespace */
  network_ranges: string
}

const fileUrl = (path: string, query?: Record<string, string | number | undefined>) =>
  buildUrl(`/api/v1/${path}`, query)

export const attendanceApi = {
  session: (sessionId: number) => api.get<SessionAttendance>(`sessions/${sessionId}/attendance`),
  summary: (classId: number) => api.get<AttendanceSummary>(`classes/${classId}/attendance/summary`),
  correct: (sessionId: number, c: CorrectionInput) => api.post<Correction>(`sessions/${sessionId}/corrections`, c),
  spotChecks: (sessionId: number) => api.get<{ items: SpotCheck[] }>(`sessions/${sessionId}/spot-checks`),
  openSpotCheck: (sessionId: number, minutes: number) =>
    api.post<SpotCheck>(`sessions/${sessionId}/spot-checks`, { minutes }),
  liveUrl: (sessionId: number) => `/api/v1/sessions/${sessionId}/live`,
  xlsxUrl: (classId: number) => fileUrl(`classes/${classId}/attendance.xlsx`),
  pdfUrl: (classId: number) => fileUrl(`classes/${classId}/attendance.pdf`),
  noticeUrl: (classId: number, date: string) => fileUrl(`classes/${classId}/attendance-notice.pdf`, { date }),
  importPaper: (classId: number, file: File, o: ImportOptions) =>
    api.upload<ImportReport>(`classes/${classId}/attendance/paper`, file, {
      filename: file.name,
      dry_run: o.dryRun ? 1 : undefined,
      skip_bad_rows: o.skipBadRows ? 1 : undefined,
    }),
  /** allow401: a kiosk keeps its queue instead of jumping to the login page */
  scan: (s: KioskScan) => api.post<CheckinResult>('kiosk/scan', s, { allow401: true }),
  venue: (classId: number) => api.get<Venue>(`classes/${classId}/venue`),
  saveVenue: (classId: number, v: VenueInput) => api.put<Venue>(`classes/${classId}/venue`, v),
}

export const leaveApi = {
  list: (classId: number, status?: LeaveStatus | '') =>
    api.get<{ items: LeaveRequest[] }>(`classes/${classId}/leave`, { status }),
  create: (classId: number, l: LeaveInput) => api.post<LeaveRequest>(`classes/${classId}/leave`, l),
  approve: (id: number, reason = '') => api.post<LeaveRequest>(`leave/${id}/approve`, { reason }),
  reject: (id: number, reason: string) => api.post<LeaveRequest>(`leave/${id}/reject`, { reason }),
  attachmentUrl: (id: number) => fileUrl(`leave/${id}/attachment`),
}

/** Local time of a class zone: "08:27" (offset in minutes east of UTC). */
export function clockAt(ms: number | null | undefined, offsetMinutes: number): string {
  if (ms == null) return ''
  const d = new Date(ms + offsetMinutes * 60_000)
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

/** Local date and time in a class zone: "2020-06-02 08:27". */
export function dateTimeAt(ms: number | null | undefined, offsetMinutes: number): string {
  if (ms == null) return ''
  const d = new Date(ms + offsetMinutes * 60_000)
  return `${d.toISOString().slice(0, 10)} ${clockAt(ms, offsetMinutes)}`
}

/** Today's local date in a class zone: "2020-06-02". */
export function todayAt(offsetMinutes: number, now = Date.now()): string {
  return new Date(now + offsetMinutes * 60_000).toISOString().slice(0, 10)
}

/** "2020-06-02T08:30" in the class zone → UTC ms. */
export function localToMs(local: string, offsetMinutes: number): number {
  return Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`) - offsetMinutes * 60_000
}
