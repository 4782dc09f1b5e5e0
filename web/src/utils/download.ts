// Downloads a file the server writes (Content-Disposition: attachment) without
// leaving the page; an error answer (409 seating.no_grid, 404 …) becomes an
// ApiError instead of a JSON file saved under a .pdf name.
import { ApiError, csrfHeaders } from '@/api/client'
import { currentLang, t } from '@/i18n'

function filenameOf(res: Response, url: string): string {
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd)
  if (plain) return plain[1]
  const path = url.split('?')[0]
  return decodeURIComponent(path.substring(path.lastIndexOf('/') + 1)) || 'download'
}

/** `post`: send it as a JSON POST body (a file the server makes on request). */
export async function downloadFile(url: string, post?: unknown): Promise<string> {
  let res: Response
  const headers: Record<string, string> = { 'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN' }
  try {
    res = await fetch(
      url,
      post === undefined
        ? { credentials: 'same-origin', headers }
        : {
            method: 'POST',
            credentials: 'same-origin',
            headers: { ...headers, ...csrfHeaders(), 'Content-Type': 'application/json' },
            body: JSON.stringify(post),
          },
    )
  } catch {
    throw new ApiError(0, 'network', t('error.network'))
  }
  if (!res.ok) {
    let code = `http.${res.status}`
    let message = t('error.http', { status: res.status })
    try {
      const data = await res.json()
      if (data?.error?.code) code = data.error.code
      if (data?.error?.message) message = data.error.message
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, code, message)
  }
  const blob = await res.blob()
  const name = filenameOf(res, url)
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
  return name
}
