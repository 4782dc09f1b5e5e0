// Flow: each staff role's start page (工作台) on the demo, with real figures checked
// against the services' own endpoints:
//   - the head teacher, on a phone-sized page (390×844, touch): a session running now
//     (made through the API, two trainees checked in at the kiosk) or the demo's own
//     running one comes first, with its check-in count and the names of who is
//     missing as /sessions/{id}/attendance computes them; the leave waiting, the
//     trainees at risk (the completion module's status) and tomorrow's meal counts
//     match the class's endpoints; the page fits the phone's width; the projector
//     button opens the projector.
//   - the organizer: classes by status, the quota chart and its totals (after the
//     admin raised one unit's quota by one and its liaison nominated one more person,
//     who then waits for approval on the organizer's page).
//   - the liaison: their unit, the class dates, their nominations, their trainees'
//     attendance (one row per approved trainee of their unit).
//   - the admin: users by role, the audit chain verified, the server's version and db.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';
import { badgeToken, badgeTokens, demoClass } from './lib/attendance.mjs';

let env;
let cls;
let csrf;
let logins;
let sessionId;
let nominee;

const localAt = (ms, offsetMinutes) => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16);

async function ok(res, status = 200) {
  const body = await res.text();
  assert.equal(res.status(), status, `${res.url()}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : null;
}

/** Waits for the start page's figures: its API answer, then no loading mask. */
async function loaded(page, answer) {
  assert.equal((await answer).status(), 200);
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'));
}

before(async () => {
  env = await setUp();
  // "head teacher (班主任): banzhuren PASSWORD" and the others.
  logins = Object.fromEntries(
    [...env.server.output().stdout.matchAll(/^([a-z][a-z ]*) \([^)]*\): (\S+) (\S+)\s*$/gm)].map((m) => [
      m[1],
      { username: m[2], password: m[3] },
    ]),
  );
  assert.ok(logins['head teacher'] && logins.organizer && logins.liaison, env.server.output().stdout);
  const api = env.api;
  csrf = await loginApi(api, 'admin', env.server.adminPassword);
  cls = await demoClass(api);

  // A session running now: began 10 minutes ago, for an hour.
  const start = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  const offset = cls.utc_offset_minutes ?? 480;
  const made = await ok(
    await api.post(`/api/v1/classes/${cls.id}/sessions`, {
      headers: { 'X-CSRF-Token': csrf },
      data: {
        kind: 'lecture',
        title: '工作台演练：当前课程',
        start: localAt(start, offset),
        end: localAt(start + 60 * 60_000, offset),
        accept_conflicts: true,
      },
    }),
    201,
  );
  sessionId = (made.session ?? made).id;
  const rows = (await ok(await api.get(`/api/v1/sessions/${sessionId}/attendance`))).items;
  const tokens = await badgeTokens(api, cls.id);
  for (const r of rows.filter((r) => r.status !== 'excused').slice(0, 2)) {
    await ok(
      await api.post('/api/v1/kiosk/scan', {
        headers: { 'X-CSRF-Token': csrf },
        data: {
          session_id: sessionId,
          badge_token: badgeToken(tokens, r.person_id),
          direction: 'in',
          idempotency_key: `e2e-workbench-${r.person_id}`,
        },
      }),
    );
  }

  // One more seat for the liaison's unit, and the liaison nominates the one person of
  // their unit not yet enrolled: a nomination waiting for the organizer.
  const quotas = (await ok(await api.get(`/api/v1/classes/${cls.id}/quotas`))).items;
  const { request } = await import('playwright-core');
  const liaison = await request.newContext({ baseURL: env.server.url });
  try {
    const lcsrf = await loginApi(liaison, logins.liaison.username, logins.liaison.password);
    const own = (await ok(await liaison.get(`/api/v1/classes/${cls.id}/quotas`))).items;
    const unitId = own[0].unit_id;
    await ok(
      await api.put(`/api/v1/classes/${cls.id}/quotas`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { items: quotas.map((q) => ({ unit_id: q.unit_id, seats: q.seats + (q.unit_id === unitId ? 1 : 0) })) },
      }),
    );
    const enrolled = new Set(
      (await ok(await liaison.get(`/api/v1/classes/${cls.id}/enrollments?page_size=200`))).items.map((e) => e.person_id),
    );
    const people = (await ok(await liaison.get('/api/v1/people?page_size=100'))).items;
    nominee = people.find((p) => !enrolled.has(p.id));
    assert.ok(nominee, 'the liaison has someone left to nominate');
    await ok(
      await liaison.post(`/api/v1/classes/${cls.id}/enrollments`, {
        headers: { 'X-CSRF-Token': lcsrf },
        data: { person_id: nominee.id },
      }),
      201,
    );
  } finally {
    await liaison.dispose();
  }
});
after(async () => {
  await env?.tearDown();
});

test("the head teacher's start page on a phone: the running session, who is missing, leave, risk, tomorrow", async () => {
  const context = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const { username, password } = logins['head teacher'];
  // On a phone the menu is a drawer (loginUi waits for the side menu): sign in by hand.
  await page.goto('/login');
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(password);
  const answered = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
  const figures = waitForApi(page, 'GET', /^\/api\/v1\/workbench\/head-teacher$/);
  await byTestId(page, 'login-submit').tap();
  assert.equal((await answered).status(), 200);
  await page.waitForURL((u) => u.pathname === '/workbench');
  await loaded(page, figures);
  const featured = byTestId(page, 'wb-featured');
  await featured.waitFor();
  assert.equal((await byTestId(page, 'wb-featured-phase').innerText()).trim(), '进行中');

  // The figures, as the attendance service computes them for the featured session.
  const sid = Number(await featured.getAttribute('data-session-id'));
  const rows = (await ok(await page.request.get(`/api/v1/sessions/${sid}/attendance`))).items;
  const checked = rows.filter((r) => r.first_checkin_ms != null).length;
  const missing = rows.filter((r) => r.first_checkin_ms == null && r.status !== 'excused').map((r) => r.name);
  if (sid === sessionId) {
    // Our session: the two kiosk check-ins, everyone else missing (none on leave
    // for a session made minutes ago).
    assert.equal(checked, 2);
    assert.equal(missing.length, rows.length - 2);
  }
  assert.match((await byTestId(page, 'wb-checked-in').innerText()).trim(), new RegExp(`^${checked}\\s*/\\s*${rows.length}$`));
  assert.equal(Number(await byTestId(page, 'wb-missing-count').innerText()), missing.length);
  // The first 20 names show; the rest open with one tap.
  if (missing.length > 20) {
    assert.equal(await byTestId(page, 'wb-missing-name').count(), 20);
    await shot(page, 'workbench-head-teacher-phone');
    await byTestId(page, 'wb-missing-all').tap();
  }
  assert.deepEqual(
    (await byTestId(page, 'wb-missing-name').allInnerTexts()).map((s) => s.trim()),
    missing,
    'the missing names, in 姓氏笔画 order',
  );

  // Leave waiting: the class's requested leave.
  const waiting = (await ok(await page.request.get(`/api/v1/classes/${cls.id}/leave?status=requested`))).items;
  assert.ok(waiting.length >= 1, 'the demo has a leave request waiting');
  assert.equal(Number(await byTestId(page, 'wb-leave-count').innerText()), waiting.length);
  // At risk: the completion module's status, at risk and ineligible.
  const completion = await ok(await page.request.get(`/api/v1/classes/${cls.id}/completion`));
  const risky = completion.trainees.filter((t) => t.state === 'at_risk' || t.state === 'ineligible');
  assert.ok(risky.length >= 3, `the demo has trainees at risk: ${risky.length}`);
  assert.equal(Number(await byTestId(page, 'wb-risk-count').innerText()), risky.length);
  assert.equal((await byTestId(page, 'wb-risk-item').first().innerText()).includes('有风险'), true, 'at risk first');
  // Tomorrow's meals: the class's meal counts for tomorrow.
  const meals = await ok(await page.request.get(`/api/v1/classes/${cls.id}/meals`));
  const tomorrow = localAt(Date.now() + 24 * 3_600_000, cls.utc_offset_minutes ?? 480).slice(0, 10);
  const day = meals.days.find((d) => d.date === tomorrow);
  assert.ok(day, `the class has a day tomorrow (${tomorrow})`);
  const lunch = day.meals.find((m) => m.meal === 'lunch');
  assert.match(await page.locator('[data-testid="wb-meal"][data-meal="lunch"]').innerText(), new RegExp(`合计 ${lunch.total} 人`));

  // It fits the phone: nothing wider than the screen.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page width ${width} on a 390 px phone`);

  // The projector, one tap away.
  await byTestId(page, 'wb-projector').click();
  await page.waitForURL((u) => u.pathname === `/classes/${cls.id}/sessions/${sid}/projector`);
  await byTestId(page, 'projector-qr').waitFor();
  await context.close();
});

