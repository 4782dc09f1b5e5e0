import { onScopeDispose, ref, type Ref } from 'vue'

export type LiveState = 'connecting' | 'live' | 'reconnecting'

export interface LiveFeedOptions {
  /** the event stream's URL, read at each (re)connect */
  url: () => string
  /** a handler per event name, given the event's JSON data; a malformed event is dropped */
  events: Record<string, (data: unknown) => void>
  /** the stream is open again after a failure: what was missed should be fetched */
  onReconnect?: () => void
}

export interface LiveFeed {
  state: Ref<LiveState>
  /** (Re)opens the stream from scratch, e.g. for another session. */
  start: () => void
  stop: () => void
}

/** The pause before reopening a refused stream: 1 s, doubled each failure, at most 10 s. */
export function reconnectDelay(failures: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.max(0, failures - 1))
}

/**
 * One server-sent event stream that keeps itself open. The browser retries by
 * itself while a stream is CONNECTING; a refused one (CLOSED: a 4xx/5xx answer, a
 * server that is down) is opened again here after reconnectDelay(). Closed when the
 * component (the effect scope) goes away.
 */
export function useLiveFeed(opts: LiveFeedOptions): LiveFeed {
  const state = ref<LiveState>('connecting')
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let failures = 0
  let running = false

  function open() {
    close()
    const es = new EventSource(opts.url(), { withCredentials: true })
    source = es
    es.addEventListener('open', () => {
      if (source !== es) return
      if (failures > 0) opts.onReconnect?.()
      failures = 0
      state.value = 'live'
    })
    for (const [name, handle] of Object.entries(opts.events)) {
      es.addEventListener(name, (ev) => {
        if (source !== es) return
        state.value = 'live'
        let data: unknown
        try {
          data = JSON.parse((ev as MessageEvent).data)
        } catch {
          return // a malformed event: the next one carries the figures again
        }
        handle(data)
      })
    }
    es.addEventListener('error', () => {
      if (source !== es) return
      state.value = 'reconnecting'
      failures++
      if (es.readyState === EventSource.CLOSED) {
        close()
        timer = setTimeout(() => {
          timer = null
          if (running) open()
        }, reconnectDelay(failures))
      }
    })
  }

  function close() {
    if (timer) clearTimeout(timer)
    timer = null
    source?.close()
    source = null
  }

  function start() {
    running = true
    failures = 0
    state.value = 'connecting'
    open()
  }

  function stop() {
    running = false
    close()
  }

  onScopeDispose(stop)
  return { state, start, stop }
}
