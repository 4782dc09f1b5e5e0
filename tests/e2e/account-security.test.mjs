// Flow (issue #14, second factor self-service): the admin (demo, second factor
// optional) opens 我的信息 from the name in the header; 设置双因素认证 shows the
// server's QR (zbarimg decodes it to the otpauth:// URI of the key shown beside
// it); a wrong first code is refused on the page; the code this test computes
// (RFC 6238 with node's crypto, totpCode()) turns it on and shows ten recovery
// codes once, which download as a text file holding the same codes. 重新生成恢复码
// with a recovery code gives ten new ones. After logging out, the password alone
// asks for the code and the next step's code signs in; another browser signs in
// with a recovery code once (the page then counts one fewer); the spent code is
// refused. Turning it off with a recovery code: the password alone signs in again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byTestId, newPage, setUp, shot, totpCode, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
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
  return answered;
}

async function codesOnPage(page) {
  await byTestId(page, 'recovery-codes-dialog').locator('[data-testid="recovery-codes"]').waitFor({ state: 'visible' });
  return (await page.locator('[data-testid="recovery-codes-dialog"] [data-testid="recovery-codes"] li').allInnerTexts()).map((s) => s.trim());
}

test('a user sets up TOTP on their own page, signs in with codes, renews recovery codes and turns it off', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  const first = await password(page);
  assert.equal(first.status(), 200, 'no second factor yet: the password is enough');
  await byTestId(page, 'side-menu').waitFor({ state: 'visible' });

  // 我的信息 from the header.
  await byTestId(page, 'header-user').click();
  await page.waitForURL(/\/me$/);
  await byTestId(page, 'totp-settings').waitFor();
  await page.locator('[data-testid="totp-state"][data-enabled="0"]').waitFor();
  assert.match(await byTestId(page, 'totp-state').innerText(), /未启用/);

  const begun = waitForApi(page, 'POST', /^\/api\/v1\/auth\/totp$/);
  await byTestId(page, 'totp-begin').click();
  assert.equal((await begun).status(), 200);
  const secret = (await byTestId(page, 'totp-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const uri = await byTestId(page, 'totp-qr').getAttribute('data-uri');
  assert.equal(uri, `otpauth://totp/peixun:admin?secret=${secret}&issuer=peixun&algorithm=SHA1&digits=6&period=30`);
  const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'peixun-totp-')), 'qr.png');
  await byTestId(page, 'totp-qr').screenshot({ path: png });
  assert.equal(execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim(), uri);
  await shot(page, 'account-security-1-setup');

  // A wrong code is refused under the field; the right one turns it on.
  const right = totpCode(secret);
  await byTestId(page, 'totp-code').fill(right === '000000' ? '111111' : '000000');
  let confirmed = waitForApi(page, 'POST', /^\/api\/v1\/auth\/totp\/confirm$/);
  await byTestId(page, 'totp-confirm').click();
  assert.equal((await confirmed).status(), 422);
  await page.locator('[data-testid="totp-enroll"] .el-form-item__error').filter({ hasText: /验证码不正确/ }).waitFor();
  await byTestId(page, 'totp-code').fill(right);
  confirmed = waitForApi(page, 'POST', /^\/api\/v1\/auth\/totp\/confirm$/);
  await byTestId(page, 'totp-confirm').click();
  assert.equal((await confirmed).status(), 200);
  const codes = await codesOnPage(page);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
  // The download holds the same codes.
  const downloading = page.waitForEvent('download');
  await byTestId(page, 'recovery-codes-download').click();
  const file = await (await downloading).path();
  assert.deepEqual(fs.readFileSync(file, 'utf8').trim().split('\n'), codes);
  await shot(page, 'account-security-2-recovery-codes');
  await byTestId(page, 'recovery-codes-close').click();
  await page.locator('[data-testid="totp-state"][data-enabled="1"]').waitFor();
  assert.match(await byTestId(page, 'totp-codes-left').innerText(), /10/);

  // New recovery codes, asked for with one of the old ones.
  await byTestId(page, 'totp-regenerate').click();
  await byTestId(page, 'totp-ask-code').fill(codes[0]);
  const renewed = waitForApi(page, 'POST', /^\/api\/v1\/auth\/totp\/recovery-codes$/);
  await byTestId(page, 'totp-ask-submit').click();
  assert.equal((await renewed).status(), 200);
  const fresh = await codesOnPage(page);
  assert.equal(fresh.length, 10);
  for (const c of fresh) assert.ok(!codes.includes(c), `${c} is new`);
  await byTestId(page, 'recovery-codes-close').click();

  // Log out; the password alone now asks for the code; the next step's code signs in.
  await byTestId(page, 'logout').click();
  await page.waitForURL(/\/login/);
  const again = await password(page);
  assert.equal(again.status(), 202);
  assert.equal((await again.json()).second_factor, 'totp');
  await byTestId(page, 'totp-code').fill(totpCode(secret, Date.now() / 1000 + 30));
  const viaCode = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login\/code$/);
  await byTestId(page, 'totp-submit').click();
  assert.equal((await viaCode).status(), 200);
  await byTestId(page, 'side-menu').waitFor({ state: 'visible' });
  await context.close();

  // Another browser: an old (replaced) recovery code is refused, a new one signs in once.
  const second = await newPage(env.browser, env.server);
  assert.equal((await password(second.page)).status(), 202);
  await byTestId(second.page, 'totp-code').fill(codes[1]);
  let answered = waitForApi(second.page, 'POST', /^\/api\/v1\/auth\/login\/code$/);
  await byTestId(second.page, 'totp-submit').click();
  assert.equal((await answered).status(), 422, 'replaced recovery codes no longer work');
  await byTestId(second.page, 'totp-code').fill(fresh[0]);
  answered = waitForApi(second.page, 'POST', /^\/api\/v1\/auth\/login\/code$/);
  await byTestId(second.page, 'totp-submit').click();
  assert.equal((await answered).status(), 200);
  await byTestId(second.page, 'side-menu').waitFor({ state: 'visible' });
  await second.page.goto('/me');
  await second.page.locator('[data-testid="totp-state"][data-enabled="1"]').waitFor();
  assert.match(await byTestId(second.page, 'totp-codes-left').innerText(), /9/);

  // Turn it off: a spent recovery code is refused in the dialog, a good one works.
  await byTestId(second.page, 'totp-disable').click();
  await byTestId(second.page, 'totp-ask-code').fill(fresh[0]);
  answered = waitForApi(second.page, 'POST', /^\/api\/v1\/auth\/totp\/disable$/);
  await byTestId(second.page, 'totp-ask-submit').click();
  assert.equal((await answered).status(), 422);
  await second.page.locator('[data-testid="totp-ask-dialog"] .el-form-item__error').waitFor();
  await byTestId(second.page, 'totp-ask-code').fill(fresh[1]);
  answered = waitForApi(second.page, 'POST', /^\/api\/v1\/auth\/totp\/disable$/);
  await byTestId(second.page, 'totp-ask-submit').click();
  assert.equal((await answered).status(), 204);
  await second.page.locator('[data-testid="totp-state"][data-enabled="0"]').waitFor();
  await second.context.close();

  const third = await newPage(env.browser, env.server);
  assert.equal((await password(third.page)).status(), 200, 'turned off: the password is enough again');
  await third.context.close();
  assert.deepEqual(page.problems, []);
});

test('the second factor settings fit a phone and read in English', async () => {
  const context = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
  });
  await context.addInitScript(() => localStorage.setItem('peixun.lang', 'en'));
  const page = await context.newPage();
  await page.goto('/login');
  await byTestId(page, 'login-username').fill('admin');
  await byTestId(page, 'login-password').fill(env.server.adminPassword);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'app-header').waitFor();
  await page.goto('/me');
  await byTestId(page, 'totp-settings').waitFor();
  await page.locator('[data-testid="totp-state"][data-enabled="0"]').waitFor();
  assert.match(await byTestId(page, 'totp-settings').innerText(), /two-factor/i);
  await byTestId(page, 'totp-begin').click();
  await byTestId(page, 'totp-qr').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `nothing wider than the phone: ${width}`);
  await shot(page, 'account-security-3-phone-en');
  await context.close();
});
