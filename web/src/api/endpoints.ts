// Typed wrappers around the v1 endpoints the pages use.
import { api, buildUrl } from './client'
import type {
  AuditEntry,
  AuditVerify,
  ImportReport,
  Page,
  Person,
  PersonInput,
  SessionInfo,
  Unit,
  UnitInput,
  User,
} from './types'

export const authApi = {
  login: (username: string, password: string) =>
    api.post<SessionInfo>('auth/login', { username, password }, { allow401: true }),
  logout: () => api.post<void>('auth/logout'),
  me: () => api.get<SessionInfo>('auth/me', undefined, { allow401: true }),
  acceptInvite: (token: string) =>
    api.post<SessionInfo>(`auth/invite/${encodeURIComponent(token)}`, undefined, { allow401: true }),
}

export interface ImportOptions {
  dryRun: boolean
  skipBadRows: boolean
}

function importQuery(filename: string, o: ImportOptions) {
  return { filename, dry_run: o.dryRun ? 1 : undefined, skip_bad_rows: o.skipBadRows ? 1 : undefined }
}

/** Download formats of the export menus, and the encodings a CSV download may use. */
export type ExportFormat = 'xlsx' | 'csv'
export type CsvEncoding = 'utf-8' | 'gb18030'

export const orgsApi = {
  list: () => api.get<{ items: Unit[] }>('orgs'),
  get: (id: number) => api.get<Unit>(`orgs/${id}`),
  create: (u: UnitInput) => api.post<Unit>('orgs', u),
  update: (id: number, u: Partial<UnitInput>) => api.patch<Unit>(`orgs/${id}`, u),
  move: (id: number, parentId: number | null) => api.post<Unit>(`orgs/${id}/move`, { parent_id: parentId }),
  remove: (id: number) => api.del(`orgs/${id}`),
  import: (file: File, o: ImportOptions) =>
    api.upload<ImportReport>('orgs/import', file, importQuery(file.name, o)),
  exportUrl: (format: ExportFormat, encoding?: CsvEncoding) =>
    buildUrl('/api/v1/orgs/export', { format, encoding }),
}

export interface PeopleQuery {
  page: number
  page_size: number
  sort: 'stroke' | 'pinyin'
  q?: string
  unit_id?: number | null
}

export const peopleApi = {
  list: (q: PeopleQuery) => api.get<Page<Person>>('people', { ...q }),
  get: (id: number) => api.get<Person>(`people/${id}`),
  create: (p: PersonInput) => api.post<Person>('people', p),
  update: (id: number, p: PersonInput) => api.put<Person>(`people/${id}`, p),
  remove: (id: number) => api.del(`people/${id}`),
  idNumber: (id: number) => api.get<{ id_number: string }>(`people/${id}/id-number`),
  import: (file: File, o: ImportOptions) =>
    api.upload<ImportReport>('people/import', file, importQuery(file.name, o)),
  exportUrl: (format: ExportFormat, sort: 'stroke' | 'pinyin', encoding?: CsvEncoding) =>
    buildUrl('/api/v1/people/export', { format, sort, encoding }),
}

export interface UserInput {
  username: string
  display_name: string
  role: string
  unit_id?: number | null
  person_id?: number | null
}

export const usersApi = {
  // Accepts either a page or a bare array, so the page works with both shapes.
  list: async (page: number, pageSize: number): Promise<Page<User>> => {
    const data = await api.get<Page<User> | User[]>('users', { page, page_size: pageSize })
    if (Array.isArray(data)) return { items: data, total: data.length, page: 1, page_size: data.length }
    return data
  },
  create: (u: UserInput) => api.post<{ user: User; password: string }>('users', u),
  update: (id: number, patch: Partial<UserInput> & { active?: boolean }) => api.patch<User>(`users/${id}`, patch),
  resetPassword: (id: number) => api.post<{ password: string }>(`users/${id}/reset-password`),
}

export const auditApi = {
  list: (page: number, pageSize: number) => api.get<Page<AuditEntry>>('audit', { page, page_size: pageSize }),
  verify: () => api.get<AuditVerify>('audit/verify'),
}
