// Flow: the trainee's home on a phone (issue #11 item 3). The demo's trainee (the
// invite link `peixun demo` prints; day 1 of the class happened, they had approved
// leave for an afternoon) opens the invite in a 390×844 touch context and lands on
// /t: the first screen shows today's sessions with the session running now first and
// its check-in action; 我的考勤 says "已请假 x / y 学时（上限 1/7）" with x and y
// computed here by hand from the timetable (whole-class sessions and their group's
// only — the demo runs parallel group sessions) and their approved leave; no element
// is wider than the screen, also with the leave form and its session picker open; a
// leave request for a session they checked in to meanwhile is refused on the sessions
// field; 我的信息 shows the masked ID number and the phone. Then the same in English.
// A signed-out phone that scans the projector is told to ask the head teacher to
// re-issue the invite, with no password form. Screenshots: build/e2e-screenshots,
// and docs/screenshots when PEIXUN_DOCS_SCREENSHOTS names that folder
// (scripts/trainee-home-screenshots.sh).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { TIMEOUT_MS, byTestId, loginApi, newPage, setUp, shot } from './lib/harness.mjs';

const SESSION_TITLE = '今日专题：基层党组织书记履职能力提升';
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

let env;
let admin;
let csrf;
let classId;
/** the session created running now (whole class) */
let nowSession;
let inviteUrl;
let traineeName;
/** the trainee's phone context and page (signed in through the invite) */
let phoneContext;
let phone;

before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

async function apiJson(res, expected) {
  const body = await res.text();
  assert.equal(res.status(), expected, `${res.url()}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : null;
}

/** "2026-11-29T15:17" in China time (the demo class's zone), `minutes` from now. */
function chinaLocal(minutes) {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** Tenths of a 学时 written as the page writes them: 2.5, 24. */
const hoursText = (tenths) => String(tenths / 10);

/** Elements whose box sticks out of the viewport sideways, and the page's scroll width. */
async function overflow(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > vw + 0.5 || r.left < -0.5) wide.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
    return { vw, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
  });
}

async function assertFits(page, what) {
  const o = await overflow(page);
  assert.equal(o.vw, 390);
  assert.ok(o.scrollWidth <= o.vw, `${what}: the page scrolls sideways (${o.scrollWidth} px)`);
  assert.deepEqual(o.wide, [], `${what}: elements wider than the screen`);
}

/** The phone's first screen (no scrolling), for docs/screenshots when asked. */
async function docShot(page, name) {
  await shot(page, name);
  const dir = process.env.PEIXUN_DOCS_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled' });
}

/** The first screen holds the element: its box lies within the 844 px viewport, unscrolled. */
async function onFirstScreen(locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is shown`);
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `${what} is on the first screen: ${JSON.stringify(box)}`);
}

test('set-up: a session of the whole class running now; the demo prints the trainee invite', async () => {
  ({ page: admin } = await newPage(env.browser, env.server));
  csrf = await loginApi(admin.request, 'admin', env.server.adminPassword);
  const classes = await apiJson(await admin.request.get('/api/v1/classes?page=1&page_size=10'), 200);
  const demo = classes.items.find((c) => c.status === 'running');
  assert.ok(demo, 'the demo class is running');
  classId = demo.id;
  // Check-in opens 30 minutes before the start: open now, on today's China date
  // (near midnight it starts at 00:00 or ends at 23:59).
  let start = chinaLocal(-2);
  let end = chinaLocal(60);
  if (end.slice(0, 10) !== start.slice(0, 10)) end = `${start.slice(0, 10)}T23:59`;
  if (start.slice(0, 10) !== chinaLocal(0).slice(0, 10)) start = `${chinaLocal(0).slice(0, 10)}T00:00`;
  nowSession = await apiJson(
    await admin.request.post(`/api/v1/classes/${classId}/sessions`, {
      data: { kind: 'lecture', title: SESSION_TITLE, start, end, accept_conflicts: true },
      headers: { 'X-CSRF-Token': csrf },
    }),
    201,
  );
  const m = /^trainee \(学员 ([^)]*)\): (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(m, `the demo prints a trainee invite link:\n${env.server.output().stdout}`);
  traineeName = m[1];
  inviteUrl = m[2];
});

