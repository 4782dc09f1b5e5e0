// Typed wrappers for attendance and leave on the staff side (docs/api.md "Attendance
// and leave"): a session's live status, the class summary for charts and completion
// risk, corrections, spot checks, reports, paper sheets, the kiosk and leave requests.
import { api, buildUrl } from './client'
import type { ImportOptions } from './endpoints'
import type {
  AttendanceSummary,
  CheckinCounts,
  CheckinDirection,
  CheckinResult,
  Correction,
  CorrectionInput,
  ImportReport,
  KioskScan,
  LeaveInput,
  LeaveRequest,
  LeaveStatus,
  SessionAttendance,
  SpotCheck,
  Venue,
  VenueInput,
} from './types'

export type {
  AttendanceRow,
  AttendanceStatus,
  AttendanceSummary,
  CheckinCounts,
  CheckinDirection,
  CheckinResult,
  Correction,
  CorrectionInput,
  GroupRate,
  KioskScan,
  LeaveInput,
  LeaveRequest,
  LeaveStatus,
  SessionAttendance,
  SessionRate,
  SpotCheck,
  TraineeSummary,
  UnitRate,
  Venue,
  VenueInput,
} from './types'

/** What the live stream pushes (event `counts`; `checkin` adds the trainee: LiveCheckin in ./checkin). */
export interface LiveEvent {
  session_id: number
  person_id?: number
  person_name?: string
  direction?: CheckinDirection
  at?: string
  counts: CheckinCounts
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
