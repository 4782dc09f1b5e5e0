// Times of a class's zone (its UTC offset), independent of the phone's own zone.

/** "2020-06-02 08:30" in the zone `offsetMinutes` east of UTC. */
export function localText(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** A native datetime-local value ("2020-06-02T08:30") read in the class's zone; NaN when malformed. */
export function fromLocalInput(value: string, offsetMinutes: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return NaN
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  return utc - offsetMinutes * 60_000
}

/** The datetime-local value of an instant in the class's zone. */
export function toLocalInput(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16)
}