test("the organizer's start page: classes by status, quotas against enrollment, the nomination waiting", async () => {
  const { page, context } = await newPage(env.browser, env.server);
  const figures = waitForApi(page, 'GET', /^\/api\/v1\/workbench\/organizer$/);
  await loginUi(page, logins.organizer.username, logins.organizer.password);
  await page.waitForURL((u) => u.pathname === '/workbench');
  await loaded(page, figures);
  const classes = (await ok(await page.request.get('/api/v1/classes?page_size=100'))).items;
  const running = classes.filter((c) => c.status === 'running').length;
  assert.equal(Number(await byTestId(page, 'wb-status-running').locator('[data-testid="wb-status-count"]').innerText()), running);

  const quotas = (await ok(await page.request.get(`/api/v1/classes/${cls.id}/quotas`))).items;
  const seats = quotas.reduce((a, q) => a + q.seats, 0);
  const used = quotas.reduce((a, q) => a + q.used, 0);
  const approved = quotas.reduce((a, q) => a + q.approved, 0);
  assert.equal(used, approved + 1, 'one nomination holds a seat');
  const totals = (await byTestId(page, 'wb-quota-totals').innerText()).replace(/\s+/g, ' ');
  assert.match(totals, new RegExp(`名额 ${seats} · 已报名 ${used} · 已批准 ${approved}`));
  await byTestId(page, 'wb-quota-chart').locator('canvas').first().waitFor();

  assert.equal(Number(await byTestId(page, 'wb-pending-count').innerText()), 1);
  assert.equal((await byTestId(page, 'wb-nomination').first().innerText()).includes(nominee.name), true);

  // This year's hours shortfalls: the district ledger's figures, the units most behind first.
  const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
  const district = await ok(await page.request.get(`/api/v1/ledger/district?year=${year}`));
  await byTestId(page, 'wb-hours').waitFor();
  assert.equal((await byTestId(page, 'wb-hours-below').innerText()).trim(), `未达标 ${district.below} 人（应达标 ${district.with_target} 人）`);
  const behind = district.units.filter((u) => u.below > 0).sort((a, b) => b.below - a.below || b.shortfall_hours - a.shortfall_hours);
  assert.ok(behind.length > 0, 'the demo district has units below target this year');
  assert.match(await byTestId(page, 'wb-hours-unit').first().innerText(), new RegExp(`^${behind[0].unit_name}`));
  await byTestId(page, 'wb-hours-ledger').click();
  await page.waitForURL((u) => u.pathname === '/ledger');
  await page.goBack();
  await byTestId(page, 'wb-hours').waitFor();
  await shot(page, 'workbench-organizer');
  await context.close();
});

