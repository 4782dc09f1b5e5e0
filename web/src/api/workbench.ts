// Typed wrappers for each role's start page (工作台; docs/api.md "Start pages"):
// read-only figures the server composes per role.
import { api } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']
export type HeadTeacherWorkbench = Schemas['HeadTeacherWorkbench']
export type WorkbenchTodaySession = Schemas['WorkbenchTodaySession']
export type OrganizerWorkbench = Schemas['OrganizerWorkbench']
export type WorkbenchQuota = Schemas['WorkbenchQuota']
export type LiaisonWorkbench = Schemas['LiaisonWorkbench']
export type AdminWorkbench = Schemas['AdminWorkbench']

export const workbenchApi = {
  headTeacher: () => api.get<HeadTeacherWorkbench>('workbench/head-teacher'),
  organizer: () => api.get<OrganizerWorkbench>('workbench/organizer'),
  liaison: () => api.get<LiaisonWorkbench>('workbench/liaison'),
  admin: () => api.get<AdminWorkbench>('workbench/admin'),
}
