// Typed wrappers for the training record (培训档案), outside hours and the hours
// ledger (学时台账): GET /api/v1/people/{id}/record, /me/record, /ledger,
// /ledger/district and their files.
import { api, buildUrl } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']
export type PersonRecord = Schemas['PersonRecord']
export type RecordClass = Schemas['RecordClass']
export type OutsideHours = Schemas['OutsideHours']
export type HoursYearVerdict = Schemas['HoursYearVerdict']
export type UnitLedger = Schemas['UnitLedger']
export type LedgerLine = Schemas['LedgerLine']
export type DistrictLedger = Schemas['DistrictLedger']
export type UnitCompliance = Schemas['UnitCompliance']

export interface OutsideInput {
  kind: 'class' | 'online'
  title: string
  provider: string
  start_date: string
  end_date: string
  hours?: string
  days?: number
  proof_name: string
  proof_base64: string
}

export const recordsApi = {
  record: (personId: number) => api.get<PersonRecord>(`/api/v1/people/${personId}/record`),
  mine: () => api.get<PersonRecord>('/api/v1/me/record'),
  addOutside: (personId: number, input: OutsideInput) =>
    api.post<OutsideHours>(`/api/v1/people/${personId}/outside-hours`, input),
  approve: (id: number) => api.post<OutsideHours>(`/api/v1/records/outside-hours/${id}/approve`, {}),
  reject: (id: number, reason: string) =>
    api.post<OutsideHours>(`/api/v1/records/outside-hours/${id}/reject`, { reason }),
  proofUrl: (id: number) => buildUrl(`/api/v1/records/outside-hours/${id}/proof`),
  ledger: (year: number, unitId?: number) =>
    api.get<UnitLedger>('/api/v1/ledger', { year, unit_id: unitId }),
  district: (year: number) => api.get<DistrictLedger>('/api/v1/ledger/district', { year }),
  ledgerFile: (ext: 'xlsx' | 'pdf', year: number, unitId?: number) =>
    buildUrl(`/api/v1/ledger.${ext}`, { year, unit_id: unitId }),
  districtXlsx: (year: number) => buildUrl('/api/v1/ledger/district.xlsx', { year }),
  exportXlsx: (year: number, fullIds: boolean) =>
    buildUrl('/api/v1/ledger/export.xlsx', { year, full_ids: fullIds ? 'true' : undefined }),
}

/** The file's bytes as base64 (for JSON bodies). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const text = String(reader.result ?? '')
      resolve(text.slice(text.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}