test("the liaison's start page: their unit's classes, nominations and trainees' attendance", async () => {
  const { page, context } = await newPage(env.browser, env.server);
  const figures = waitForApi(page, 'GET', /^\/api\/v1\/workbench\/liaison$/);
  await loginUi(page, logins.liaison.username, logins.liaison.password);
  await page.waitForURL((u) => u.pathname === '/workbench');
  await loaded(page, figures);
  const enrollments = (await ok(await page.request.get(`/api/v1/classes/${cls.id}/enrollments?page_size=200`))).items;
  const approved = enrollments.filter((e) => e.status === 'approved');
  assert.equal(Number(await byTestId(page, 'wb-nomination-count').innerText()), enrollments.length);
  assert.match(await byTestId(page, 'wb-class-dates').first().innerText(), new RegExp(`${cls.start_date} 至 ${cls.end_date}`));
  assert.match(await byTestId(page, 'wb-nominations-nominated').innerText(), /待审核 1/);
  const table = byTestId(page, 'wb-attendance-table');
  await table.waitFor();
  const names = (await table.locator('.el-table__body-wrapper tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(new Set(names), new Set(approved.map((e) => e.person_name)));
  await shot(page, 'workbench-liaison');
  await context.close();
});

test("the admin's start page: users, the audit chain, the server", async () => {
  const { page, context } = await newPage(env.browser, env.server);
  const figures = waitForApi(page, 'GET', /^\/api\/v1\/workbench\/admin$/);
  await loginUi(page, 'admin', env.server.adminPassword);
  await page.waitForURL((u) => u.pathname === '/workbench');
  await loaded(page, figures);
  const users = await ok(await page.request.get('/api/v1/users?page_size=100'));
  await page.waitForFunction((n) => document.querySelector('[data-testid="wb-users-total"]')?.textContent?.trim() === String(n), users.total);
  assert.match(await byTestId(page, 'wb-audit-state').innerText(), /完整（已校验 \d+ 条）/);
  assert.equal((await byTestId(page, 'wb-audit-hash').innerText()).trim().length, 64);
  assert.equal((await byTestId(page, 'wb-db').innerText()).trim(), 'SQLite');
  assert.match((await byTestId(page, 'wb-version').innerText()).trim(), /^\d+\.\d+\.\d+/);
  await shot(page, 'workbench-admin');
  await context.close();
});
