// Badge tokens (胸牌二维码) for the kiosk tests, read the way a kiosk reads them: from
// the QR codes of the class's printed badges (GET /api/v1/classes/{id}/badges.pdf,
// rendered with pdftoppm and decoded with zbarimg). The check-in secret they derive
// from is sealed in the database (issue 14), so a test cannot mint them itself.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** person_id → badge token of every approved trainee of the class, from its badges PDF. */
export async function badgeTokens(api, classId) {
  const response = await api.get(`/api/v1/classes/${classId}/badges.pdf`);
  if (response.status() !== 200) throw new Error(`badges.pdf: ${response.status()} ${await response.text()}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peixun-badges-'));
  try {
    const pdf = path.join(dir, 'badges.pdf');
    fs.writeFileSync(pdf, await response.body());
    execFileSync('pdftoppm', ['-png', '-r', '150', pdf, path.join(dir, 'page')]);
    const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => path.join(dir, f));
    const out = execFileSync('zbarimg', ['--quiet', '--raw', ...pngs], { maxBuffer: 16 << 20 }).toString('utf8');
    const tokens = new Map();
    for (const m of out.matchAll(new RegExp(`/k/${Number(classId)}/((\\d+)\\.[A-Za-z0-9_-]+)`, 'g'))) {
      tokens.set(Number(m[2]), m[1]);
    }
    if (tokens.size === 0) throw new Error(`no badge QR decoded for class ${classId}`);
    return tokens;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The badge token of one trainee (badgeTokens' map), or an error naming them. */
export function badgeToken(tokens, personId) {
  const token = tokens.get(Number(personId));
  if (!token) throw new Error(`no badge for person ${personId}`);
  return token;
}

/** The demo class (the seed class; it starts today). */
export async function demoClass(api) {
  const res = await api.get('/api/v1/classes');
  if (res.status() !== 200) throw new Error(`classes: ${res.status()} ${await res.text()}`);
  const { items } = await res.json();
  if (!items.length) throw new Error('the demo has no class');
  return items[0];
}

const localAt = (ms, offsetMinutes) => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16);

/**
 * A session of the whole class whose check-in window is open now and stays open
 * for the test: it starts in 5 minutes (check-in opens 30 minutes before) and lasts
 * an hour, whatever the time of day the test runs at.
 */
export async function createOpenSession(api, csrf, cls, title) {
  const start = Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000;
  const offset = cls.utc_offset_minutes ?? 480;
  const res = await api.post(`/api/v1/classes/${cls.id}/sessions`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      kind: 'lecture',
      title,
      start: localAt(start, offset),
      end: localAt(start + 60 * 60_000, offset),
      accept_conflicts: true,
    },
  });
  if (res.status() !== 201 && res.status() !== 200) throw new Error(`create session: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** GET /api/v1/sessions/{id}/attendance as JSON. */
export async function sessionAttendance(api, sessionId) {
  const res = await api.get(`/api/v1/sessions/${sessionId}/attendance`);
  if (res.status() !== 200) throw new Error(`attendance: ${res.status()} ${await res.text()}`);
  return res.json();
}
