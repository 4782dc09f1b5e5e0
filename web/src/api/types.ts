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
