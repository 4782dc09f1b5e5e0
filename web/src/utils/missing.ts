import { ApiError } from '@/api/client'

/**
 * true when the server does not offer the endpoint (yet): a 404 that names no
 * record (request.not_found, or an older server's bare 404/405). Pages show a
 * friendly "not available yet" state instead of an error.
 */
export function isMissingEndpoint(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false
  if (e.status === 405) return true
  if (e.status !== 404) return false
  return e.code === 'request.not_found' || e.code === 'http.404' || e.code === 'not_found'
}
