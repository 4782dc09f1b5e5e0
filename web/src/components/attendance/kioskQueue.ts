// The kiosk's offline queue (签到机离线暂存): scans the server could not take (no
// network, or a 502/503/504 from a proxy while the server restarts) wait in
// localStorage with their own device time and idempotency key, and are sent again
// in order. A 4xx answer takes a scan out of the queue as an error (shown, never
// silently dropped); a 401 or 429 keeps it (a new login or a pause fixes those).
import { ApiError } from '@/api/client'
import { attendanceApi, type CheckinResult, type CheckinDirection, type KioskScan } from '@/api/attendance'

export const QUEUE_KEY = 'peixun.kiosk.queue.v1'

export interface QueuedScan {
  session_id: number
  badge_token: string
  direction: CheckinDirection
  idempotency_key: string
  device_time_ms: number
  tries: number
  last_error?: string
}

/** A v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newKey(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  const b = new Uint8Array(16)
  c.getRandomValues(b)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** The badge token in what a scanner typed: the raw "<person>.<mac>" or a URL/path with /k/<class>/<token>. */
export function badgeTokenOf(text: string): string {
  const s = text.trim()
  const m = /\/k\/\d+\/([^/?#\s]+)/.exec(s)
  if (m) {
    try {
      return decodeURIComponent(m[1])
    } catch {
      return m[1]
    }
  }
  return s
}

/** true when the scan should wait in the queue rather than count as refused. */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true
  return e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504 || e.status === 401 || e.status === 429 || e.status >= 500
}

export function loadQueue(): QueuedScan[] {
  try {
    const raw = localStorage.getItem(QUEUE_KEY)
    const list = raw ? JSON.parse(raw) : []
    return Array.isArray(list) ? list : []
  } catch {
    return []
  }
}

export function saveQueue(list: QueuedScan[]): void {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(list))
}

export type SyncOutcome =
  | { kind: 'sent'; scan: QueuedScan; result: CheckinResult }
  | { kind: 'refused'; scan: QueuedScan; error: ApiError }

/**
 * Sends the queue from its head, one scan at a time, until it is empty or a scan
 * must wait (network still down). Each outcome is reported as it happens and the
 * stored queue is rewritten after every step, so a reload mid-way loses nothing and
 * sends nothing twice (the idempotency key makes a resend harmless anyway).
 */
export async function drainQueue(report: (o: SyncOutcome) => void, onChange: (q: QueuedScan[]) => void): Promise<boolean> {
  for (;;) {
    const queue = loadQueue()
    const head = queue[0]
    if (!head) return true
    const body: KioskScan = {
      session_id: head.session_id,
      badge_token: head.badge_token,
      direction: head.direction,
      idempotency_key: head.idempotency_key,
      device_time_ms: head.device_time_ms,
      offline: true,
    }
    try {
      const result = await attendanceApi.scan(body)
      removeHead(head.idempotency_key, onChange)
      report({ kind: 'sent', scan: head, result })
    } catch (e) {
      if (isRetryable(e)) {
        const q = loadQueue()
        if (q[0]?.idempotency_key === head.idempotency_key) {
          q[0] = { ...q[0], tries: (q[0].tries || 0) + 1, last_error: e instanceof Error ? e.message : String(e) }
          saveQueue(q)
          onChange(q)
        }
        return false
      }
      removeHead(head.idempotency_key, onChange)
      report({ kind: 'refused', scan: head, error: e as ApiError })
    }
  }
}

function removeHead(key: string, onChange: (q: QueuedScan[]) => void) {
  const q = loadQueue().filter((s) => s.idempotency_key !== key)
  saveQueue(q)
  onChange(q)
}
