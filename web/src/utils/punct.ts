import { t } from '@/i18n'

/** Names joined as the UI language lists them: 甲、乙 / A, B. */
export function joinList(items: string[]): string {
  return items.join(t('common.listSep'))
}

/** An aside in brackets: （x） in Chinese, " (x)" in English. */
export function paren(x: string | number): string {
  return t('common.paren', { x: String(x) })
}

/** The separator between a label and its value: ： / ": ". */
export function colon(): string {
  return t('common.colon')
}