test('the home leads with today: the session running now first, with its check-in action', async () => {
  phoneContext = await env.browser.newContext({ baseURL: env.server.url, ...PHONE });
  phoneContext.setDefaultTimeout(TIMEOUT_MS);
  phone = await phoneContext.newPage();
  const problems = [];
  phone.on('pageerror', (e) => problems.push(e.message));

  await phone.goto(inviteUrl);
  await byTestId(phone, 'invite-welcome').waitFor();
  await byTestId(phone, 'invite-go-me').tap();
  await phone.waitForURL((u) => u.pathname === '/t');
  await byTestId(phone, 'trainee-home').waitFor();
  // A fresh sign-in lands on the home too (the start page of a trainee).
  await phone.goto('/');
  await phone.waitForURL((u) => u.pathname === '/t');

  const today = byTestId(phone, 'home-today');
  await today.waitFor();
  const card = phone.locator(`[data-testid="home-today-session"][data-id="${nowSession.id}"]`);
  await card.waitFor();
  assert.equal(await card.getAttribute('data-action'), 'checkin');
  assert.ok((await card.innerText()).includes(SESSION_TITLE));
  const action = card.locator('[data-testid="home-checkin-action"]');
  assert.match(await action.innerText(), /现在签到/);
  assert.match(await action.innerText(), /扫一扫/);
  assert.match(await card.locator('[data-testid="home-today-state"]').innerText(), /未签到/);
  // The session to act on comes first, above the ones of the morning.
  const ids = await phone.locator('[data-testid="home-today-session"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
  assert.equal(ids[0], nowSession.id, `today's order: ${ids}`);
  assert.ok(ids.length >= 2, `the demo's day 2 has sessions for the trainee: ${ids}`);
  await onFirstScreen(today.locator('.section-title'), 'the 今天 heading');
  await onFirstScreen(action, 'the check-in action');
  await assertFits(phone, 'home');
  await docShot(phone, 'trainee-home-zh-CN');
  await shot(phone, 'trainee-home-first-screen');
  assert.deepEqual(problems, []);
});

test("我的考勤: the leave share over the trainee's own programme, computed by hand", async () => {
  // By hand: the trainee's group, the timetable, their approved leave.
  const mine = await apiJson(await phone.request.get(`/api/v1/me/class/${classId}`), 200);
  assert.ok(mine.group, 'the demo trainee is in a group');
  const sessions = (await apiJson(await admin.request.get(`/api/v1/classes/${classId}/sessions`), 200)).items;
  const tenths = (s) => Math.round(s.hours * 10);
  const inProgramme = (s) => !s.group_ids.length || s.group_ids.includes(mine.group.id);
  const programme = sessions.filter(inProgramme).reduce((a, s) => a + tenths(s), 0);
  const everything = sessions.reduce((a, s) => a + tenths(s), 0);
  assert.ok(everything > programme, 'the demo has parallel group sessions: the class total is not one trainee\'s');
  const me = (await apiJson(await phone.request.get('/api/v1/auth/me'), 200)).user;
  const leave = (await apiJson(await admin.request.get(`/api/v1/classes/${classId}/leave`), 200)).items.filter(
    (l) => l.person_id === me.person_id && l.status === 'approved',
  );
  assert.ok(leave.length >= 1, 'the demo trainee had approved leave');
  const onLeave = new Set(leave.flatMap((l) => l.session_ids));
  const excused = sessions.filter((s) => inProgramme(s) && onLeave.has(s.id)).reduce((a, s) => a + tenths(s), 0);
  assert.ok(excused > 0);

  const share = byTestId(phone, 'my-leave-share');
  await share.waitFor();
  assert.equal((await share.innerText()).trim(), `已请假 ${hoursText(excused)} / ${hoursText(programme)} 学时（上限 1/7）`);
  // Each session's status on demand, the approved leave among them.
  await byTestId(phone, 'my-attendance-toggle').tap();
  await phone.locator('[data-testid="my-attendance-row"][data-status="excused"]').first().waitFor();
  // The timetable with the group and the room (roommates), and 请假 below it.
  await byTestId(phone, 'my-class-group').filter({ hasText: mine.group.name }).waitFor();
  if (mine.room) await byTestId(phone, 'my-class-room').filter({ hasText: mine.room.name }).waitFor();
  const order = await phone.evaluate(() =>
    ['home-today', 'my-attendance', 'my-timetable', 'my-leave'].map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? NaN),
  );
  assert.ok(order.every((y, i) => i === 0 || y > order[i - 1]), `today, 我的考勤, 课程表, 请假 in this order: ${order}`);
  await assertFits(phone, 'home with the attendance rows');
});

