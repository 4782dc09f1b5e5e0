// Marks the passages two papers share inside each paper's own text. The server
// names them on the normalized text (core/text_similarity.h NormalizeForShingles:
// letters and digits only, full-width ASCII folded, ASCII lower-cased), so the
// same normalization is done here with a map back to the original characters.

export interface Segment {
  text: string
  hit: boolean
}

interface Normalized {
  chars: string[] // the original text's code points
  norm: string // normalized text
  at: number[] // normalized code point i comes from chars[at[i]]
}

function normalize(text: string): Normalized {
  const chars = Array.from(text)
  const out: string[] = []
  const at: number[] = []
  chars.forEach((ch, i) => {
    let c = ch
    const code = c.codePointAt(0) ?? 0
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0)
    if (!/[\p{L}\p{N}]/u.test(c)) return
    if (/[A-Z]/.test(c)) c = c.toLowerCase()
    out.push(c)
    at.push(i)
  })
  return { chars, norm: out.join(''), at }
}

function segments(n: Normalized, ranges: [number, number][]): Segment[] {
  const hit = new Array(n.chars.length).fill(false)
  for (const [start, length] of ranges) {
    if (length <= 0 || start >= n.at.length) continue
    const from = n.at[start]
    const to = n.at[Math.min(n.at.length - 1, start + length - 1)]
    for (let i = from; i <= to; i++) hit[i] = true
  }
  const out: Segment[] = []
  n.chars.forEach((ch, i) => {
    const last = out[out.length - 1]
    if (last && last.hit === hit[i]) last.text += ch
    else out.push({ text: ch, hit: hit[i] })
  })
  return out
}

/** Paper a: the server's ranges (code points of a's normalized text). */
export function highlightA(text: string, shared: { start: number; length: number }[]): Segment[] {
  return segments(
    normalize(text),
    shared.map((s) => [s.start, s.length]),
  )
}

/** Paper b: each shared passage found again in b's normalized text. */
export function highlightB(text: string, shared: { text: string }[]): Segment[] {
  const n = normalize(text)
  const ranges: [number, number][] = []
  for (const s of shared) {
    let from = 0
    for (;;) {
      const idx = n.norm.indexOf(s.text, from)
      if (idx < 0) break
      ranges.push([Array.from(n.norm.slice(0, idx)).length, Array.from(s.text).length])
      from = idx + s.text.length
    }
  }
  return segments(n, ranges)
}
