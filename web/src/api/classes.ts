// Typed wrappers for training classes, their timetable, enrollment, groups and
// logistics (docs/api.md "Classes and timetable", "Enrollment, groups and logistics").
import { api, buildUrl } from './client'
import type {
  ClassGroup,
  ClassGroups,
  ClassInput,
  ClassRoom,
  ClassRules,
  ClassSession,
  ClassStatus,
  Enrollment,
  EnrollmentStatus,
  Lecturer,
  LecturerInput,
  Page,
  Quota,
  RoomInput,
  SessionInput,
  Site,
  SiteInput,
  TimetableConflict,
  TimetableProgramme,
  TraineeClassView,
  TraineeDiet,
  TrainingClass,
  Bus,
  DietCode,
  LodgingAssignment,
  LodgingRoom,
  MealPlan,
} from './types'

export interface ClassQuery {
  page: number
  page_size: number
  sort?: 'start_desc' | 'start' | 'name'
  q?: string
  status?: ClassStatus | ''
}

export type ClassPatch = Partial<Omit<ClassInput, 'rules'>> & { rules?: Record<string, unknown> }

const fileUrl = (path: string, query?: Record<string, string | number | undefined>) =>
  buildUrl(`/api/v1/${path}`, query)

export const classesApi = {
  list: (q: ClassQuery) => api.get<Page<TrainingClass>>('classes', { ...q }),
  get: (id: number) => api.get<TrainingClass>(`classes/${id}`),
  create: (c: ClassInput) => api.post<TrainingClass>('classes', c),
  update: (id: number, patch: ClassPatch) => api.patch<TrainingClass>(`classes/${id}`, patch),
  setStatus: (id: number, status: ClassStatus) => api.post<TrainingClass>(`classes/${id}/status`, { status }),
  copy: (id: number, name: string, startDate: string) =>
    api.post<TrainingClass>(`classes/${id}/copy`, { name, start_date: startDate }),
  setHeadTeachers: (id: number, userIds: number[]) =>
    api.put<TrainingClass>(`classes/${id}/head-teachers`, { user_ids: userIds }),
}

export type { ClassRules }

export interface SessionWrite extends ClassSession {
  conflicts: TimetableConflict[]
}

export const timetableApi = {
  sessions: (classId: number) => api.get<{ items: ClassSession[]; programme?: TimetableProgramme }>(`classes/${classId}/sessions`),
  createSession: (classId: number, s: SessionInput) => api.post<SessionWrite>(`classes/${classId}/sessions`, s),
  updateSession: (id: number, s: SessionInput) => api.patch<SessionWrite>(`sessions/${id}`, s),
  removeSession: (id: number) => api.del(`sessions/${id}`),
  conflicts: (classId: number) => api.get<{ items: TimetableConflict[] }>(`classes/${classId}/timetable/conflicts`),
  mySessions: () => api.get<{ items: ClassSession[] }>('me/sessions'),
  rooms: (classId: number) => api.get<{ items: ClassRoom[] }>(`classes/${classId}/rooms`),
  createRoom: (classId: number, r: RoomInput) => api.post<ClassRoom>(`classes/${classId}/rooms`, r),
  updateRoom: (id: number, r: Partial<RoomInput>) => api.patch<ClassRoom>(`rooms/${id}`, r),
  removeRoom: (id: number) => api.del(`rooms/${id}`),
  timetablePdfUrl: (classId: number) => fileUrl(`classes/${classId}/timetable.pdf`),
  timetableXlsxUrl: (classId: number) => fileUrl(`classes/${classId}/timetable.xlsx`),
  calendarUrl: (classId: number, personId?: number | null) =>
    fileUrl(`classes/${classId}/calendar.ics`, { person_id: personId ?? undefined }),
  signInSheetUrl: (sessionId: number) => fileUrl(`sessions/${sessionId}/sign-in-sheet.pdf`),
  seatingUrl: (sessionId: number) => fileUrl(`sessions/${sessionId}/seating.pdf`),
}

export const lecturersApi = {
  list: (q?: string) => api.get<{ items: Lecturer[] } | Page<Lecturer>>('lecturers', { q, page_size: 500 }),
  create: (l: LecturerInput) => api.post<Lecturer>('lecturers', l),
  update: (id: number, l: Partial<LecturerInput>) => api.patch<Lecturer>(`lecturers/${id}`, l),
  remove: (id: number) => api.del(`lecturers/${id}`),
}

export const sitesApi = {
  list: (kind?: string) => api.get<{ items: Site[] } | Page<Site>>('sites', { kind, page_size: 500 }),
  create: (s: SiteInput) => api.post<Site>('sites', s),
  update: (id: number, s: Partial<SiteInput>) => api.patch<Site>(`sites/${id}`, s),
  remove: (id: number) => api.del(`sites/${id}`),
}

export interface EnrollmentQuery {
  page: number
  page_size: number
  sort?: 'stroke' | 'created' | 'waitlist'
  status?: EnrollmentStatus | ''
  q?: string
  unit_id?: number | null
}

