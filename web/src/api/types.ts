// Shapes of the JSON the server speaks, from its OpenAPI document: the types are
// generated into ./generated/openapi.ts (scripts/gen-web-types.sh; the CTest
// openapi_web_types fails when they are stale) and named here. Only the lists
// the UI walks (ROLES, UNIT_KINDS, …) and helper shapes are written by hand.
import type { components, operations } from './generated/openapi'

type Schemas = components['schemas']
/** The JSON body an operation (operationId) takes. */
export type RequestBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } }
}
  ? B
  : never

export type User = Schemas['User']
export type Role = User['role']
export type ApiToken = Schemas['ApiToken']

export const ROLES: Role[] = [
  'admin',
  'organizer',
  'head_teacher',
  'liaison',
  'lecturer',
  'logistics',
  'trainee',
]

export interface SessionInfo {
  user: User
  csrf_token: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export type Unit = Schemas['Unit']
export type UnitKind = Unit['kind']

export const UNIT_KINDS: UnitKind[] = [
  'district',
  'street',
  'community',
  'enterprise',
  'social_org',
  'agency',
  'other',
]

export const PARTY_ORG_KINDS = ['党委', '党总支', '党支部'] as const

export type UnitInput = Omit<Unit, 'id' | 'depth' | 'path' | 'kind_label'>

export type Person = Schemas['Person']
export type Rank = Person['rank']
/** The person form's state: every field, unit_id null until one is picked (the server requires it). */
export type PersonInput = Omit<Required<RequestBody<'post_people'>>, 'unit_id'> & { unit_id: number | null }

export type ImportReport = Schemas['ImportReport']
export type ImportRowError = ImportReport['errors'][number]

export type AuditEntry = NonNullable<operations['get_audit']['responses']['200']['content']['application/json']['items']>[number]

export type AuditVerify =
  | { ok: true; entries: number }
  | { ok: false; first_bad_id: number; reason: string }

// ---- training classes (培训班) and their timetable ----

export type TrainingClass = Schemas['TrainingClass']
export type ClassStatus = TrainingClass['status']
export type ClassRules = Schemas['ClassRules']

export const CLASS_STATUSES: ClassStatus[] = ['planning', 'enrolling', 'running', 'finished', 'archived']

export type ClassInput = RequestBody<'post_classes'>

export type ClassSession = Schemas['ClassSession']
export type SessionKind = ClassSession['kind']

export const SESSION_KINDS: SessionKind[] = ['ceremony', 'lecture', 'onsite', 'discussion', 'exam', 'self_study']

/** 学时 of one trainee's programme and per day (parallel group sessions count once). */
export type TimetableProgramme = Schemas['TimetableProgramme']
export type ProgrammeHours = Omit<TimetableProgramme, 'by_day'>

export type SessionInput = RequestBody<'post_classes_id_sessions'>
export type TimetableConflict = Schemas['TimetableConflict']

export type Lecturer = Schemas['Lecturer']
export type LecturerInput = Omit<Lecturer, 'id'>

export type Site = Schemas['Site']
export type SiteKind = Site['kind']
export const SITE_KINDS: SiteKind[] = ['community', 'enterprise', 'social_org']
export type SiteInput = Omit<Site, 'id' | 'kind_label'>

export type ClassRoom = Schemas['ClassRoom']
export type RoomInput = RequestBody<'post_classes_id_rooms'>

// ---- enrollment (调训), groups, logistics ----

export type Enrollment = Schemas['Enrollment']
export type EnrollmentStatus = Enrollment['status']

export const ENROLLMENT_STATUSES: EnrollmentStatus[] = [
  'nominated',
  'approved',
  'waitlisted',
  'rejected',
  'withdrawn',
  'replaced',
]

export type Quota = Schemas['Quota']

export type ClassGroup = Schemas['ClassGroup']
export type GroupMember = ClassGroup['members'][number]
export type ClassGroups = Schemas['ClassGroups']
export type GroupingStats = NonNullable<ClassGroups['stats']>

// ---- logistics (食宿) ----

export type LodgingRoom = Schemas['LodgingRoom']
export type Occupant = LodgingRoom['occupants'][number]
export type LodgingAssignment = Schemas['LodgingAssignment']
export type UnplacedTrainee = LodgingAssignment['unplaced'][number]

export type TraineeDiet = Schemas['TraineeDiet']
export type DietCode = TraineeDiet['diet']

export type MealPlan = Schemas['MealPlan']
export type MealDay = MealPlan['days'][number]
export type MealCount = MealPlan['totals']

export type Bus = Schemas['Bus']
export type BusPassenger = Bus['passengers'][number]

/** GET /me/class/{id}: what a trainee sees of their own class. */
export type TraineeClassView = Schemas['TraineeClassView']
export type Visit = TraineeClassView['visits'][number]

// ---- attendance (考勤), check-in and leave ----

export type AttendanceStatus = Schemas['AttendanceStatus']
export type CheckinDirection = Schemas['CheckinDirection']
export type CheckinCounts = Schemas['CheckinCounts']
/** What a check-in or check-out means for the session's status (the rule the status uses). */
export type CheckinMeaning = Schemas['CheckinMeaning']
/** The answer to a check-in (phone) or a badge scan (kiosk). */
export type CheckinResult = Schemas['CheckinAnswer']
export type CheckinInput = Schemas['CheckinInput']
export type KioskScan = Schemas['KioskScan']
export type ProjectorQr = Schemas['ProjectorQr']
export type MissingUnit = Schemas['MissingUnit']

export type AttendanceRow = Schemas['AttendanceRow']
export type SessionAttendance = Schemas['SessionAttendance']
export type SessionRate = Schemas['SessionRate']
export type UnitRate = Schemas['UnitRate']
export type GroupRate = Schemas['GroupRate']
export type CompletionState = Schemas['CompletionState']
export type TraineeSummary = Schemas['TraineeSummary']
export type AttendanceSummary = Schemas['AttendanceSummary']
export type CorrectionInput = Schemas['CorrectionInput']
export type Correction = Schemas['Correction']
export type SpotCheck = Schemas['SpotCheck']
export type MySpotCheck = Schemas['MySpotCheck']
export type MyAttendanceRow = Schemas['MyAttendanceRow']
export type MyAttendance = Schemas['MyAttendance']

export type LeaveStatus = Schemas['LeaveStatus']
export type LeaveRequest = Schemas['LeaveRequest']
export type LeaveInput = Schemas['LeaveInput']
/** A class's venue (签到地点): geofence and network ranges; check-ins away from it are flagged, never refused. */
export type Venue = Schemas['Venue']
/** PUT replaces the whole setting: lat, lng and radius_m together or all null. */
export type VenueInput = Schemas['VenueInput']
