// A class's trainee sign-in invites (modules/invites): issue in bulk, the A4 QR
// sheet, the badges with the QR on the back.
import { api, buildUrl } from './client'

export interface IssuedInvite {
  person_id: number
  name: string
  unit_name: string
  /** "/invite/<token>" */
  url: string
  /** the full link to send: public_base_url (or this page's address) + url */
  link: string
  expires_at: number
}

export const invitesApi = {
  /** Issues new invites (the trainees' earlier unused links die); all approved trainees when no ids. */
  issue: (classId: number, personIds?: number[]) =>
    api.post<{ items: IssuedInvite[] }>(`classes/${classId}/invites`, personIds ? { person_ids: personIds } : {}),
  /** POST {}: issues invites and returns the badges with each trainee's invite QR on the back. */
  badgesPdfUrl: (classId: number) => buildUrl(`/api/v1/classes/${classId}/badges-invites.pdf`),
}
