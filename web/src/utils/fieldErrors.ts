import { reactive } from 'vue'
import { ApiError, errorMessage } from '@/api/client'

/**
 * Server errors for a form: a 4xx with `field` lands under that form item
 * (aliases map server names onto form props), anything else in `general`.
 */
export function useFieldErrors(fields: string[], aliases: Record<string, string> = {}) {
  const errors = reactive<Record<string, string>>({})
  const state = reactive({ general: '' })

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
    state.general = ''
  }

  function apply(e: unknown) {
    clear()
    if (e instanceof ApiError && e.field) {
      const key = aliases[e.field] ?? e.field
      if (fields.includes(key)) {
        errors[key] = e.message
        return
      }
    }
    state.general = errorMessage(e)
  }

  return { errors, state, clear, apply }
}
