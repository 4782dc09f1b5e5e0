import { ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorMessage } from '@/api/client'

/** The one error toast: the server's message, left up long enough to read. */
export function toastError(e: unknown): void {
  ElMessage.error({ message: errorMessage(e), duration: 6000 })
}

export interface Action<A extends unknown[], R> {
  /** true while a run is under way (for :loading on its button) */
  pending: Ref<boolean>
  /** Runs the action; resolves to its result, or undefined when it failed (the failure already shown). */
  run: (...args: A) => Promise<R | undefined>
}

/**
 * A submit with a pending state and one error toast. `onError` may take over a
 * failure (return true: handled, no toast), e.g. to put it under a form field or
 * to undo an optimistic change first (return false or nothing: toast as well).
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  onError?: (e: unknown) => boolean | void,
): Action<A, R> {
  const pending = ref(false)
  async function run(...args: A): Promise<R | undefined> {
    pending.value = true
    try {
      return await action(...args)
    } catch (e) {
      if (!onError?.(e)) toastError(e)
      return undefined
    } finally {
      pending.value = false
    }
  }
  return { pending, run }
}
