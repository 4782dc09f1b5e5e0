// Flow (issue 9, items 9, 10 and 11): the timetable's 学时 per trainee, and what the
// trainee's phone says.
// A check-in 20 minutes into a session reads in orange "签到成功 hh:mm，迟到 N 分钟",
// one past half the session in red "签到已记录 hh:mm，…，按缺勤计" — never a green
// "签到成功" for what the record counts as an absence — and each is said once (no
// repeated time, no "方向："). The projector shows the late one in orange too. On the
// trainee's own page, sessions still to come read "未结束" with "未开始", never
// "缺勤：未签到", and once a session is counted absent the completion outlook names it
// ("缺勤 1 次（结业仪式 MM-DD 10:30），超过上限 0 次").
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { TIMEOUT_MS, byTestId, loginApi, newPage, screenshotDir, setUp, shot, waitForApi } from './lib/harness.mjs';
import { badgeToken, badgeTokens } from './lib/attendance.mjs';

let env;
let admin;
let csrf;
let phone;
let classId;
let trainee;
/** set-up could not place the sessions within today's China date (close to midnight) */
let nearMidnight = false;
const sessions = {};

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

async function addSession(title, startIn, endIn) {
  return apiJson(
    await adminPost(`/api/v1/classes/${classId}/sessions`, {
      kind: 'lecture',
      title,
      start: chinaLocal(startIn),
      end: chinaLocal(endIn),
      accept_conflicts: true,
    }),
    201,
  );
}

/** Opens the session's current check-in code on the phone and taps; the answer's JSON. */
async function checkIn(session) {
  const qr = await apiJson(await admin.request.get(`/api/v1/sessions/${session.id}/qr?direction=in`), 200);
  await phone.goto(qr.url);
  const button = byTestId(phone, 'checkin-button');
  await button.waitFor();
  const answered = waitForApi(phone, 'POST', /^\/api\/v1\/checkin$/);
  await button.tap();
  const res = await answered;
  assert.equal(res.status(), 200, await res.text());
  return res.json();
}

/** The phone's answer card: its text, the message line and its colour. */
async function answerCard() {
  const card = byTestId(phone, 'checkin-result');
  await card.waitFor();
  const message = byTestId(phone, 'checkin-message');
  return {
    level: await card.getAttribute('data-level'),
    meaning: await card.getAttribute('data-meaning'),
    at: await card.getAttribute('data-at'),
    text: await card.innerText(),
    message: (await message.innerText()).trim(),
    color: await message.evaluate((el) => getComputedStyle(el).color),
  };
}

test('set-up: two sessions running now, one begun 20 and one 50 minutes ago; a trainee signed in on a phone', async () => {
  ({ page: admin } = await newPage(env.browser, env.server));
  csrf = await loginApi(admin.request, 'admin', env.server.adminPassword);
  const classes = await apiJson(await admin.request.get('/api/v1/classes?page=1&page_size=10'), 200);
  const demo = classes.items.find((c) => c.status === 'running') ?? classes.items[0];
  classId = demo.id;

  // Item 9: the 课程表 shows one trainee's 学时 — 24 in all, 7 on day 1 — not the 48.5
  // and 14 that adding the eight groups' parallel discussions gave.
  await admin.goto(`/classes/${classId}?tab=timetable`);
  const total = byTestId(admin, 'timetable-total');
  await total.waitFor();
  assert.equal(await total.getAttribute('data-max'), '24');
  assert.match(await total.innerText(), /每名学员 24 学时/);
  assert.doesNotMatch(await total.innerText(), /48\.5/);
  const days = await admin.locator('[data-testid="timetable-day-hours"]').allInnerTexts();
  assert.deepEqual(days, ['每名学员 7 学时', '每名学员 8 学时', '每名学员 6 学时', '每名学员 3 学时']);
  await shot(admin, 'checkin-meaning-timetable-total');

  // Both sessions must lie within today's China date: not in the first hour after
  // midnight nor the last 40 minutes before it.
  const today = chinaLocal(0).slice(0, 10);
  nearMidnight = chinaLocal(-55).slice(0, 10) !== today || chinaLocal(65).slice(0, 10) !== today;
  if (nearMidnight) return;
  // 20 min into 80: late (after 5 min), not absent (not past 40).
  sessions.late = await addSession('签到含义演练：迟到', -20, 60);
  // 50 min into 80: past half the session.
  sessions.absent = await addSession('签到含义演练：超过一半', -50, 30);

  const enrolled = await apiJson(
    await admin.request.get(`/api/v1/classes/${classId}/enrollments?page=1&page_size=1&status=approved`),
    200,
  );
  trainee = { id: enrolled.items[0].person_id, name: enrolled.items[0].person_name };
  const invite = await apiJson(await adminPost('/api/v1/auth/invites', { person_id: trainee.id }), 201);
  const context = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  phone = await context.newPage();
  await phone.goto(invite.url);
  await byTestId(phone, 'invite-welcome').waitFor();
});

