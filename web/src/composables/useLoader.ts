import { ref, type Ref } from 'vue'
import { errorMessage } from '@/api/client'

export interface Loader<T> {
  data: Ref<T>
  loading: Ref<boolean>
  /** the failure of the last load, as a message to show ('' when it succeeded) */
  error: Ref<string>
  /** Fetches again; an answer overtaken by a later load() is dropped. */
  load: () => Promise<void>
}

/**
 * Data fetched from the server with its loading and error state. On a failure the
 * data goes back to `empty` and `error` holds the server's message: a real error
 * shows as that error, never as an empty list.
 */
export function useLoader<T>(fetch: () => Promise<T>, empty: T): Loader<T> {
  const data = ref(empty) as Ref<T>
  const loading = ref(false)
  const error = ref('')
  let generation = 0

  async function load() {
    const mine = ++generation
    loading.value = true
    error.value = ''
    try {
      const value = await fetch()
      if (mine === generation) data.value = value
    } catch (e) {
      if (mine !== generation) return
      data.value = empty
      error.value = errorMessage(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return { data, loading, error, load }
}
