// Flow: with `--second-factor required`, the admin's password alone opens no session:
// the login page shows a QR code (it decodes, with zbarimg, to the otpauth:// URI of
// the key shown beside it), a wrong first code is refused on the page, the code the
// test computes (RFC 6238, like an authenticator app) turns the factor on and shows
// ten recovery codes once, then the app opens. A second browser: the same code again
// is refused as used; a recovery code signs in once; the next step's code signs in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byTestId, newPage, setUp, shot, totpCode, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp({ secondFactor: 'required' });
});
after(async () => {
  await env?.tearDown();
});

async function password(page) {
  await page.goto('/login');
  await byTestId(page, 'login-username').fill('admin');
  await byTestId(page, 'login-password').fill(env.server.adminPassword);
  const answered = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
  await byTestId(page, 'login-submit').click();
  const res = await answered;
  assert.equal(res.status(), 202, 'the password alone is not a session');
  await byTestId(page, 'second-factor').waitFor({ state: 'visible' });
  return res.json();
}

async function submitCode(page, code, route) {
  await byTestId(page, 'totp-code').fill(code);
  const answered = waitForApi(page, 'POST', route);
  await byTestId(page, 'totp-submit').click();
  return answered;
}

test('admin sets up TOTP at the first login, then signs in with codes', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  const challenge = await password(page);
  assert.equal(challenge.second_factor, 'enroll');
  assert.equal((await context.cookies()).filter((c) => c.name === 'peixun_session').length, 0);
  // The session-only API still says "not signed in".
  assert.equal((await page.request.get('/api/v1/auth/me')).status(), 401);

  const secret = (await byTestId(page, 'totp-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const uri = await byTestId(page, 'totp-qr').getAttribute('data-uri');
  assert.equal(uri, `otpauth://totp/peixun:admin?secret=${secret}&issuer=peixun&algorithm=SHA1&digits=6&period=30`);
  // The QR image on the page holds that URI.
  const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'peixun-totp-')), 'qr.png');
  await byTestId(page, 'totp-qr').screenshot({ path: png });
  const decoded = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
  assert.equal(decoded, uri);
  await shot(page, 'second-factor-1-enroll');

  const right = totpCode(secret);
  const wrong = right === '000000' ? '111111' : '000000';
  const refused = await submitCode(page, wrong, /^\/api\/v1\/auth\/login\/enroll\/confirm$/);
  assert.equal(refused.status(), 422);
  await byTestId(page, 'totp-error').waitFor({ state: 'visible' });
  assert.match(await byTestId(page, 'totp-error').innerText(), /验证码不正确/);

  const confirmed = await submitCode(page, right, /^\/api\/v1\/auth\/login\/enroll\/confirm$/);
  assert.equal(confirmed.status(), 200);
  const codes = (await page.locator('[data-testid="recovery-codes"] li').allInnerTexts()).map((s) => s.trim());
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await shot(page, 'second-factor-2-recovery-codes');
  await byTestId(page, 'recovery-continue').click();
  await byTestId(page, 'side-menu').waitFor({ state: 'visible' });
  await context.close();

  // Another browser: the code just used is refused (replay), on the page.
  const second = await newPage(env.browser, env.server);
  const again = await password(second.page);
  assert.equal(again.second_factor, 'totp');
  const replay = await submitCode(second.page, right, /^\/api\/v1\/auth\/login\/code$/);
  assert.equal(replay.status(), 422);
  assert.equal((await replay.json()).error.code, 'auth.totp.replayed');
  await byTestId(second.page, 'totp-error').waitFor({ state: 'visible' });
  assert.match(await byTestId(second.page, 'totp-error').innerText(), /已用过/);
  // A recovery code signs in.
  const viaRecovery = await submitCode(second.page, codes[0], /^\/api\/v1\/auth\/login\/code$/);
  assert.equal(viaRecovery.status(), 200);
  await byTestId(second.page, 'side-menu').waitFor({ state: 'visible' });
  await second.context.close();

  // A third browser: the spent recovery code is refused; the next step's code signs in.
  const third = await newPage(env.browser, env.server);
  await password(third.page);
  const spent = await submitCode(third.page, codes[0], /^\/api\/v1\/auth\/login\/code$/);
  assert.equal(spent.status(), 422);
  const next = await submitCode(third.page, totpCode(secret, Date.now() / 1000 + 30), /^\/api\/v1\/auth\/login\/code$/);
  assert.equal(next.status(), 200);
  await byTestId(third.page, 'side-menu').waitFor({ state: 'visible' });
  await shot(third.page, 'second-factor-3-signed-in');
  await third.context.close();
});
