// The exam page's offline queue: every answer the trainee gives is put here first
// (localStorage, per attempt), then sent; it leaves the queue only once the server
// has stored it. So a reload, a dropped connection or a closed tab loses nothing
// typed on this phone: the queue is sent (PUT one, or the batch route for several)
// when the connection returns. Each entry carries its own idempotency key, so a
// send whose answer got lost is sent again without applying twice. A newer answer
// to the same question replaces the queued one (with a new key): only the latest
// answer to a question needs to reach the server.
import { newIdempotencyKey } from '@/api/checkin'
import type { AnswerWrite } from '@/api/assessmentPhone'

export interface Response {
  selected: number[]
  text: string
}

const storageKey = (attemptId: number) => `peixun.exam.${attemptId}.queue`

export class AnswerQueue {
  private readonly key: string
  private memory: AnswerWrite[] = []

  constructor(attemptId: number) {
    this.key = storageKey(attemptId)
    this.memory = this.read()
  }

  private read(): AnswerWrite[] {
    try {
      const raw = localStorage.getItem(this.key)
      const list = raw ? (JSON.parse(raw) as unknown) : []
      if (!Array.isArray(list)) return []
      return list.filter(
        (a): a is AnswerWrite =>
          !!a && typeof a === 'object' && typeof a.question_id === 'number' && typeof a.idempotency_key === 'string',
      )
    } catch {
      return []
    }
  }

  private write(): void {
    try {
      if (this.memory.length) localStorage.setItem(this.key, JSON.stringify(this.memory))
      else localStorage.removeItem(this.key)
    } catch {
      // storage full or disabled: the queue lives in memory for this page
    }
  }

  /** The answers still to send, oldest first. */
  items(): AnswerWrite[] {
    return [...this.memory]
  }

  get size(): number {
    return this.memory.length
  }

  /** Queues the latest answer to a question (replacing an older queued one). */
  put(questionId: number, response: Response, isText: boolean): void {
    const entry: AnswerWrite = { question_id: questionId, idempotency_key: newIdempotencyKey() }
    if (isText) entry.text = response.text
    else entry.selected = [...response.selected]
    this.memory = this.memory.filter((a) => a.question_id !== questionId)
    this.memory.push(entry)
    this.write()
  }

  /** Forgets the entries the server stored (by key; a newer answer queued meanwhile stays). */
  remove(keys: string[]): void {
    const done = new Set(keys)
    this.memory = this.memory.filter((a) => !done.has(a.idempotency_key))
    this.write()
  }

  clear(): void {
    this.memory = []
    this.write()
  }
}

/** The queued answer as a response, to show over what the server has. */
export function queuedResponse(a: AnswerWrite): Response {
  return { selected: a.selected ?? [], text: a.text ?? '' }
}
