// The audit log in words: labels of action codes, object kinds and field names in
// the UI language (i18n/audit-labels.*.ts), and the before/after rows of a change.
import { auditLabelsZh, type AuditLabels } from '@/i18n/audit-labels.zh-CN'
import { auditLabelsEn } from '@/i18n/audit-labels.en'
import { formatDateTime } from '@/utils/datetime'

function labels(locale: string): AuditLabels {
  return locale.startsWith('en') ? auditLabelsEn : auditLabelsZh
}

/** "登录" for auth.login; a code no label knows shows as "其他操作 (code)". */
export function auditActionLabel(code: string, locale: string): string {
  const l = labels(locale)
  return l.actions[code] ?? `${l.unknown} (${code})`
}

export function auditEntityLabel(entity: string, locale: string): string {
  return labels(locale).entities[entity] ?? entity
}

export function auditFieldLabel(field: string, locale: string): string {
  return labels(locale).fields[field] ?? field
}

export interface ChangeRow {
  field: string // the key, or '' when the whole value changed
  before: string
  after: string
  /** `field` is a name from the data (an element of a list), not a key to label */
  literal?: boolean
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A value as one line: objects as "key: value" pairs, lists one item per line. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(showValue).join('\n')
  if (isRecord(v)) {
    return Object.entries(v)
      .filter(([, x]) => x !== null && x !== '' && x !== undefined)
      .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
      .join(', ')
  }
  return String(v)
}

// Server-made labels beside a code ("status" and "status_label"): the label is
// shown in the code's row, in words.
const LABEL_SUFFIX = '_label'

/** A value of field `key`: moments (…_at, milliseconds) as 2026-12-07 10:37:16. */
function showField(key: string, v: unknown): string {
  if (/_at$/.test(key) && typeof v === 'number' && v > 1e11) return formatDateTime(v)
  return showValue(v)
}

// What names an element of a list of objects (a unit's quota: its unit).
function elementKey(v: unknown, i: number): string {
  if (!isRecord(v)) return `#${i + 1}`
  for (const k of ['unit_id', 'person_id', 'id']) if (v[k] !== undefined && v[k] !== null) return `${k}:${String(v[k])}`
  return `#${i + 1}`
}
function elementName(v: unknown, fallback: string): string {
  if (!isRecord(v)) return fallback
  for (const k of ['unit_name', 'person_name', 'name', 'title']) if (typeof v[k] === 'string' && v[k]) return v[k] as string
  return fallback
}

/** Only the sub-fields of two objects that differ, as "key: value" pairs. */
function differing(a: Record<string, unknown>, b: Record<string, unknown>): [string, string] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null),
  )
  const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]))
  return [showValue(pick(a)), showValue(pick(b))]
}

/** Lists of objects (a class's quotas): one row per element that changed. */
function listRows(before: unknown[], after: unknown[]): ChangeRow[] {
  const b = new Map(before.map((v, i) => [elementKey(v, i), v]))
  const a = new Map(after.map((v, i) => [elementKey(v, i), v]))
  const rows: ChangeRow[] = []
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(key)
    const y = a.get(key)
    if (JSON.stringify(x ?? null) === JSON.stringify(y ?? null)) continue
    const name = elementName(y ?? x, key)
    if (isRecord(x) && isRecord(y)) {
      const [bx, ay] = differing(x, y)
      rows.push({ field: name, before: bx, after: ay, literal: true })
    } else {
      rows.push({ field: name, before: showValue(x), after: showValue(y), literal: true })
    }
  }
  return rows
}

/**
 * The fields that differ between `before` and `after` (either may be null: created or
 * deleted), one row each in the order they first appear; a field with a server-made
 * label (status + status_label) shows the label; lists of objects show one row per
 * changed element; anything else is one row with an empty field.
 */
export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  const empty = (v: unknown) => v === null || v === undefined || v === ''
  if (empty(before) && empty(after)) return []
  if (Array.isArray(before) || Array.isArray(after)) {
    return listRows(Array.isArray(before) ? before : [], Array.isArray(after) ? after : [])
  }
  const b = empty(before) ? {} : before
  const a = empty(after) ? {} : after
  if (!isRecord(b) || !isRecord(a)) return [{ field: '', before: showValue(before), after: showValue(after) }]
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys
    .filter((k) => !k.endsWith(LABEL_SUFFIX) || !keys.includes(k.slice(0, -LABEL_SUFFIX.length)))
    .filter((k) => k !== 'updated_at')
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => {
      const label = k + LABEL_SUFFIX
      if (label in a || label in b) return { field: k, before: showValue(b[label]), after: showValue(a[label]) }
      return { field: k, before: showField(k, b[k]), after: showField(k, a[k]) }
    })
}
