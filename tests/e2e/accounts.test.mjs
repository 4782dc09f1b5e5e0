// Flow (issue 14, accounts): 登录日志 and 我的会话.
// A wrong password and a sign-in show up in the admin's login log with their
// result, address and browser, newest first, and the result filter narrows it;
// the admin signed in twice (two browsers) sees both sessions on 我的会话, the
// current one marked, ends the other one (that browser is signed out), and from
// 用户管理 signs a user out everywhere. The same pages in English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

test('login log: every attempt with its result; the result filter', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  // A failed attempt first, from the page's own browser.
  await page.goto('/login');
  await byTestId(page, 'login-username').fill('admin');
  await byTestId(page, 'login-password').fill(`${env.server.adminPassword}-wrong`);
  const refused = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
  await byTestId(page, 'login-submit').click();
  assert.equal((await refused).status(), 401);
  await loginUi(page, 'admin', env.server.adminPassword);

  const listed = waitForApi(page, 'GET', /^\/api\/v1\/auth\/login-log\?/);
  await byTestId(page, 'menu-login-log').click();
  await page.waitForURL(/\/login-log$/);
  assert.equal((await listed).status(), 200);
  await byTestId(page, 'login-log-table').waitFor();
  const outcomes = byTestId(page, 'login-log-outcome');
  await outcomes.first().waitFor();
  // Newest first: the sign-in, then the wrong password.
  assert.equal(await outcomes.nth(0).getAttribute('data-code'), 'success');
  assert.match(await outcomes.nth(0).innerText(), /登录成功/);
  assert.equal(await outcomes.nth(1).getAttribute('data-code'), 'bad_credentials');
  assert.match(await outcomes.nth(1).innerText(), /用户名或密码错误/);
  assert.equal(await byTestId(page, 'login-log-user').nth(1).innerText(), 'admin');
  const firstRow = await byTestId(page, 'login-log-row').first().innerText();
  assert.match(firstRow, /127\.0\.0\.1/);
  assert.match(firstRow, /HeadlessChrome|Chrome/);
  const body = await page.locator('body').innerText();
  assert.ok(!body.includes(env.server.adminPassword), 'no password on the page');
  await shot(page, 'accounts-1-login-log');

  // Only the failures.
  const filtered = waitForApi(page, 'GET', /^\/api\/v1\/auth\/login-log\?.*result=bad_credentials/);
  await byTestId(page, 'login-log-result').click();
  await page.locator('.el-select-dropdown__item', { hasText: '用户名或密码错误' }).click();
  const res = await filtered;
  const page1 = await res.json();
  assert.ok(page1.items.length >= 1);
  assert.ok(page1.items.every((e) => e.result === 'bad_credentials'));
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="login-log-outcome"]')].every((e) => e.getAttribute('data-code') === 'bad_credentials'),
  );
  await context.close();
});

test('my sessions: the current one marked, another ended; admin ends a user\'s sessions', async () => {
  // A second browser signed in as admin (through the API).
  const other = await newPage(env.browser, env.server);
  await loginApi(other.page.request, 'admin', env.server.adminPassword);
  assert.equal((await other.page.request.get('/api/v1/auth/me')).status(), 200);

  const { page, context } = await newPage(env.browser, env.server);
  await loginUi(page, 'admin', env.server.adminPassword);
  const listed = waitForApi(page, 'GET', /^\/api\/v1\/auth\/sessions$/);
  await byTestId(page, 'menu-sessions').click();
  await page.waitForURL(/\/sessions$/);
  const mine = await (await listed).json();
  assert.ok(mine.items.length >= 2, JSON.stringify(mine));
  await byTestId(page, 'session-table').waitFor();
  const rows = byTestId(page, 'session-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), mine.items.length);
  assert.equal(await page.locator('[data-testid="session-row"][data-current="yes"]').count(), 1);
  assert.equal(await byTestId(page, 'session-current').count(), 1);
  assert.match(await byTestId(page, 'session-current').innerText(), /当前会话/);
  await shot(page, 'accounts-2-sessions');

  // End every other session: the other browser is signed out, this one is not.
  const ended = waitForApi(page, 'POST', /^\/api\/v1\/auth\/sessions\/revoke-others$/);
  await byTestId(page, 'sessions-revoke-others').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  const endedRes = await ended;
  assert.equal(endedRes.status(), 200);
  assert.ok((await endedRes.json()).ended >= 1);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="session-row"]').length === 1);
  assert.equal((await other.page.request.get('/api/v1/auth/me')).status(), 401);
  assert.equal((await page.request.get('/api/v1/auth/me')).status(), 200);

  // 用户管理: the organizer (signed in through the API) is signed out everywhere.
  const m = /^organizer \([^)]*\): (\S+) (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(m, env.server.output().stdout);
  const organizer = await newPage(env.browser, env.server);
  await loginApi(organizer.page.request, m[1], m[2]);
  await byTestId(page, 'menu-users').click();
  await page.waitForURL(/\/users$/);
  const row = page.locator('.el-table__row', { hasText: m[1] }).first();
  await row.waitFor();
  const userSessions = waitForApi(page, 'GET', /^\/api\/v1\/users\/\d+\/sessions$/);
  await row.locator('[data-testid="user-sessions"]').click();
  assert.equal((await userSessions).status(), 200);
  const dialog = byTestId(page, 'user-sessions-dialog');
  await dialog.locator('[data-testid="session-row"]').first().waitFor();
  const endAll = waitForApi(page, 'DELETE', /^\/api\/v1\/users\/\d+\/sessions$/);
  await byTestId(page, 'user-sessions-end-all').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  const endAllRes = await endAll;
  assert.equal(endAllRes.status(), 200);
  assert.ok((await endAllRes.json()).ended >= 1);
  assert.equal((await organizer.page.request.get('/api/v1/auth/me')).status(), 401);
  await shot(page, 'accounts-3-user-sessions');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // The same pages in English.
  await byTestId(page, 'lang-switch').click();
  await byTestId(page, 'lang-en').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.goto('/sessions');
  await byTestId(page, 'session-current').waitFor();
  assert.match(await byTestId(page, 'session-current').innerText(), /This session/);
  await page.goto('/login-log');
  await byTestId(page, 'login-log-outcome').first().waitFor();
  assert.match(await byTestId(page, 'login-log-outcome').first().innerText(), /Signed in/);
  assert.doesNotMatch(await page.locator('.page-card').innerText(), /[\u4e00-\u9fff]/);
  assert.deepEqual(page.problems, []);
  await other.context.close();
  await organizer.context.close();
  await context.close();
});
