// 我的证书 (GET /api/v1/me/certificates, the trainee's own) and the bulk import of
// outside hours (POST /api/v1/records/outside-hours/import, its template, the
// pending entries to approve).
import { api, buildUrl } from './client'
import type { Certificate } from './certificates'
import type { OutsideHours } from './records'
import type { ImportOptions } from './endpoints'
import type { ImportReport } from './types'

export const myCertificatesApi = {
  list: () => api.get<Certificate[]>('/api/v1/me/certificates'),
}

export const outsideImportApi = {
  templateUrl: (format: 'xlsx' | 'csv') =>
    buildUrl('/api/v1/records/outside-hours/import-template', { format }),
  upload: (file: File, o: ImportOptions, approve: boolean) =>
    api.upload<ImportReport>('/api/v1/records/outside-hours/import', file, {
      filename: file.name,
      dry_run: o.dryRun ? 1 : undefined,
      skip_bad_rows: o.skipBadRows ? 1 : undefined,
      approve: approve ? 1 : undefined,
    }),
  pending: () => api.get<{ items: OutsideHours[] }>('/api/v1/records/outside-hours/pending'),
}
