// Flow: rotating-QR check-in from a trainee's phone (issue #5).
// The admin (through the API) sets the demo class's QR period to 5 s and adds a
// session running now; the projector page shows a QR whose URL changes each period
// and a live count. A phone-sized page (390×844, touch) opens the QR's URL signed
// out and is told to use the personal invite; the invite signs it in and brings it
// back to the check-in page; one tap checks in and shows the time; the projector's
// count goes up by one without a reload; a second tap after a reload answers
// "已签到 hh:mm" and records nothing twice. The head teacher (admin, API) opens a
// spot check, the trainee confirms it on their start page; then the trainee asks for
// leave (the reason is required) with an attachment and withdraws it; a code from a
// long-gone period is refused with the reason and a hint to scan again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMEOUT_MS,
  byTestId,
  loginApi,
  newPage,
  setUp,
  shot,
  tempFile,
  waitForApi,
  waitUntilShown,
} from './lib/harness.mjs';

const SESSION_TITLE = '扫码签到演练：基层党建工作实务';
const LEAVE_REASON = '单位临时召开防汛工作会议，需回单位参加';

let env;
/** the admin's browser page (projector) and its CSRF token for API calls */
let admin;
let csrf;
/** the trainee's phone page */
let phone;
let classId;
let sessionId;
let trainee;
let inviteUrl;
/** the projector's first code (5 s period): long expired by the end */
let firstQrUrl;

before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

