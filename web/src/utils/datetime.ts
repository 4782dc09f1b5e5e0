/**
 * A moment as "2026-12-07 10:37:16" in Beijing time (UTC+8, where the classes
 * run), the same in both languages: no ISO "T"/"Z", no raw milliseconds.
 */
export function formatDateTime(at: Date | number | string): string {
  const d = at instanceof Date ? at : new Date(at)
  if (Number.isNaN(d.getTime())) return String(at)
  const b = new Date(d.getTime() + 8 * 3600 * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${b.getUTCFullYear()}-${p(b.getUTCMonth() + 1)}-${p(b.getUTCDate())} ${p(b.getUTCHours())}:${p(b.getUTCMinutes())}:${p(b.getUTCSeconds())}`
}
