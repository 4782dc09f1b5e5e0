// Badge tokens (胸牌二维码) for the kiosk tests, computed the way the server does
// (src/modules/enrollment/badge_token.*): token = "<person_id>.<mac>", mac =
// HMAC-SHA-512-256 (libsodium crypto_auth: HMAC-SHA-512 cut to 32 bytes) of
// "peixun.badge.v1:<class_id>:<person_id>" under key = BLAKE2b-256 of
// "peixun.badge.key.v1:<checkin secret>", in base64url without padding.
// The class's check-in secret is read from the test's own SQLite file with the
// sqlite3 command (scripts/install-deps.sh installs it). Node's crypto has only
// BLAKE2b-512, whose parameter block differs from BLAKE2b-256: hence the small
// BLAKE2b below (RFC 7693), with BigInt words since speed does not matter here.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';

const MASK = (1n << 64n) - 1n;
const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const rotr = (x, n) => ((x >> BigInt(n)) | (x << BigInt(64 - n))) & MASK;

function compress(h, block, t, last) {
  const m = [];
  for (let i = 0; i < 16; i++) m.push(block.readBigUInt64LE(i * 8));
  const v = [...h, ...IV];
  v[12] ^= t & MASK;
  v[13] ^= t >> 64n;
  if (last) v[14] ^= MASK;
  const g = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & MASK;
    v[d] = rotr(v[d] ^ v[a], 32);
    v[c] = (v[c] + v[d]) & MASK;
    v[b] = rotr(v[b] ^ v[c], 24);
    v[a] = (v[a] + v[b] + y) & MASK;
    v[d] = rotr(v[d] ^ v[a], 16);
    v[c] = (v[c] + v[d]) & MASK;
    v[b] = rotr(v[b] ^ v[c], 63);
  };
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]);
    g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]);
    g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]);
    g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]);
    g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/** Unkeyed BLAKE2b with an `outLen`-byte digest (libsodium crypto_generichash). */
export function blake2b(data, outLen = 32) {
  const h = [...IV];
  h[0] ^= 0x01010000n ^ BigInt(outLen);
  const buf = Buffer.from(data);
  let t = 0n;
  let off = 0;
  while (buf.length - off > 128) {
    t += 128n;
    compress(h, buf.subarray(off, off + 128), t, false);
    off += 128;
  }
  const last = Buffer.alloc(128);
  buf.copy(last, 0, off);
  t += BigInt(buf.length - off);
  compress(h, last, t, true);
  const out = Buffer.alloc(64);
  h.forEach((w, i) => out.writeBigUInt64LE(w, i * 8));
  return out.subarray(0, outLen);
}

/** The class's check-in secret, read from the test server's SQLite database. */
export function checkinSecret(dbUrl, classId) {
  const file = dbUrl.replace(/^sqlite:/, '');
  const out = execFileSync('sqlite3', ['-readonly', file, `SELECT checkin_secret FROM training_classes WHERE id = ${Number(classId)}`], {
    encoding: 'utf8',
  });
  const secret = out.trim();
  if (!secret) throw new Error(`no check-in secret for class ${classId} in ${file}`);
  return secret;
}

/** The badge token of a trainee, as printed in badges.pdf's QR (after "/k/<class>/"). */
export function badgeToken(secret, classId, personId) {
  const key = blake2b(`peixun.badge.key.v1:${secret}`, 32);
  const mac = crypto.createHmac('sha512', key).update(`peixun.badge.v1:${classId}:${personId}`).digest().subarray(0, 32);
  return `${personId}.${mac.toString('base64url')}`;
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