test('请假: the session picker fits the phone; leave for a session checked in to meanwhile is refused on the field', async () => {
  const leave = byTestId(phone, 'my-leave');
  await leave.scrollIntoViewIfNeeded();
  await leave.locator('[data-testid="leave-add"]').tap();
  await leave.locator('[data-testid="leave-form"]').waitFor();
  const option = leave.locator(`[data-testid="leave-session-option"][data-id="${nowSession.id}"]`);
  await option.waitFor();
  await assertFits(phone, 'the leave form');
  await option.tap();
  await leave.locator('[data-testid="leave-form-reason"]').fill('单位临时召开防汛工作会议');
  await shot(phone, 'trainee-home-leave-form');

  // Meanwhile the trainee scans the projector (its current code, through the API).
  const qr = await apiJson(await admin.request.get(`/api/v1/sessions/${nowSession.id}/qr?direction=in`), 200);
  const signedIn = await apiJson(await phone.request.get('/api/v1/auth/me'), 200);
  const checkin = await phone.request.post('/api/v1/checkin', {
    data: { token: qr.token, idempotency_key: 'trainee-home-e2e-1' },
    headers: { 'X-CSRF-Token': signedIn.csrf_token },
  });
  assert.equal(checkin.status(), 200, await checkin.text());

  const refused = phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/classes/${classId}/leave`);
  await leave.locator('[data-testid="leave-submit"]').tap();
  const res = await refused;
  assert.equal(res.status(), 422, await res.text());
  assert.equal((await res.json()).error.code, 'leave.session.attended');
  const fieldError = leave.locator('[data-testid="leave-item-sessions"] .el-form-item__error');
  await fieldError.filter({ hasText: /已签到/ }).waitFor();
  await shot(phone, 'trainee-home-leave-refused');

  // Back on the page (as after switching apps): without a reload, the session says when
  // the trainee checked in, once, and asks nothing more.
  await phone.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const card = phone.locator(`[data-testid="home-today-session"][data-id="${nowSession.id}"]`);
  await card.locator('[data-testid="home-today-state"]').filter({ hasText: /^已签到 \d\d:\d\d$/ }).waitFor();
  assert.equal(await card.getAttribute('data-action'), '');
});

test('我的信息: the masked ID number and the phone, on its own page', async () => {
  await byTestId(phone, 'home-my-info').tap();
  await phone.waitForURL((u) => u.pathname === '/me');
  const details = byTestId(phone, 'my-info-details');
  await details.waitFor();
  const text = await details.innerText();
  assert.ok(text.includes(traineeName), 'the name');
  assert.match(text, /手机号\s+1\d{10}/, 'the phone');
  assert.match(text, /身份证号\s+\d\*{6,}\d{3}[\dX]/, 'the ID number, masked');
  assert.doesNotMatch(text, /\d{17}[\dX]/, 'never the full ID number');
  assert.equal(await phone.locator('[data-testid="my-attendance"]').count(), 0, '我的考勤 is on the home, not here');
  await assertFits(phone, '我的信息');
  await docShot(phone, 'trainee-my-info-zh-CN');
});

test('an evaluation opened for the trainee shows as a button to its questionnaire, until answered', async () => {
  const open = async (data) =>
    apiJson(await admin.request.post(`/api/v1/classes/${classId}/evaluations`, { data, headers: { 'X-CSRF-Token': csrf } }), 201);
  const lecture = await open({ session_id: nowSession.id });
  const whole = await open({});
  await phone.goto('/t');
  const card = phone.locator(`[data-testid="home-today-session"][data-id="${nowSession.id}"]`);
  const inCard = card.locator(`[data-testid="home-evaluate"][data-id="${lecture.id}"]`);
  await inCard.waitFor();
  assert.equal(await inCard.getAttribute('href'), `/t/evaluations/${lecture.id}`);
  const classWide = phone.locator(`[data-testid="home-evaluate"][data-id="${whole.id}"]`);
  await classWide.waitFor();
  assert.equal(await classWide.getAttribute('href'), `/t/evaluations/${whole.id}`);
  assert.match(await classWide.innerText(), /培训班总体评估/);
  await shot(phone, 'trainee-home-evaluations');
  // Answered: the button goes.
  const signedIn = await apiJson(await phone.request.get('/api/v1/auth/me'), 200);
  const answer = { content: 5, relevance: 5, delivery: 4, materials: 5, comment: '' };
  const answered = await phone.request.post(`/api/v1/evaluations/${lecture.id}/answers`, { data: answer, headers: { 'X-CSRF-Token': signedIn.csrf_token } });
  assert.ok(answered.status() < 300, `${answered.status()} ${await answered.text()}`);
  await phone.reload();
  await classWide.waitFor();
  assert.equal(await phone.locator(`[data-testid="home-evaluate"][data-id="${lecture.id}"]`).count(), 0, 'an answered questionnaire asks no more');
});

test('in English: the same home and 我的信息', async () => {
  await phone.evaluate(() => localStorage.setItem('peixun.lang', 'en'));
  await phone.goto('/t');
  await phone.waitForFunction(() => document.documentElement.lang === 'en');
  const today = byTestId(phone, 'home-today');
  await today.locator('.section-title').filter({ hasText: 'Today' }).waitFor();
  await onFirstScreen(today.locator('.section-title'), 'the Today heading');
  await phone.locator(`[data-testid="home-today-session"][data-id="${nowSession.id}"] [data-testid="home-today-state"]`).filter({ hasText: /^Checked in \d\d:\d\d$/ }).waitFor();
  const share = byTestId(phone, 'my-leave-share');
  await share.waitFor();
  assert.match((await share.innerText()).trim(), /^On leave \d+(\.\d)? \/ \d+(\.\d)? hours \(limit 1\/7\)$/);
  await assertFits(phone, 'home (en)');
  await docShot(phone, 'trainee-home-en');

  await phone.goto('/me');
  const details = byTestId(phone, 'my-info-details');
  await details.waitFor();
  assert.match(await details.innerText(), /ID number/i);
  await assertFits(phone, 'my info (en)');
  await docShot(phone, 'trainee-my-info-en');
  await phoneContext.close();
});

test('a signed-out phone that scans the projector is sent to the head teacher for a new invite, not to a password form', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url, ...PHONE });
  context.setDefaultTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  const qr = await apiJson(await admin.request.get(`/api/v1/sessions/${nowSession.id}/qr?direction=in`), 200);
  await page.goto(qr.url);
  const box = byTestId(page, 'checkin-login-needed');
  await box.waitFor();
  assert.match(await box.innerText(), /个人邀请/);
  assert.match(await byTestId(page, 'checkin-lost-invite').innerText(), /找班主任重新生成.*邀请二维码/);
  assert.equal(await page.locator('input[type="password"]').count(), 0, 'no password field');
  assert.equal(await page.locator('a[href^="/login"]').count(), 0, 'no way to a staff sign-in as the answer');
  await assertFits(page, 'signed-out check-in');
  await shot(page, 'trainee-lost-sign-in');
  // A dead invite (re-issued or revoked) says the same, not just "cannot be used".
  await page.goto('/invite/no-such-invite-token');
  await byTestId(page, 'invite-error').waitFor();
  assert.match(await byTestId(page, 'invite-lost').innerText(), /班主任.*重新生成邀请二维码/);
  assert.equal(await page.locator('input[type="password"]').count(), 0, 'no password field');
  await shot(page, 'trainee-dead-invite');
  await context.close();
});
