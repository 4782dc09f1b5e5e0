// Shapes of the JSON the server speaks (docs/api.md).

export type Role =
  | 'admin'
  | 'organizer'
  | 'head_teacher'
  | 'liaison'
  | 'lecturer'
  | 'logistics'
  | 'trainee'

export const ROLES: Role[] = [
  'admin',
  'organizer',
  'head_teacher',
  'liaison',
  'lecturer',
  'logistics',
  'trainee',
]

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  role_label?: string
  unit_id: number | null
  person_id: number | null
  active?: boolean
}

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

export type UnitKind =
  | 'district'
  | 'street'
  | 'community'
  | 'enterprise'
  | 'social_org'
  | 'agency'
  | 'other'

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

export interface Unit {
  id: number
  name: string
  parent_id: number | null
  kind: UnitKind
  kind_label: string
  party_org_name: string
  party_org_kind: string
  secretary: string
  contact_name: string
  contact_phone: string
  depth: number
  path: string
}

export type UnitInput = Omit<Unit, 'id' | 'depth' | 'path' | 'kind_label'>

export type Rank = 'township' | 'county' | ''

export interface Person {
  id: number
  name: string
  gender: '男' | '女' | ''
  ethnicity: string
  birth_date: string
  phone: string
  id_number_masked: string
  unit_id: number | null
  unit_name: string
  position: string
  rank: Rank
  rank_label: string
  party_join_date: string
  tags: string[]
  pinyin_initials: string
}

export interface PersonInput {
  name: string
  gender: string
  ethnicity: string
  birth_date: string
  phone: string
  id_number: string
  unit_id: number | null
  position: string
  rank: Rank
  party_join_date: string
  tags: string[]
}

export interface ImportRowError {
  row: number
  column: string
  code: string
  message: string
  field?: string
}

export interface ImportReport {
  total_rows: number
  imported: number
  rejected?: number
  committed: boolean
  dry_run: boolean
  errors: ImportRowError[]
  /** errors found beyond those listed in `errors` (the server lists the first 1,000) */
  errors_omitted?: number
  /** every error found, by code */
  error_counts?: Record<string, number>
  warnings: string[]
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: number | string | null
  before: unknown
  after: unknown
}

export type AuditVerify =
  | { ok: true; entries: number }
  | { ok: false; first_bad_id: number; reason: string }

// ---- training classes (培训班) and their timetable ----

export type ClassStatus = 'planning' | 'enrolling' | 'running' | 'finished' | 'archived'

export const CLASS_STATUSES: ClassStatus[] = ['planning', 'enrolling', 'running', 'finished', 'archived']

/** The class's figures; every key optional (missing: DESIGN.md's default). */
export interface ClassRules {
  checkin_before_minutes?: number
  checkin_after_minutes?: number
  checkout_before_minutes?: number
  checkout_after_minutes?: number
  late_grace_minutes?: number
  early_grace_minutes?: number
  leave_share_numerator?: number
  leave_share_denominator?: number
  absence_limit?: number
  discipline_limit?: number
  exam_pass_mark?: number
  reflection_required?: boolean
  minutes_per_credit_hour?: number
  credit_rounding?: 'half' | 'none'
  credit_tenths_per_half_day?: number | null
  qr_period_seconds?: number
}

export interface TrainingClass {
  id: number
  name: string
  organizer_unit_id: number | null
  organizer_name: string
  host_venue: string
  start_date: string
  end_date: string
  days: number
  time_zone: string
  utc_offset_minutes: number
  capacity: number
  target_trainees: string
  description: string
  status: ClassStatus
  status_label: string
  next_statuses: ClassStatus[]
  rules: ClassRules
  copied_from: number | null
  head_teacher_ids: number[]
  created_at: number
  updated_at: number
  /** not in every server version: shown when present */
  enrolled_count?: number
  approved_count?: number
}

export interface ClassInput {
  name: string
  organizer_unit_id?: number | null
  organizer_name: string
  host_venue: string
  start_date: string
  end_date: string
  time_zone?: string
  capacity: number
  target_trainees?: string
  description?: string
  rules?: ClassRules
}

export type SessionKind = 'ceremony' | 'lecture' | 'onsite' | 'discussion' | 'exam' | 'self_study'

export const SESSION_KINDS: SessionKind[] = ['ceremony', 'lecture', 'onsite', 'discussion', 'exam', 'self_study']

/** 学时 of one trainee's programme: whole-class sessions plus their group's (parallel group sessions count once). */
export interface ProgrammeHours {
  min_hours: number
  /** equal to min_hours unless groups' programmes differ */
  max_hours: number
  by_group: { group_id: number; hours: number }[]
}

export interface TimetableProgramme extends ProgrammeHours {
  /** per day in the class's zone, in date order */
  by_day: (ProgrammeHours & { date: string })[]
}

export interface ClassSession {
  id: number
  class_id: number
  kind: SessionKind
  kind_label: string
  title: string
  /** local time of the class's zone, 2020-06-02T08:30 */
  start: string
  end: string
  start_ms: number
  end_ms: number
  room_id: number | null
  room_name: string
  site_ids: number[]
  sites: { id: number; name: string }[]
  lecturer_id: number | null
  lecturer_name: string
  lecturer_title: string
  hours: number
  hours_explicit: boolean
  group_ids: number[]
  requires_checkout: boolean
  description: string
  created_at?: number
  updated_at?: number
}

