// Typed wrappers for completion (结业), 优秀学员, certificates (结业证书), their
// templates, the public verification and the installation's public address. The
// shapes come from the generated OpenAPI types (./generated/openapi.ts).
import { api, buildUrl } from './client'
import type { operations } from './generated/openapi'

type JsonOf<Op extends keyof operations, Code extends number = 200> = operations[Op] extends {
  responses: { [K in Code]: { content: { 'application/json': infer B } } }
}
  ? B
  : never

export type ClassCompletion = JsonOf<'get_classes_id_completion'>
export type TraineeCompletion = ClassCompletion['trainees'][number]
export type CompletionState = TraineeCompletion['state']
export type CompletionDecision = NonNullable<TraineeCompletion['decision']>
export type Outcome = 'completed' | 'not_completed' | 'dismissed'
export type Certificate = JsonOf<'get_classes_id_certificates'>[number]
export type CertificateStatus = Certificate['status']
export type CertificateTemplate = JsonOf<'get_classes_id_certificate_template'>
export type CertificateJob = JsonOf<'get_certificate_jobs_id'>
export type Verification = JsonOf<'get_verify_serial'>
export type PublicBaseUrl = JsonOf<'get_settings_public_base_url'>

export interface TemplateInput {
  title: string
  body: string
  /** base64 PNG; '' for none */
  seal_png: string
  background_png: string
}

const cls = (id: number, rest = '') => `classes/${id}${rest}`
const enc = encodeURIComponent

export const completionApi = {
  status: (classId: number) => api.get<ClassCompletion>(cls(classId, '/completion')),
  decide: (classId: number) => api.post<ClassCompletion>(cls(classId, '/completion/decision'), {}),
  override: (classId: number, personId: number, outcome: Outcome, reason: string) =>
    api.put<CompletionDecision>(cls(classId, `/completion/decision/${personId}`), { outcome, reason }),
  setSettings: (classId: number, s: { evaluations_required: boolean; excellent_percent: number }) =>
    api.put<{ evaluations_required: boolean; excellent_percent: number }>(cls(classId, '/completion/settings'), s),
  nominate: (classId: number, personId: number, reason = '') =>
    api.post<{ person_id: number; excellent: string }>(cls(classId, '/excellent'), { person_id: personId, reason }),
  approve: (classId: number, personId: number) =>
    api.post<{ person_id: number; excellent: string }>(cls(classId, `/excellent/${personId}/approve`), {}),
}

export const certificatesApi = {
  list: (classId: number) => api.get<Certificate[]>(cls(classId, '/certificates')),
  issue: (classId: number, personId: number) =>
    api.post<Certificate>(cls(classId, '/certificates'), { person_id: personId }),
  startBatch: (classId: number) => api.post<CertificateJob>(cls(classId, '/certificates/batch'), {}),
  job: (jobId: number) => api.get<CertificateJob>(`certificate-jobs/${jobId}`),
  reissue: (serial: string, reason: string) => api.post<Certificate>(`certificates/${enc(serial)}/reissue`, { reason }),
  revoke: (serial: string, reason: string) => api.post<Certificate>(`certificates/${enc(serial)}/revoke`, { reason }),
  pdfUrl: (serial: string) => buildUrl(`/api/v1/certificates/${enc(serial)}/pdf`),
  badgeUrl: (serial: string) => buildUrl(`/api/v1/certificates/${enc(serial)}/badge`),
  classPdfUrl: (classId: number) => buildUrl(`/api/v1/classes/${classId}/certificates.pdf`),
  classZipUrl: (classId: number) => buildUrl(`/api/v1/classes/${classId}/certificates.zip`),
  template: (classId: number) => api.get<CertificateTemplate>(cls(classId, '/certificate-template')),
  saveTemplate: (classId: number, t: TemplateInput) => api.put<CertificateTemplate>(cls(classId, '/certificate-template'), t),
  previewUrl: (classId: number) => buildUrl(`/api/v1/classes/${classId}/certificate-template/preview`),
}

export const verifyApi = {
  get: (serial: string) => api.get<Verification>(`verify/${enc(serial)}`, undefined, { allow401: true }),
  checkPdf: (serial: string, file: Blob) =>
    api.upload<{ serial: string; matches: boolean }>(`verify/${enc(serial)}/pdf`, file),
}

export const settingsApi = {
  publicBaseUrl: () => api.get<PublicBaseUrl>('settings/public-base-url'),
  setPublicBaseUrl: (url: string) => api.put<PublicBaseUrl>('settings/public-base-url', { public_base_url: url }),
}