/** "2026-11-29T15:17" in China time (the demo class's zone), `minutes` from now. */
function chinaLocal(minutes) {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

async function apiJson(res, expected) {
  const body = await res.text();
  assert.equal(res.status(), expected, `${res.url()}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : null;
}

const adminPost = (p, data) => admin.request.post(p, { data, headers: { 'X-CSRF-Token': csrf } });

async function qrUrl() {
  const el = byTestId(admin, 'projector-qr');
  await el.waitFor();
  return el.getAttribute('data-url');
}

/** Waits until the projector shows a QR whose URL differs from `before`; returns it. */
async function nextQrUrl(before) {
  await admin.waitForFunction(
    (old) => {
      const el = document.querySelector('[data-testid="projector-qr"]');
      const url = el && el.getAttribute('data-url');
      return !!url && url !== old;
    },
    before,
    { timeout: TIMEOUT_MS },
  );
  return qrUrl();
}

async function projectorCount() {
  return Number(await byTestId(admin, 'projector-count').getAttribute('data-checked-in'));
}

test('set-up: QR period 5 s, a session running now, a trainee with an invite', async () => {
  ({ page: admin } = await newPage(env.browser, env.server));
  csrf = await loginApi(admin.request, 'admin', env.server.adminPassword);

  const classes = await apiJson(await admin.request.get('/api/v1/classes?page=1&page_size=10'), 200);
  const demo = classes.items.find((c) => c.status === 'running') ?? classes.items[0];
  assert.ok(demo, 'the demo class exists');
  classId = demo.id;

  const patched = await apiJson(
    await admin.request.patch(`/api/v1/classes/${classId}`, {
      data: { rules: { qr_period_seconds: 5 } },
      headers: { 'X-CSRF-Token': csrf },
    }),
    200,
  );
  assert.equal(patched.rules.qr_period_seconds, 5);

  // Running now (check-in is open from 30 min before the start to the end), within
  // today's China date; near midnight it starts at 00:00 or ends at 23:59.
  let start = chinaLocal(-2);
  let end = chinaLocal(60);
  if (end.slice(0, 10) !== start.slice(0, 10)) end = `${start.slice(0, 10)}T23:59`;
  if (start.slice(0, 10) !== chinaLocal(0).slice(0, 10)) start = `${chinaLocal(0).slice(0, 10)}T00:00`;
  const session = await apiJson(
    await adminPost(`/api/v1/classes/${classId}/sessions`, {
      kind: 'lecture',
      title: SESSION_TITLE,
      start,
      end,
      requires_checkout: true,
      accept_conflicts: true,
    }),
    201,
  );
  sessionId = session.id;

  const enrolled = await apiJson(
    await admin.request.get(`/api/v1/classes/${classId}/enrollments?page=1&page_size=1&status=approved`),
    200,
  );
  trainee = { id: enrolled.items[0].person_id, name: enrolled.items[0].person_name };
  const invite = await apiJson(await adminPost('/api/v1/auth/invites', { person_id: trainee.id }), 201);
  assert.match(invite.url, /^\/invite\//);
  inviteUrl = invite.url;
});

test('the projector shows a QR that changes each period, and the live count', async () => {
  await admin.goto(`/classes/${classId}/sessions/${sessionId}/projector`);
  await byTestId(admin, 'projector-title').filter({ hasText: SESSION_TITLE }).waitFor();
  const first = await qrUrl();
  firstQrUrl = first;
  assert.match(first, new RegExp(`^/c/${sessionId}/[A-Za-z0-9_-]+$`), 'the QR encodes the phone page of this session');
  assert.ok(await byTestId(admin, 'projector-qr').locator('svg').count(), 'the QR is drawn');
  await byTestId(admin, 'projector-count-label').filter({ hasText: /已签到 0 \/ \d+/ }).waitFor();
  assert.equal(await projectorCount(), 0);
  assert.ok((await byTestId(admin, 'projector-missing-unit').count()) > 0, 'missing trainees by unit');
  await admin.locator('[data-testid="projector-live"][data-connected="true"]').waitFor();
  await shot(admin, 'checkin-projector-1');

  const second = await nextQrUrl(first);
  assert.notEqual(second, first);
  const third = await nextQrUrl(second);
  assert.notEqual(third, second);
  await shot(admin, 'checkin-projector-2');
});

test('a signed-out phone is sent to the invite; the invite brings it back to the check-in page', async () => {
  // Longer windows from here on: a slow machine must not outrun the code between
  // reading it from the projector and the tap.
  await apiJson(
    await admin.request.patch(`/api/v1/classes/${classId}`, {
      data: { rules: { qr_period_seconds: 60 } },
      headers: { 'X-CSRF-Token': csrf },
    }),
    200,
  );
  const context = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: ['geolocation'],
    geolocation: { latitude: 36.6683, longitude: 117.0204 },
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  phone = await context.newPage();
  const problems = [];
  phone.on('pageerror', (e) => problems.push(e.message));

  const url = await qrUrl();
  await phone.goto(url);
  await byTestId(phone, 'checkin-login-needed').waitFor();
  assert.match(await byTestId(phone, 'checkin-login-needed').innerText(), /个人邀请链接/);
  assert.match(await byTestId(phone, 'checkin-login-needed').innerText(), /找班主任重新生成/);
  await shot(phone, 'checkin-phone-signed-out');

  await phone.goto(inviteUrl);
  await phone.waitForURL((u) => u.pathname === url, { timeout: TIMEOUT_MS });
  await byTestId(phone, 'checkin-button').waitFor();
  await byTestId(phone, 'checkin-user').filter({ hasText: trainee.name }).waitFor();
  assert.deepEqual(problems, []);
});

test('one tap checks in and shows the time; the projector counts it without a reload', async () => {
  // The code on the screen once the projector fetched it under the 60 s period.
  await admin.locator('[data-testid="projector-qr"][data-period="60"]').waitFor();
  const current = await qrUrl();
  await phone.goto(current);
  const button = byTestId(phone, 'checkin-button');
  await button.waitFor();
  assert.equal(await button.getAttribute('data-direction'), 'in');
  assert.match(await button.innerText(), /签到/);
  await byTestId(phone, 'checkin-session-title').filter({ hasText: SESSION_TITLE }).waitFor();

  const answered = waitForApi(phone, 'POST', /^\/api\/v1\/checkin$/);
  await button.tap();
  const res = await answered;
  const sent = res.request().postDataJSON();
  assert.equal(res.status(), 200, await res.text());
  assert.ok(sent.idempotency_key && sent.idempotency_key.length >= 8, 'an idempotency key is sent');
  assert.equal(typeof sent.lat, 'number', 'the granted position is sent');
  const result = phone.locator('[data-testid="checkin-result"][data-first="true"]');
  await result.waitFor();
  const time = (await result.getAttribute('data-at')).trim();
  assert.match(time, /^\d\d:\d\d$/);
  // Said once, with what it means (on a slow machine the tap may come after the 5-minute
  // grace: then it says so — checkin-meaning.test.mjs checks the late and absent answers).
  const lateness = (await result.getAttribute('data-meaning')) === 'late' ? '，迟到 \\d+ 分钟' : '';
  assert.match((await byTestId(phone, 'checkin-message').innerText()).trim(), new RegExp(`^签到成功 ${time}${lateness}$`));
  const card = await result.innerText();
  assert.equal(card.split(time).length - 1, 1, `the time once: ${card}`);
  assert.doesNotMatch(card, /方向/);
  await shot(phone, 'checkin-phone-success');

  // The projector: the count goes up by one, pushed (no reload), with the name.
  await admin.locator('[data-testid="projector-count"][data-checked-in="1"]').waitFor();
  await byTestId(admin, 'projector-count-label').filter({ hasText: /已签到 1 \/ \d+/ }).waitFor();
  await byTestId(admin, 'projector-latest').filter({ hasText: trainee.name }).waitFor();
  await shot(admin, 'checkin-projector-counted');

  // A reload and a double tap: one request, answered with the first time; nothing
  // recorded twice.
  await phone.reload();
  await byTestId(phone, 'checkin-button').waitFor();
  let posts = 0;
  const countPosts = (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/checkin') posts += 1;
  };
  phone.on('request', countPosts);
  const again = waitForApi(phone, 'POST', /^\/api\/v1\/checkin$/);
  await byTestId(phone, 'checkin-button').dblclick();
  assert.equal((await again).status(), 200);
  await phone.locator('[data-testid="checkin-result"][data-first="false"]').waitFor();
  phone.off('request', countPosts);
  assert.equal(posts, 1, 'a double tap sends one request');
  assert.match((await byTestId(phone, 'checkin-message').innerText()).trim(), new RegExp(`^已签到 ${time}${lateness}$`));
  await shot(phone, 'checkin-phone-again');
  const qr = await apiJson(await admin.request.get(`/api/v1/sessions/${sessionId}/qr?direction=in`), 200);
  assert.equal(qr.counts.checked_in, 1, 'one check-in recorded');
  assert.equal(await projectorCount(), 1);
});

test('the trainee confirms a spot check opened by the head teacher', async () => {
  const opened = await apiJson(await adminPost(`/api/v1/sessions/${sessionId}/spot-checks`, { minutes: 3 }), 201);
  await phone.goto('/t');
  const card = phone.locator(`[data-testid="spot-check"][data-id="${opened.id}"][data-confirmed="false"]`);
  await card.waitFor();
  await waitUntilShown(phone, '[data-testid="spot-check-confirm"]');
  assert.match(await card.innerText(), /随机点名/);
  assert.ok((await card.innerText()).includes(SESSION_TITLE), 'the session is named');
  await shot(phone, 'checkin-spot-check-open');
  const confirmed = waitForApi(phone, 'POST', new RegExp(`^/api/v1/spot-checks/${opened.id}/confirm$`));
  await card.locator('[data-testid="spot-check-confirm"]').tap();
  assert.equal((await confirmed).status(), 200);
  await phone.locator(`[data-testid="spot-check"][data-id="${opened.id}"][data-confirmed="true"]`).waitFor();
  await byTestId(phone, 'spot-check-confirmed').filter({ hasText: /已确认在场/ }).waitFor();
  await shot(phone, 'checkin-spot-check-confirmed');
  const list = await apiJson(await admin.request.get(`/api/v1/sessions/${sessionId}/spot-checks`), 200);
  assert.equal(list.items.find((s) => s.id === opened.id).confirmed, 1);
});

test('the trainee sees their attendance and asks for leave with a reason', async () => {
  const attendance = phone.locator(`[data-testid="my-attendance"][data-class-id="${classId}"]`);
  await attendance.waitFor();
  await attendance.locator('[data-testid="my-completion"]').waitFor();
  await attendance.locator('[data-testid="my-attendance-toggle"]').tap();
  await attendance.locator(`[data-testid="my-attendance-row"][data-id="${sessionId}"][data-status="attended"]`).waitFor();

  // 请假 is its own section of the home, below the timetable.
  const panel = byTestId(phone, 'my-leave');
  await panel.locator('[data-testid="leave-add"]').tap();
  await panel.locator('[data-testid="leave-form"]').waitFor();
  // Sessions still to come (not the one checked in to): pick the first one offered.
  const option = panel.locator('[data-testid="leave-session-option"]').first();
  await option.waitFor();
  assert.equal(await panel.locator(`[data-testid="leave-session-option"][data-id="${sessionId}"]`).count(), 0, 'no leave for a session checked in to');
  const picked = (await option.innerText()).trim();
  await option.tap();

  // No reason: refused in the form, nothing sent.
  await panel.locator('[data-testid="leave-submit"]').tap();
  await panel
    .locator('[data-testid="leave-item-reason"] .el-form-item__error')
    .filter({ hasText: '请填写请假事由' })
    .waitFor();

  await panel.locator('[data-testid="leave-form-reason"]').fill(LEAVE_REASON);
  await panel.locator('[data-testid="leave-form-attachment"]').setInputFiles(tempFile('会议通知.txt', '关于召开防汛工作会议的通知'));
  await panel.locator('[data-testid="leave-form-attachment-name"]').filter({ hasText: '会议通知.txt' }).waitFor();
  const sent = waitForApi(phone, 'POST', new RegExp(`^/api/v1/classes/${classId}/leave$`));
  await panel.locator('[data-testid="leave-submit"]').tap();
  const res = await sent;
  assert.equal(res.status(), 201, await res.text());
  const body = res.request().postDataJSON();
  assert.equal(body.reason, LEAVE_REASON);
  assert.equal(body.session_ids.length, 1);
  assert.equal(body.attachment_name, '会议通知.txt');
  assert.equal(Buffer.from(body.attachment_base64, 'base64').toString('utf8'), '关于召开防汛工作会议的通知');
  const item = panel.locator('[data-testid="leave-item"][data-status="requested"]').filter({ hasText: LEAVE_REASON });
  await item.waitFor();
  assert.match(await item.locator('[data-testid="leave-status"]').innerText(), /待审批/);
  assert.ok((await item.innerText()).includes('会议通知.txt'), 'the attachment is listed');
  assert.ok((await item.innerText()).includes(picked.replace(/^\S+ /, '')), 'the session is named');
  await shot(phone, 'checkin-leave-requested');

  // Withdrawn while pending.
  await item.locator('[data-testid="leave-cancel"]').tap();
  const cancelled = waitForApi(phone, 'POST', /^\/api\/v1\/leave\/\d+\/cancel$/);
  await phone.locator('.el-message-box .el-button--primary').tap();
  assert.equal((await cancelled).status(), 200);
  await panel.locator('[data-testid="leave-item"][data-status="cancelled"]').filter({ hasText: LEAVE_REASON }).waitFor();
  await shot(phone, 'checkin-leave-cancelled');
});

test('an expired code is refused with the reason and a hint to scan again', async () => {
  // Back to the 5 s period the first code was made under (a window counts in periods).
  await apiJson(
    await admin.request.patch(`/api/v1/classes/${classId}`, {
      data: { rules: { qr_period_seconds: 5 } },
      headers: { 'X-CSRF-Token': csrf },
    }),
    200,
  );
  await phone.goto(firstQrUrl);
  const answered = waitForApi(phone, 'POST', /^\/api\/v1\/checkin$/);
  await byTestId(phone, 'checkin-button').tap();
  const res = await answered;
  assert.equal(res.status(), 422);
  assert.equal((await res.json()).error.code, 'checkin.token.expired');
  await phone.locator('[data-testid="checkin-error"][data-code="checkin.token.expired"]').waitFor();
  assert.match(await byTestId(phone, 'checkin-error-message').innerText(), /二维码已过期/);
  await byTestId(phone, 'checkin-rescan').filter({ hasText: '请扫描屏幕上的最新二维码' }).waitFor();
  await shot(phone, 'checkin-phone-expired');
});
