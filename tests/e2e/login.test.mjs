// Flow: the admin mistypes the password (the error shows, no session), then logs
// in and sees the admin menu, their name and role in the header.
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

test('admin: wrong password shows the error, the right one opens the menu', async () => {
  const { page, context } = await newPage(env.browser, env.server);

  // Any page of the app sends an anonymous visitor to the login page.
  await page.goto('/people');
  await page.waitForURL(/\/login/);
  await byTestId(page, 'login-form').waitFor();

  await byTestId(page, 'login-username').fill('admin');
  await byTestId(page, 'login-password').fill(`${env.server.adminPassword}-wrong`);
  const refused = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
  await byTestId(page, 'login-submit').click();
  const res = await refused;
  assert.equal(res.status(), 401);
  assert.equal((await res.json()).error.code, 'auth.invalid_credentials');
  const error = byTestId(page, 'login-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /用户名或密码不正确/);
  assert.match(page.url(), /\/login/);
  assert.equal((await context.cookies()).filter((c) => c.name === 'peixun_session').length, 0);
  await shot(page, 'login-1-wrong-password');

  await byTestId(page, 'login-password').fill(env.server.adminPassword);
  await loginUi(page, 'admin', env.server.adminPassword);
  // Back to the page first asked for.
  await page.waitForURL(/\/people/);
  assert.equal(await error.count(), 0, 'the old error is gone');

  for (const [id, label] of [
    ['menu-orgs', '单位管理'],
    ['menu-people', '人员管理'],
    ['menu-users', '用户管理'],
    ['menu-audit', '审计日志'],
  ]) {
    const item = byTestId(page, id);
    await item.waitFor({ state: 'visible' });
    assert.match(await item.innerText(), new RegExp(label), id);
  }
  assert.equal(await byTestId(page, 'menu-me').count(), 0, 'no trainee page for the admin');
  assert.match(await byTestId(page, 'header-role').innerText(), /系统管理员/);
  assert.ok((await byTestId(page, 'header-user-name').innerText()).trim().length > 0);
  await byTestId(page, 'people-table').waitFor();
  await shot(page, 'login-2-menu');

  // The menu leads to the units page.
  await byTestId(page, 'menu-orgs').click();
  await page.waitForURL(/\/orgs/);
  await byTestId(page, 'org-tree').waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});