export const enrollmentApi = {
  quotas: (classId: number) => api.get<{ items: Quota[] }>(`classes/${classId}/quotas`),
  setQuotas: (classId: number, items: { unit_id: number; seats: number }[]) =>
    api.put<{ items: Quota[] }>(`classes/${classId}/quotas`, { items }),
  list: (classId: number, q: EnrollmentQuery) =>
    api.get<Page<Enrollment>>(`classes/${classId}/enrollments`, { ...q }),
  nominate: (classId: number, personId: number, waitlist = false) =>
    api.post<Enrollment>(`classes/${classId}/enrollments`, { person_id: personId, waitlist }),
  approve: (id: number, reason = '') => api.post<Enrollment>(`enrollments/${id}/approve`, { reason }),
  /** For a waitlisted trainee whose unit's quota is full: raise it to `seats`, then approve. */
  approveRaisingQuota: (id: number, seats: number, reason = '') =>
    api.post<Enrollment>(`enrollments/${id}/approve`, { reason, raise_quota_to: seats }),
  reject: (id: number, reason: string) => api.post<Enrollment>(`enrollments/${id}/reject`, { reason }),
  withdraw: (id: number, reason: string) => api.post<Enrollment>(`enrollments/${id}/withdraw`, { reason }),
  substitute: (id: number, personId: number, reason: string) =>
    api.post<Enrollment>(`enrollments/${id}/substitute`, { person_id: personId, reason }),
  rosterXlsxUrl: (classId: number) => fileUrl(`classes/${classId}/roster.xlsx`),
  rosterPdfUrl: (classId: number) => fileUrl(`classes/${classId}/roster.pdf`),
  badgesPdfUrl: (classId: number) => fileUrl(`classes/${classId}/badges.pdf`),
  /** POST {person_ids?}: issues new invites (earlier unused links die) and returns the A4 QR sheet. */
  invitesPdfUrl: (classId: number) => fileUrl(`classes/${classId}/invites.pdf`),
}

export const groupsApi = {
  list: (classId: number) => api.get<ClassGroups>(`classes/${classId}/groups`),
  generate: (classId: number, count: number, seed?: number | null) =>
    api.post<ClassGroups>(`classes/${classId}/groups`, seed == null ? { count } : { count, seed }),
  move: (groupId: number, personId: number) =>
    api.post<ClassGroups>(`groups/${groupId}/members`, { person_id: personId }),
  setLeader: (groupId: number, personId: number) =>
    api.put<ClassGroup>(`groups/${groupId}/leader`, { person_id: personId }),
  pdfUrl: (classId: number) => fileUrl(`classes/${classId}/groups.pdf`),
}

// ---- logistics (食宿): lodging, diets and meals, buses; a trainee's own view ----
export type RoommatePreference = 'same_unit' | 'mix_units'

export const logisticsApi = {
  rooms: (classId: number) => api.get<{ items: LodgingRoom[] }>(`classes/${classId}/lodging-rooms`),
  createRoom: (classId: number, r: { name: string; floor: number; beds: number }) =>
    api.post<LodgingRoom>(`classes/${classId}/lodging-rooms`, r),
  bulkRooms: (classId: number, spec: string) =>
    api.post<{ items: LodgingRoom[] }>(`classes/${classId}/lodging-rooms/bulk`, { spec }),
  updateRoom: (roomId: number, r: { name: string; floor: number; beds: number }) =>
    api.put<LodgingRoom>(`lodging-rooms/${roomId}`, r),
  removeRoom: (roomId: number) => api.del(`lodging-rooms/${roomId}`),
  autoAssign: (classId: number, preference: RoommatePreference) =>
    api.post<LodgingAssignment>(`classes/${classId}/lodging/assign`, { preference }),
  /** room_id null: out of any room */
  move: (classId: number, personId: number, roomId: number | null) =>
    api.post<{ items: LodgingRoom[] }>('room-assignments', { class_id: classId, person_id: personId, room_id: roomId }),
  lodgingPdfUrl: (classId: number) => fileUrl(`classes/${classId}/rooms.pdf`),
  lodgingXlsxUrl: (classId: number) => fileUrl(`classes/${classId}/rooms.xlsx`),
  diets: (classId: number) => api.get<{ items: TraineeDiet[] }>(`classes/${classId}/diets`),
  setDiet: (classId: number, personId: number, diet: DietCode) =>
    api.put<TraineeDiet>(`classes/${classId}/diets`, { person_id: personId, diet }),
  meals: (classId: number) => api.get<MealPlan>(`classes/${classId}/meals`),
  mealsPdfUrl: (classId: number) => fileUrl(`classes/${classId}/meals.pdf`),
  buses: (sessionId: number) => api.get<{ items: Bus[] }>(`sessions/${sessionId}/buses`),
  createBus: (sessionId: number, b: { name: string; seats: number }) => api.post<Bus>(`sessions/${sessionId}/buses`, b),
  removeBus: (busId: number) => api.del(`buses/${busId}`),
  assignBuses: (sessionId: number) => api.post<{ items: Bus[] }>(`sessions/${sessionId}/buses/assign`, {}),
}

export const meApi = {
  myClass: (classId: number) => api.get<TraineeClassView>(`me/class/${classId}`),
}