export interface SessionInput {
  kind?: SessionKind
  title?: string
  start?: string
  end?: string
  room_id?: number | null
  site_ids?: number[]
  lecturer_id?: number | null
  hours?: number | string | null
  group_ids?: number[]
  requires_checkout?: boolean
  description?: string
  accept_conflicts?: boolean
}

export interface TimetableConflict {
  code: string
  session_ids: number[]
  resource_id: number | null
  message: string
}

export interface Lecturer {
  id: number
  name: string
  title: string
  organization: string
  topics: string
  phone: string
  user_id: number | null
}

export type LecturerInput = Omit<Lecturer, 'id'>

export type SiteKind = 'community' | 'enterprise' | 'social_org'
export const SITE_KINDS: SiteKind[] = ['community', 'enterprise', 'social_org']

export interface Site {
  id: number
  name: string
  kind: SiteKind
  kind_label: string
  unit_id: number | null
  address: string
  contact_name: string
  contact_phone: string
  capacity: number
  description: string
}

export type SiteInput = Omit<Site, 'id' | 'kind_label'>

export interface ClassRoom {
  id: number
  class_id: number
  name: string
  capacity: number
  seat_rows: number | null
  seats_per_row: number | null
}

export interface RoomInput {
  name: string
  capacity?: number | null
  seat_rows?: number | null
  seats_per_row?: number | null
}

// ---- enrollment (调训), groups, logistics ----

export type EnrollmentStatus = 'nominated' | 'approved' | 'rejected' | 'waitlisted' | 'withdrawn' | 'replaced'

export const ENROLLMENT_STATUSES: EnrollmentStatus[] = [
  'nominated',
  'approved',
  'waitlisted',
  'rejected',
  'withdrawn',
  'replaced',
]

export interface Enrollment {
  id: number
  class_id: number
  person_id: number
  person_name: string
  gender: string
  unit_id: number | null
  unit_name: string
  position: string
  quota_unit_id: number
  quota_unit_name: string
  status: EnrollmentStatus
  status_label: string
  nominated_by: number | null
  decided_by: number | null
  decision_reason: string
  replaces_id: number | null
  replaced_by_id: number | null
  substitution_reason: string
  waitlist_position: number | null
  created_at: number
  updated_at: number
}

export interface Quota {
  unit_id: number
  unit_name: string
  seats: number
  used: number
  approved: number
  waitlisted: number
}

export interface GroupMember {
  person_id: number
  name: string
  gender: string
  unit_id: number | null
  unit_name: string
  position: string
}

export interface ClassGroup {
  id: number
  class_id: number
  number: number
  name: string
  leader_person_id: number | null
  leader_name: string
  size?: number
  members: GroupMember[]
}

export interface GroupingStats {
  min_size: number
  max_size: number
  max_same_unit: number
  gender_imbalance: number
  max_same_position: number
  groups_led_by_candidate: number
}

export interface ClassGroups {
  class_id: number
  groups: ClassGroup[]
  unassigned: GroupMember[]
  stats?: GroupingStats
}

// ---- logistics (食宿) ----

export interface Occupant {
  person_id: number
  name: string
  gender: string
  unit_name: string
}

export interface LodgingRoom {
  id: number
  class_id: number
  name: string
  floor: number
  beds: number
  free_beds?: number
  gender: string
  occupants: Occupant[]
}

export interface UnplacedTrainee {
  person_id: number
  code: string
  message: string
  message_en?: string
}

export interface LodgingAssignment {
  rooms: LodgingRoom[]
  unplaced: UnplacedTrainee[]
  stats?: { rooms_used: number; beds_used: number; mixed_floors: number; colleague_pairs: number }
}

export type DietCode = '' | 'halal' | 'vegetarian'

export interface TraineeDiet {
  person_id: number
  name: string
  unit_name: string
  diet: DietCode
  diet_label?: string
}

export interface MealCount {
  meal: 'breakfast' | 'lunch' | 'dinner'
  label?: string
  at?: number
  total: number
  regular: number
  halal: number
  vegetarian: number
  on_leave: number
}

export interface MealDay {
  date: string
  meals: MealCount[]
}

export interface MealPlan {
  class_id: number
  days: MealDay[]
  trainees: number
  totals: MealCount
}

export interface BusPassenger {
  person_id: number
  name: string
  unit_name: string
  group_number: number
  site_id: number | null
  site_name: string
}

export interface Bus {
  id: number
  class_id: number
  session_id: number
  name: string
  seats: number
  occupied?: number
  passengers: BusPassenger[]
}

export interface Visit {
  session_id: number
  title: string
  start: string
  end: string
  site_id: number | null
  site_name: string
  bus_id: number | null
  bus_name: string
}

/** GET /me/class/{id}: what a trainee sees of their own class. */
export interface TraineeClassView {
  class_id: number
  class_name: string
  group: {
    id: number
    number: number
    name: string
    leader_name: string
    is_leader: boolean
    members: { name: string; unit_name: string }[]
  } | null
  room: { id: number; name: string; floor: number; roommates: { name: string; unit_name: string }[] } | null
  diet: DietCode
  diet_label?: string
  visits: Visit[]
}
