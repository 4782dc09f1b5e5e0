// Small pure helpers the assessment pages share: answer keys in words, points in
// hundredths, durations and clock times, and the preview's example shuffle.
import type { Question } from '@/api/assessment'

type T = (key: string, values?: Record<string, unknown>) => string

export const letter = (i: number) => String.fromCharCode(65 + i)

/** The key of a question as the bank lists it: "B", "A、C", "对", "三会一课 / 三会 一课", the rubric. */
export function answerText(q: Pick<Question, 'kind' | 'correct' | 'accepted' | 'rubric'>, t: T): string {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return q.correct.map(letter).join(t('common.listSep'))
    case 'true_false':
      return q.correct[0] === 1 ? t('assessment.trueFalse.t') : t('assessment.trueFalse.f')
    case 'fill_in':
      return q.accepted.join(' / ')
    default:
      return q.rubric
  }
}

/** 1250 → "12.5", 1200 → "12". */
export function points(centi: number | null | undefined): string {
  if (centi === null || centi === undefined) return ''
  return Number.isInteger(centi / 100) ? String(centi / 100) : (centi / 100).toFixed(2).replace(/0$/, '')
}

/** 754000 → "12:34", 3754000 → "1:02:34". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const mm = String(m).padStart(h ? 2 : 1, '0')
  const ss = String(sec).padStart(2, '0')
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

/** A clock time in the browser's zone, 24 h: "09:05:12". */
export function clock(ms: number | null | undefined): string {
  if (!ms) return ''
  const d = new Date(ms)
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
}

/** A date and time in the browser's zone: "12-07 09:05". */
export function dayTime(ms: number | null | undefined): string {
  if (!ms) return ''
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** 0.734 → "73.4%". */
export const percent = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '' : `${(x * 100).toFixed(digits)}%`

/** A number to `digits` places, or the "undefined" word. */
export const fixed = (x: number | null | undefined, t: T, digits = 3) =>
  x === null || x === undefined ? t('assessment.stats.undefined') : x.toFixed(digits)

/** A seeded shuffle (mulberry32): the preview shows one stable example order. */
export function shuffled<X>(items: X[], seed: number): X[] {
  let a = seed >>> 0
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}
