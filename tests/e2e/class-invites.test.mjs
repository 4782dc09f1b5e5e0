// Flow: on the demo class's 学员 tab the head teacher's 生成登录邀请 button (here as
// admin) asks to confirm that earlier unused links die, then downloads the A4 sheet of
// invite QR codes; the PDF names the trainees (pdftotext) and one QR decodes
// (pdftoppm + zbarimg) to an /invite/ link of this server; a phone opens it, is signed
// in, and checks in at the projector of a session running now.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byTestId, loginApi, loginUi, newPage, screenshotDir, setUp, shot, waitForApi } from './lib/harness.mjs';
import { demoClass } from './lib/attendance.mjs';

let env;
let api;
before(async () => {
  env = await setUp();
  api = env.api;
});
after(async () => {
  await env?.tearDown();
});

test('学员: 生成登录邀请 downloads a sheet whose QR codes log trainees in', async () => {
  await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    const listed = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/enrollments\\?`));
    await page.goto(`/classes/${cls.id}?tab=enrollment`);
    assert.equal((await listed).status(), 200);
    const button = byTestId(page, 'invites-pdf');
    await button.waitFor({ state: 'visible' });
    assert.equal((await button.innerText()).trim(), '生成登录邀请');
    await button.click();
    const box = page.locator('.el-message-box');
    await box.waitFor({ state: 'visible' });
    assert.match(await box.innerText(), /作废/);
    const answered = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/invites\\.pdf$`));
    const downloaded = page.waitForEvent('download');
    await box.locator('.el-button--primary').click();
    const res = await answered;
    assert.equal(res.status(), 200);
    const download = await downloaded;
    assert.equal(await download.failure(), null);
    const out = screenshotDir();
    const pdfFile = path.join(out, 'class-invites.pdf');
    fs.rmSync(pdfFile, { force: true });
    await download.saveAs(pdfFile);
    assert.equal(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1'), '%PDF-');
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']).toString('utf8').replace(/\s+/g, '');
    const roster = await (await api.get(`/api/v1/classes/${cls.id}/enrollments?status=approved&page_size=100`)).json();
    assert.ok(roster.items.length > 0);
    for (const e of roster.items.slice(0, 20)) assert.ok(flat.includes(e.person_name), `${e.person_name} on the sheet`);
    const prefix = path.join(out, 'class-invites-page');
    execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', `${prefix}.png`]).toString('utf8').trim().split('\n');
    assert.ok(decoded.length >= 1);
    const url = new URL(decoded[0]);
    assert.match(url.pathname, /^\/invite\/[A-Za-z0-9_-]+$/);
    await shot(page, 'class-invites-1-downloaded');
    assert.deepEqual(page.problems, []);

    // The slip in a trainee's hand: a phone opens the decoded link, is signed in, and
    // checks in by scanning the projector of a session running now.
    const csrf = (await (await page.request.get('/api/v1/auth/me')).json()).csrf_token;
    const session = await page.request.post(`/api/v1/classes/${cls.id}/sessions`, {
      data: { kind: 'lecture', title: '邀请签到演练', ...runningNow(), accept_conflicts: true },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(session.status(), 201, await session.text());
    const sessionId = (await session.json()).id;
    const phoneContext = await env.browser.newContext({
      baseURL: env.server.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    try {
      const phone = await phoneContext.newPage();
      await phone.goto(url.pathname);
      await byTestId(phone, 'invite-welcome').waitFor();
      const qr = await (await page.request.get(`/api/v1/sessions/${sessionId}/qr`)).json();
      await phone.goto(qr.url);
      const checkedIn = waitForApi(phone, 'POST', /^\/api\/v1\/checkin$/);
      await byTestId(phone, 'checkin-button').tap();
      assert.equal((await checkedIn).status(), 200);
      await byTestId(phone, 'checkin-message').waitFor();
      assert.match((await byTestId(phone, 'checkin-message').innerText()).trim(), /^签到成功 \d\d:\d\d/);
      await shot(phone, 'class-invites-2-phone-checked-in');
      const counted = await (await page.request.get(`/api/v1/sessions/${sessionId}/qr`)).json();
      assert.equal(counted.counts.checked_in, 1, JSON.stringify(counted.counts));
    } finally {
      await phoneContext.close();
    }
  } finally {
    await context.close();
  }
});

/** A session's start and end (China time, the demo class's zone) running now, within today. */
function runningNow() {
  const local = (minutes) => new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  let start = local(-2);
  let end = local(60);
  if (end.slice(0, 10) !== start.slice(0, 10)) end = `${start.slice(0, 10)}T23:59`;
  if (start.slice(0, 10) !== local(0).slice(0, 10)) start = `${local(0).slice(0, 10)}T00:00`;
  return { start, end };
}
