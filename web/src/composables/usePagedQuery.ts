import { computed, reactive, watch, type ComputedRef, type Ref, type UnwrapNestedRefs } from 'vue'
import { debounce } from '@/utils/debounce'
import { useLoader } from './useLoader'

export interface Paged {
  page: number
  page_size: number
  /** the search text, when the list has one (searched 300 ms after the last key) */
  q?: string
}

export interface PagedQuery<Q extends Paged, T> {
  /** page, page size, search and filters: bind them; a change loads again */
  query: UnwrapNestedRefs<Q>
  rows: ComputedRef<T[]>
  total: ComputedRef<number>
  loading: Ref<boolean>
  loadError: Ref<string>
  /** Fetches the current page; an answer overtaken by a later load() is dropped. */
  load: () => Promise<void>
  /** After a delete: one page back when the last row of a later page went, else load(). */
  afterRemove: () => void
}

/**
 * A server-paged list: a new search or filter goes back to page 1, a page change
 * fetches that page, and only the newest request's answer is shown (a slow answer
 * to an older search never overwrites a newer one: useLoader drops it).
 */
export function usePagedQuery<Q extends Paged, T>(
  initial: Q,
  fetch: (query: Q) => Promise<{ items: T[]; total: number }>,
): PagedQuery<Q, T> {
  const query = reactive({ ...initial }) as UnwrapNestedRefs<Q>
  const q = query as unknown as Q
  const { data, loading, error: loadError, load } = useLoader(() => fetch({ ...q }), { items: [] as T[], total: 0 })
  const rows = computed(() => data.value.items)
  const total = computed(() => data.value.total)

  // Back to page 1 for a new search; the page watcher then loads (or load directly).
  function firstPage() {
    if (q.page !== 1) q.page = 1
    else load()
  }

  const filters = () => Object.keys(initial).filter((k) => k !== 'page' && k !== 'q').map((k) => (q as Record<string, unknown>)[k])
  if ('q' in initial) watch(() => q.q, debounce(firstPage, 300))
  watch(filters, firstPage)
  watch(() => q.page, load)

  function afterRemove() {
    if (rows.value.length === 1 && q.page > 1) q.page -= 1
    else load()
  }

  return { query, rows, total, loading, loadError, load, afterRemove }
}