test('a late check-in reads in orange with the minutes late, said once; the projector agrees', async (t) => {
  if (nearMidnight) return t.skip('too close to midnight in China for sessions begun 50 minutes ago');
  await admin.goto(`/classes/${classId}/sessions/${sessions.late.id}/projector`);
  await admin.locator('[data-testid="projector-live"][data-connected="true"]').waitFor();

  const answer = await checkIn(sessions.late);
  assert.equal(answer.meaning.code, 'late');
  assert.equal(answer.meaning.level, 'warning');
  assert.ok(answer.meaning.minutes >= 20, `late by ${answer.meaning.minutes} min`);

  const card = await answerCard();
  assert.equal(card.level, 'warning');
  assert.equal(card.meaning, 'late');
  assert.equal(card.message, `签到成功 ${card.at}，迟到 ${answer.meaning.minutes} 分钟`);
  assert.equal(card.color, 'rgb(184, 130, 48)', 'the message is orange');
  // Said once: the time appears once on the card, and no direction line.
  assert.equal(card.text.split(card.at).length - 1, 1, card.text);
  assert.doesNotMatch(card.text, /方向/);
  await shot(phone, 'checkin-meaning-late');

  const latest = admin.locator('[data-testid="projector-latest"][data-level="warning"]');
  await latest.filter({ hasText: trainee.name }).waitFor();
  assert.match(await latest.innerText(), /迟到 \d+ 分钟/);
  await shot(admin, 'checkin-meaning-projector-late');
});

test('the kiosk shows a late badge scan in orange with the same words', async (t) => {
  if (nearMidnight) return t.skip('too close to midnight in China for sessions begun 50 minutes ago');
  const enrolled = await apiJson(
    await admin.request.get(`/api/v1/classes/${classId}/enrollments?page=2&page_size=1&status=approved`),
    200,
  );
  const other = { id: enrolled.items[0].person_id, name: enrolled.items[0].person_name };
  const token = badgeToken(await badgeTokens(admin.request, classId), other.id);
  await admin.goto(`/kiosk/${sessions.late.id}`);
  await byTestId(admin, 'kiosk-session-title').filter({ hasText: sessions.late.title }).waitFor();
  await admin.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'kiosk-input');
  const answered = admin.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/kiosk/scan');
  await admin.keyboard.type(token);
  await admin.keyboard.press('Enter');
  const res = await answered;
  assert.equal(res.status(), 200, await res.text());
  const answer = await res.json();
  assert.equal(answer.meaning.code, 'late');
  const result = admin.locator('[data-testid="kiosk-result"][data-kind="ok"][data-level="warning"]');
  await result.waitFor();
  assert.equal((await byTestId(admin, 'kiosk-message').innerText()).trim(), `签到成功 ${answer.at}，迟到 ${answer.meaning.minutes} 分钟`);
  assert.equal(await result.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(181, 96, 12)', 'an orange card');
  await shot(admin, 'checkin-meaning-kiosk-late');
});

