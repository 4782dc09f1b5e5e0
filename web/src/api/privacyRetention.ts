// The PIPL retention period (admin): GET/PUT /settings/privacy-retention and the
// preview of who `peixun privacy retention --apply` would erase now.
import { api } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']
export type PrivacyRetention = Schemas['PrivacyRetention']
export type RetentionPreview = Schemas['PrivacyRetentionPreview']

export const privacyRetentionApi = {
  get: () => api.get<PrivacyRetention>('settings/privacy-retention'),
  set: (years: number) => api.put<PrivacyRetention>('settings/privacy-retention', { years }),
  preview: (years: number) => api.get<RetentionPreview>('settings/privacy-retention/preview', { years }),
}
