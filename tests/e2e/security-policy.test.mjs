// Flow (issue #14, password policy page): the admin opens 安全策略 from the menu: it
// reads the policy in force (8 characters, 3 classes, 5, 90 days: the defaults).
// A length of 200 is refused on the field with the range and nothing is sent; 12
// is saved (PUT 200) and reads 12 after a reload, as GET /auth/password-policy
// says. The login log retention refuses 100 days on the field and saves 365. On
// 我的信息, changing the admin's password to a 10-character one that meets every
// other rule is refused under the new password field with the new rule's message
// (at least 12 characters); the rules line above the form says 12.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const input = (page, id) => byTestId(page, id).locator('input');

test('the admin tightens the password policy and a too-short password is refused by the new rule', async () => {
  const { page } = await newPage(env.browser, env.server);
  await loginUi(page, 'admin', env.server.adminPassword);
  await byTestId(page, 'menu-security-policy').first().click();
  await page.waitForURL(/\/security-policy$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="policy-min-chars"] input')?.value === '8');
  assert.equal(await input(page, 'policy-min-classes').inputValue(), '3');
  assert.equal(await input(page, 'policy-history').inputValue(), '5');
  assert.equal(await input(page, 'policy-expiry-days').inputValue(), '90');
  assert.equal(await input(page, 'retention-days').inputValue(), '180');

  // Out of range: the field says so and no PUT goes out.
  let puts = 0;
  page.on('request', (r) => {
    if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/auth/password-policy') puts += 1;
  });
  await input(page, 'policy-min-chars').fill('200');
  await input(page, 'policy-min-chars').blur();
  await byTestId(page, 'policy-save').click();
  const minCharsItem = page.locator('.el-form-item').filter({ has: byTestId(page, 'policy-min-chars') });
  await minCharsItem.locator('.el-form-item__error').filter({ hasText: '1 到 128' }).waitFor();
  assert.equal(puts, 0);
  await shot(page, 'security-policy-range-error');

  await input(page, 'policy-min-chars').fill('12');
  await input(page, 'policy-min-chars').blur();
  const saved = waitForApi(page, 'PUT', /^\/api\/v1\/auth\/password-policy$/);
  await byTestId(page, 'policy-save').click();
  const res = await saved;
  assert.equal(res.status(), 200);
  assert.equal((await res.json()).min_chars, 12);
  assert.equal(puts, 1);

  // The retention: under six months is refused on the field; a year is saved.
  await input(page, 'retention-days').fill('100');
  await input(page, 'retention-days').blur();
  await byTestId(page, 'retention-days-save').click();
  const retentionItem = page.locator('.el-form-item').filter({ has: byTestId(page, 'retention-days') });
  await retentionItem.locator('.el-form-item__error').filter({ hasText: '180 到 3650' }).waitFor();
  await input(page, 'retention-days').fill('365');
  await input(page, 'retention-days').blur();
  const kept = waitForApi(page, 'PUT', /^\/api\/v1\/auth\/login-log\/retention$/);
  await byTestId(page, 'retention-days-save').click();
  assert.equal((await kept).status(), 200);

  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="policy-min-chars"] input')?.value === '12');
  assert.equal(await input(page, 'retention-days').inputValue(), '365');
  const policy = await (await page.request.get('/api/v1/auth/password-policy')).json();
  assert.deepEqual(policy, { min_chars: 12, min_classes: 3, history: 5, expiry_days: 90 });

  // 我的信息 → 修改密码: 10 characters of 4 classes, refused by the 12-character rule.
  await page.goto('/me');
  await byTestId(page, 'change-password-rules').filter({ hasText: '12' }).waitFor();
  await byTestId(page, 'change-password-old').fill(env.server.adminPassword);
  await byTestId(page, 'change-password-new').fill('Ab3$efgh1k');
  await byTestId(page, 'change-password-again').fill('Ab3$efgh1k');
  const refused = waitForApi(page, 'PUT', /^\/api\/v1\/auth\/password$/);
  await byTestId(page, 'change-password-submit').click();
  const answer = await refused;
  assert.equal(answer.status(), 422);
  assert.equal((await answer.json()).error.code, 'auth.password.too_short');
  const newItem = page.locator('.el-form-item').filter({ has: byTestId(page, 'change-password-new') });
  await newItem.locator('.el-form-item__error').filter({ hasText: '密码至少需要 12 个字符' }).waitFor();
  await shot(page, 'security-policy-too-short');
  // Still signed in with the old password (nothing changed).
  assert.equal((await page.request.get('/api/v1/auth/me')).status(), 200);
});