test('a check-in past half the session reads in red as counted absent, never as 签到成功', async (t) => {
  if (nearMidnight) return t.skip('too close to midnight in China for sessions begun 50 minutes ago');
  const answer = await checkIn(sessions.absent);
  assert.equal(answer.meaning.code, 'absent');
  assert.equal(answer.meaning.level, 'danger');

  const card = await answerCard();
  assert.equal(card.level, 'danger');
  assert.match(card.message, new RegExp(`^签到已记录 ${card.at}，晚于开始 \\d+ 分钟，超过课程一半时间，按缺勤计$`));
  assert.doesNotMatch(card.text, /签到成功/);
  assert.equal(card.color, 'rgb(196, 86, 86)', 'the message is red');
  assert.equal(card.text.split(card.at).length - 1, 1, card.text);
  await shot(phone, 'checkin-meaning-absent');
});

test("the trainee's page: sessions to come read as pending, and the absence that decides is named", async (t) => {
  if (nearMidnight) return t.skip('too close to midnight in China for sessions begun 50 minutes ago');
  // The head teacher records the closing ceremony as absent (a correction decides at
  // once, before the session): the trainee can no longer complete.
  const timetable = await apiJson(await admin.request.get(`/api/v1/classes/${classId}/sessions`), 200);
  const closing = timetable.items.find((s) => s.title === '结业仪式');
  assert.ok(closing, 'the seed class ends with 结业仪式');
  await apiJson(
    await adminPost(`/api/v1/sessions/${closing.id}/corrections`, {
      person_id: trainee.id,
      status: 'absent',
      reason: '已告知不参加结业仪式',
    }),
    201,
  );

  await phone.goto('/t');
  const panel = phone.locator(`[data-testid="my-attendance"][data-class-id="${classId}"]`);
  await panel.waitFor();
  await panel.locator('[data-testid="my-completion"][data-state="ineligible"]').waitFor();
  await panel.locator('[data-testid="my-attendance-toggle"]').tap();
  await panel.locator('[data-testid="my-attendance-row"]').first().waitFor();

  // Tomorrow onwards (the demo opens on day 2) is still to come: pending, explained as not started.
  const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const future = timetable.items.filter((s) => s.start.slice(0, 10) >= tomorrow && s.id !== closing.id);
  assert.ok(future.length >= 4, 'sessions on the days to come');
  for (const s of future) {
    const row = panel.locator(`[data-testid="my-attendance-row"][data-id="${s.id}"]`);
    if ((await row.count()) === 0) continue; // another group's discussion
    assert.equal(await row.getAttribute('data-status'), 'pending', s.title);
    const text = await row.innerText();
    assert.match(text, /未结束/, s.title);
    assert.match(text, /未开始/, s.title);
    assert.doesNotMatch(text, /缺勤/, s.title);
  }
  for (const text of await panel.locator('[data-testid="my-attendance-row"][data-status="pending"]').allInnerTexts()) {
    assert.doesNotMatch(text, /缺勤：未签到/);
  }

  // The outlook names the session that decided it.
  const label = `结业仪式 ${closing.start.slice(5, 10)} ${closing.start.slice(11, 16)}`;
  const reasons = await panel.locator('[data-testid="my-completion-reasons"]').innerText();
  assert.ok(reasons.includes(label), `${label} in: ${reasons}`);
  assert.match(reasons, /缺勤 \d+ 次（[^）]+），超过上限 0 次/);
  assert.match(await panel.locator('[data-testid="my-completion-state"]').innerText(), /已不能结业/);
  await shot(phone, 'checkin-meaning-my-attendance');
  await panel.screenshot({ path: path.join(screenshotDir(), 'checkin-meaning-my-attendance-panel.png') });
});
