import { t } from '@/i18n'

/**
 * The UI text of a gender as the server stores it (男 / 女, the national ID's
 * own terms): the locale's word, so the English UI says Male / Female.
 */
export function genderText(g: string | null | undefined): string {
  if (g === '男') return t('people.gender.male')
  if (g === '女') return t('people.gender.female')
  return g ?? ''
}
