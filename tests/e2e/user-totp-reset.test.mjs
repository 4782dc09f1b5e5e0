// Flow (issue #14, admin side of the second factor): a lecturer made through the
// API turns TOTP on for themself (API, codes computed here with RFC 6238); the
// admin's 用户管理 shows 已启用 in their row and 未启用 for a user without it; 清除双因素认证
// asks first (cancel keeps it), then clears it: the row reads 未启用, the audit log
// has the entry, and the lecturer's password alone signs in again (200, not 202).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, totpCode, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

test('the admin sees who has a second factor and resets one', async () => {
  // Set-up (API): a lecturer with a confirmed key, and one without.
  const csrf = await loginApi(env.api, 'admin', env.server.adminPassword);
  const made = async (username) => {
    const res = await env.api.post('/api/v1/users', {
      data: { username, display_name: `${username} 测试`, role: 'lecturer' },
      headers: { 'x-csrf-token': csrf },
    });
    assert.equal(res.status(), 201, await res.text());
    return res.json();
  };
  const withKey = await made('aaa-totp');
  const without = await made('aaa-plain');
  const lecturer = await request.newContext({ baseURL: env.server.url });
  try {
    const lcsrf = await loginApi(lecturer, 'aaa-totp', withKey.password);
    const setup = await lecturer.post('/api/v1/auth/totp', { headers: { 'x-csrf-token': lcsrf } });
    assert.equal(setup.status(), 200);
    const { secret } = await setup.json();
    const on = await lecturer.post('/api/v1/auth/totp/confirm', { data: { code: totpCode(secret) }, headers: { 'x-csrf-token': lcsrf } });
    assert.equal(on.status(), 200, await on.text());
    const challenged = await lecturer.post('/api/v1/auth/login', { data: { username: 'aaa-totp', password: withKey.password } });
    assert.equal(challenged.status(), 202, 'with the key on, the password alone is not enough');
  } finally {
    await lecturer.dispose();
  }

  const { page } = await newPage(env.browser, env.server);
  await loginUi(page, 'admin', env.server.adminPassword);
  await byTestId(page, 'menu-users').first().click();
  await page.waitForURL(/\/users$/);
  const row = (id) => page.locator(`.row-id-${id}`);
  await row(withKey.user.id).waitFor();
  assert.equal(await row(withKey.user.id).locator('[data-testid="user-totp-state"]').getAttribute('data-enabled'), '1');
  assert.match(await row(withKey.user.id).locator('[data-testid="user-totp-state"]').innerText(), /已启用/);
  assert.equal(await row(without.user.id).locator('[data-testid="user-totp-state"]').getAttribute('data-enabled'), '0');
  assert.equal(await row(without.user.id).locator('[data-testid="user-reset-totp"]').count(), 0, 'nothing to reset');
  await shot(page, 'user-totp-reset-1-list');

  // Cancel keeps it.
  await row(withKey.user.id).locator('[data-testid="user-reset-totp"]').click();
  const box = page.locator('.el-message-box');
  await box.waitFor({ state: 'visible' });
  assert.match(await box.innerText(), /aaa-totp 测试/);
  await box.locator('.el-message-box__btns button').filter({ hasText: '取消' }).click();
  await box.waitFor({ state: 'hidden' });
  assert.equal(await row(withKey.user.id).locator('[data-testid="user-totp-state"]').getAttribute('data-enabled'), '1');

  // Confirm clears it.
  await row(withKey.user.id).locator('[data-testid="user-reset-totp"]').click();
  await box.waitFor({ state: 'visible' });
  const cleared = waitForApi(page, 'DELETE', new RegExp(`^/api/v1/users/${withKey.user.id}/totp$`));
  await box.locator('.el-message-box__btns button').filter({ hasText: '清除双因素认证' }).click();
  assert.equal((await cleared).status(), 204);
  await page.locator(`.row-id-${withKey.user.id} [data-testid="user-totp-state"][data-enabled="0"]`).waitFor();
  assert.deepEqual(page.problems, []);

  const audit = await env.api.get('/api/v1/audit?page_size=20');
  const actions = (await audit.json()).items.filter((e) => e.entity_id === withKey.user.id).map((e) => e.action);
  assert.ok(actions.some((a) => /totp/.test(a)), `audit: ${actions}`);

  const again = await request.newContext({ baseURL: env.server.url });
  const res = await again.post('/api/v1/auth/login', { data: { username: 'aaa-totp', password: withKey.password } });
  assert.equal(res.status(), 200, 'reset: the password alone signs in');
  await again.dispose();
});
