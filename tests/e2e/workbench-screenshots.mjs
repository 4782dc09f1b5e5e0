// Screenshots of every start page (工作台) from the demo, in zh-CN and en, into
// docs/screenshots/ (committed; the README links them). Not part of the test suite
// (its name does not end in .test.mjs); run it by hand after changing a start page:
//
//   tests/e2e/run.sh build/peixun tests/e2e/workbench-screenshots.mjs
//
// The demo opens on day 2 of the seed class; what the head teacher's page leads with
// depends on the hour it runs (a session running now, else the next, else the last).
// The head teacher's page is taken on a phone (390×844), the others on a desktop.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { byTestId, repoRoot, setUp, waitForApi } from './lib/harness.mjs';

const OUT = path.join(repoRoot, 'docs', 'screenshots');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

let env;
before(async () => {
  env = await setUp();
  fs.mkdirSync(OUT, { recursive: true });
});
after(async () => {
  await env?.tearDown();
});

test('screenshots of each start page in zh-CN and en', async () => {
  const stdout = env.server.output().stdout;
  const logins = [...stdout.matchAll(/^([a-z][a-z ]*) \([^)]*\): (\S+) (\S+)\s*$/gm)].map((m) => ({
    role: m[1].replace(/ /g, '-'),
    username: m[2],
    password: m[3],
  }));
  logins.push({ role: 'admin', username: 'admin', password: env.server.adminPassword });
  assert.ok(logins.length >= 4, stdout);
  const taken = [];
  for (const { role, username, password } of logins) {
    for (const lang of ['zh-CN', 'en']) {
      const context = await env.browser.newContext({
        baseURL: env.server.url,
        ...(role === 'head-teacher' ? PHONE : DESKTOP),
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      await context.addInitScript((l) => localStorage.setItem('peixun.lang', l), lang);
      const page = await context.newPage();
      await page.goto('/login');
      await byTestId(page, 'login-username').fill(username);
      await byTestId(page, 'login-password').fill(password);
      const answered = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
      await byTestId(page, 'login-submit').click();
      assert.equal((await answered).status(), 200, username);
      await page.waitForURL((u) => u.pathname === '/workbench');
      await byTestId(page, 'workbench').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'));
      const file = path.join(OUT, `workbench-${role}.${lang}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      taken.push(path.relative(repoRoot, file));
      await context.close();
    }
  }
  console.log(taken.join('\n'));
  assert.equal(taken.length, logins.length * 2);
});
