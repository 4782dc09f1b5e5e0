// Flow: the trainee's exam on a phone and the lecturer's evaluation results (issue #12).
// The admin (API) adds an exam session running now to the demo class and builds a
// six-question exam on it from the demo bank. A trainee signs in on a phone-sized
// page (390×844, touch) whose clock runs three hours fast, opens the exam from 我的培训,
// starts it: the countdown follows the server (about 30 minutes left, not the phone's
// clock). They answer two questions, reload mid-exam (answers and time kept), go
// offline (context.setOffline) for three answers: the page says 3 个答案待发送 and keeps
// them in localStorage; back online the queue goes through the batch route with its
// idempotency keys; another phone resumes the same attempt (same answers, same time
// left); they answer the last one and submit. The head teacher (API) then
// reads every answer back (the short answer's text, then, graded, the option counts
// of each choice question) and releases the results: the phone shows the score,
// pass or fail and the key. Then the lecturer: a lecture's questionnaire with 4 answers (made by
// trainees through the API) shows "fewer than 5 answers" and no figure on their
// 我的讲座评估 page once the class has ended; at 5 answers it shows the results.
// Between them, on the same phone: the reflection paper (a typed draft survives a
// reload; past the deadline it is marked late; the grade shows), the class
// evaluation (1-5 tap targets, answered once, then "already answered"), and an exam
// whose session ends within two minutes: the countdown runs out while the phone is
// offline with one answer queued; the server submitted the attempt at the deadline,
// the page says so and that the queued answer did not count, and it was not stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { TIMEOUT_MS, byTestId, loginApi, loginUi, newPage, setUp, shot, tempFile, waitForApi } from './lib/harness.mjs';

const SESSION_TITLE = '随堂测验：基层党建工作实务';
const SHORT_ANSWER = '坚持把党的政治建设摆在首位，抓好“三会一课”，发挥党员先锋模范作用。';
const PHONE_CLOCK_AHEAD_MS = 3 * 3600_000;

let env;
let admin;
let csrf;
let classId;
let examId;
let bankQuestions;
/** question_id -> what the trainee gave: { selected } or { text } */
const given = new Map();
let phoneContext;
let phone;
let trainee;

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

/** A signed-in API context for an approved trainee (through a fresh invite). */
async function traineeApi(personId) {
  const invite = await apiJson(await adminPost('/api/v1/auth/invites', { person_id: personId }), 201);
  const ctx = await request.newContext({ baseURL: env.server.url });
  const token = invite.url.replace(/^\/invite\//, '');
  const info = await apiJson(await ctx.post(`/api/v1/auth/invite/${encodeURIComponent(token)}`), 200);
  return { ctx, csrf: info.csrf_token };
}

test('set-up: an exam session running now with a six-question exam, a trainee with an invite', async () => {
  ({ page: admin } = await newPage(env.browser, env.server));
  csrf = await loginApi(admin.request, 'admin', env.server.adminPassword);
  const classes = await apiJson(await admin.request.get('/api/v1/classes?page=1&page_size=10'), 200);
  const demo = classes.items.find((c) => c.status === 'running') ?? classes.items[0];
  classId = demo.id;

  let start = chinaLocal(-2);
  let end = chinaLocal(60);
  if (end.slice(0, 10) !== start.slice(0, 10)) end = `${start.slice(0, 10)}T23:59`;
  if (start.slice(0, 10) !== chinaLocal(0).slice(0, 10)) start = `${chinaLocal(0).slice(0, 10)}T00:00`;
  const session = await apiJson(
    await adminPost(`/api/v1/classes/${classId}/sessions`, { kind: 'exam', title: SESSION_TITLE, start, end, accept_conflicts: true }),
    201,
  );

  const banks = await apiJson(await admin.request.get('/api/v1/question-banks'), 200);
  assert.ok(banks.items.length > 0, 'the demo has a question bank');
  const bankId = banks.items[0].id;
  const questions = (await apiJson(await admin.request.get(`/api/v1/question-banks/${bankId}/questions`), 200)).items.filter((q) => !q.archived);
  const pick = (kind, n) => questions.filter((q) => q.kind === kind).slice(0, n);
  bankQuestions = [...pick('single', 3), ...pick('multiple', 1), ...pick('true_false', 1), ...pick('short_answer', 1)];
  assert.equal(bankQuestions.length, 6, `the demo bank has every kind: ${questions.map((q) => q.kind)}`);

  const exam = await apiJson(
    await adminPost('/api/v1/exams', {
      session_id: session.id,
      title: SESSION_TITLE,
      bank_id: bankId,
      question_ids: bankQuestions.map((q) => q.id),
      time_limit_minutes: 30,
      shuffle_questions: false,
      shuffle_options: false,
    }),
    201,
  );
  examId = exam.id;

  const enrolled = await apiJson(await admin.request.get(`/api/v1/classes/${classId}/enrollments?page=1&page_size=1&status=approved`), 200);
  trainee = { id: enrolled.items[0].person_id, name: enrolled.items[0].person_name };
  const invite = await apiJson(await adminPost('/api/v1/auth/invites', { person_id: trainee.id }), 201);

  phoneContext = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  phoneContext.setDefaultTimeout(TIMEOUT_MS);
  phoneContext.setDefaultNavigationTimeout(TIMEOUT_MS);
  // The phone's wall clock runs three hours fast: the exam page must not care.
  await phoneContext.addInitScript((ahead) => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + ahead;
  }, PHONE_CLOCK_AHEAD_MS);
  phone = await phoneContext.newPage();
  phone.problems = [];
  phone.on('pageerror', (e) => phone.problems.push(e.message));
  await phone.goto(invite.url);
  await byTestId(phone, 'invite-welcome').waitFor();
});

/** The answer state in the exam bar. */
async function queueState() {
  const el = byTestId(phone, 'exam-queue');
  return { count: Number(await el.getAttribute('data-count')), online: (await el.getAttribute('data-online')) === '1', text: (await el.innerText()).trim() };
}

async function waitQueue(count) {
  await phone.locator(`[data-testid="exam-queue"][data-count="${count}"]`).waitFor();
}

/** Opens question `i` (0-based) through the navigator. */
async function openQuestion(i) {
  await byTestId(phone, 'exam-nav').nth(i).tap();
  await phone.locator(`[data-testid="exam-question"][data-q-index="${i}"]`).waitFor();
  return phone.locator(`[data-testid="exam-question"][data-q-index="${i}"]`);
}

/** Answers question `i`: choice kinds tap options, text kinds type. Returns what was given. */
async function answer(i, { online }) {
  const card = await openQuestion(i);
  const qid = Number(await card.getAttribute('data-question-id'));
  const kind = await card.getAttribute('data-kind');
  let sent = null;
  if (online && kind !== 'short_answer') sent = waitForApi(phone, 'PUT', new RegExp(`^/api/v1/attempts/\\d+/answers$`));
  if (kind === 'short_answer') {
    await card.locator('textarea').fill(SHORT_ANSWER);
    given.set(qid, { text: SHORT_ANSWER });
  } else if (kind === 'multiple') {
    await card.locator('[data-testid="exam-option"][data-option="0"]').tap();
    if (sent) assert.equal((await sent).status(), 200);
    if (online) sent = waitForApi(phone, 'PUT', /^\/api\/v1\/attempts\/\d+\/answers$/);
    await card.locator('[data-testid="exam-option"][data-option="2"]').tap();
    given.set(qid, { selected: [0, 2] });
  } else {
    const option = kind === 'true_false' ? 1 : i % 2;
    await card.locator(`[data-testid="exam-option"][data-option="${option}"]`).tap();
    given.set(qid, { selected: [option] });
  }
  if (sent) {
    const res = await sent;
    assert.equal(res.status(), 200, await res.text());
    const body = res.request().postDataJSON();
    assert.equal(body.question_id, qid);
    assert.ok(body.idempotency_key?.length >= 8, 'each answer carries an idempotency key');
  }
  return { qid, kind };
}

test('the trainee opens the exam from their home; the countdown follows the server, not the phone', async () => {
  await phone.goto('/t');
  const row = phone.locator(`[data-testid="assessment-exam"][data-id="${examId}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(SESSION_TITLE));
  await shot(phone, 'exam-phone-my-classes');
  await row.tap();
  await phone.waitForURL((u) => u.pathname === `/t/exams/${examId}`);
  await byTestId(phone, 'exam-intro').filter({ hasText: '共 6 题' }).waitFor();
  const started = waitForApi(phone, 'POST', new RegExp(`^/api/v1/exams/${examId}/attempts$`));
  await byTestId(phone, 'exam-start').tap();
  assert.equal((await started).status(), 200);
  await byTestId(phone, 'exam-question').first().waitFor();
  assert.equal(await byTestId(phone, 'exam-nav').count(), 6);
  const ms = Number(await byTestId(phone, 'exam-remaining').getAttribute('data-ms'));
  // 30 minutes from the server's start: never the phone's clock, three hours ahead.
  assert.ok(ms > 25 * 60_000 && ms <= 30 * 60_000, `remaining ${ms} ms`);
  assert.match(await byTestId(phone, 'exam-remaining').innerText(), /^(29|30):\d\d$/);
  await shot(phone, 'exam-phone-started');
});

test('answers save as they change and survive a reload mid-exam', async () => {
  await answer(0, { online: true });
  await answer(1, { online: true });
  await waitQueue(0);
  const before = Number(await byTestId(phone, 'exam-remaining').getAttribute('data-ms'));

  await phone.reload();
  await byTestId(phone, 'exam-question').first().waitFor();
  await byTestId(phone, 'exam-answered').filter({ hasText: '已答 2 / 6' }).waitFor();
  const card = await openQuestion(0);
  const first = [...given.values()][0].selected[0];
  assert.equal(await card.locator(`[data-testid="exam-option"][data-option="${first}"]`).getAttribute('aria-checked'), 'true');
  const after = Number(await byTestId(phone, 'exam-remaining').getAttribute('data-ms'));
  assert.ok(after <= before && after > before - 60_000, `same deadline after the reload: ${before} then ${after}`);
});

test('offline for three answers: they wait on the phone, then go through the batch route', async () => {
  await phoneContext.setOffline(true);
  await phone.locator('[data-testid="exam-queue"][data-online="0"]').waitFor();
  let sentWhileOffline = 0;
  const countPuts = (r) => {
    if (/\/api\/v1\/attempts\/\d+\/answers/.test(r.url())) sentWhileOffline++;
  };
  phone.on('requestfinished', countPuts);
  await answer(2, { online: false });
  await answer(3, { online: false });
  await answer(5, { online: false }); // the short answer
  await waitQueue(3);
  const state = await queueState();
  assert.match(state.text, /3 个答案待发送/);
  assert.ok(!state.online);
  const stored = await phone.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => /^peixun\.exam\.\d+\.queue$/.test(k));
    return key ? JSON.parse(localStorage.getItem(key)) : null;
  });
  assert.equal(stored?.length, 3, 'the queue is kept in localStorage');
  assert.equal(new Set(stored.map((a) => a.idempotency_key)).size, 3, 'each queued answer has its own key');
  await shot(phone, 'exam-phone-offline-queue');
  phone.off('requestfinished', countPuts);
  assert.equal(sentWhileOffline, 0);

  const batch = waitForApi(phone, 'POST', /^\/api\/v1\/attempts\/\d+\/answers\/batch$/);
  await phoneContext.setOffline(false);
  const res = await batch;
  assert.equal(res.status(), 200, await res.text());
  const body = res.request().postDataJSON();
  assert.deepEqual(
    body.answers.map((a) => a.idempotency_key).sort(),
    stored.map((a) => a.idempotency_key).sort(),
    'the batch sends the queued answers with their keys',
  );
  await waitQueue(0);
  assert.equal(await phone.evaluate(() => Object.keys(localStorage).filter((k) => /^peixun\.exam\.\d+\.queue$/.test(k)).length), 0);
});

test('another phone resumes the same attempt: same answers, same time left', async () => {
  const invite = await apiJson(await adminPost('/api/v1/auth/invites', { person_id: trainee.id }), 201);
  const other = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    const p2 = await other.newPage();
    await p2.goto(invite.url);
    await byTestId(p2, 'invite-welcome').waitFor();
    await p2.goto(`/t/exams/${examId}?class=${classId}`);
    await byTestId(p2, 'exam-question').first().waitFor();
    await byTestId(p2, 'exam-answered').filter({ hasText: '已答 5 / 6' }).waitFor();
    const here = Number(await byTestId(phone, 'exam-remaining').getAttribute('data-ms'));
    const there = Number(await byTestId(p2, 'exam-remaining').getAttribute('data-ms'));
    assert.ok(Math.abs(here - there) < 15_000, `the same deadline on both phones: ${here} and ${there} ms left`);
    await byTestId(p2, 'exam-nav').nth(5).tap();
    assert.equal(await p2.locator('[data-q-index="5"] textarea').inputValue(), SHORT_ANSWER, 'the short answer typed offline on the first phone');
  } finally {
    await other.close();
  }
});

test('the last answer, then submit; the head teacher reads every answer back through the API, grades and releases', async () => {
  await answer(4, { online: true });
  await waitQueue(0);
  await byTestId(phone, 'exam-answered').filter({ hasText: '已答 6 / 6' }).waitFor();
  await byTestId(phone, 'exam-submit').tap();
  const submitted = waitForApi(phone, 'POST', /^\/api\/v1\/attempts\/\d+\/submit$/);
  await phone.locator('.el-message-box').getByRole('button', { name: '交卷' }).tap();
  assert.equal((await submitted).status(), 200);
  await phone.locator('[data-testid="exam-submitted"][data-by="trainee"]').waitFor();
  await byTestId(phone, 'exam-result-pending').waitFor();
  await shot(phone, 'exam-phone-submitted');

  const m = /^head teacher \([^)]*\): (\S+) (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(m, 'the demo prints the head teacher sign-in');
  const ht = await request.newContext({ baseURL: env.server.url });
  const htCsrf = await loginApi(ht, m[1], m[2]);
  assert.equal(given.size, 6, 'six answers given');
  // The short answer (typed offline) is stored whole; grading it completes the attempt's score.
  const paper = (await apiJson(await ht.get(`/api/v1/exams/${examId}`), 200)).paper;
  for (const [qid, g] of given) {
    if (!g.text) continue;
    const grading = await apiJson(await ht.get(`/api/v1/exams/${examId}/grading?question_id=${qid}`), 200);
    const row = grading.items.find((r) => r.person_id === trainee.id);
    assert.equal(row?.text, g.text, 'the short answer typed offline is stored whole');
    const points = paper.find((q) => q.id === qid).points_centi;
    const graded = await ht.post(`/api/v1/attempts/${row.attempt_id}/grades`, {
      data: { question_id: qid, score_centi: points, comment: '要点齐全' },
      headers: { 'X-CSRF-Token': htCsrf },
    });
    assert.equal(graded.status(), 204, await graded.text());
  }
  // Every chosen option, as the head teacher's results count them.
  const results = await apiJson(await ht.get(`/api/v1/exams/${examId}/results`), 200);
  const mine = results.people.find((p) => p.person_id === trainee.id);
  assert.ok(mine?.attempt_id && mine.score_centi != null, `the trainee's attempt is scored: ${JSON.stringify(mine)}`);
  for (const [qid, g] of given) {
    if (!g.selected) continue;
    const q = results.questions.find((x) => x.question_id === qid);
    assert.ok(q, `question ${qid} is in the results`);
    assert.equal(q.blank, 0, `question ${qid} was answered`);
    for (const o of g.selected) assert.equal(q.option_counts[o], 1, `question ${qid}: option ${o} stored`);
    const others = q.option_counts.reduce((sum, c, o) => sum + (g.selected.includes(o) ? 0 : c), 0);
    assert.equal(others, 0, `question ${qid}: no other option stored`);
  }

  // Released: the phone shows the score, pass or fail, and the key.
  const released = await ht.post(`/api/v1/exams/${examId}/release`, { headers: { 'X-CSRF-Token': htCsrf } });
  assert.equal(released.status(), 200, await released.text());
  await phone.reload();
  await phone.locator('[data-testid="exam-result"][data-released="1"]').waitFor();
  const score = (mine.score_centi / 100).toString();
  assert.match(await byTestId(phone, 'exam-score').innerText(), new RegExp(`^${score.replace('.', '\\.')} / `));
  assert.equal(await byTestId(phone, 'exam-passed').getAttribute('data-passed'), mine.passed ? '1' : '0');
  assert.equal(await byTestId(phone, 'exam-key-item').count(), 6);
  assert.match(await byTestId(phone, 'exam-result').innerText(), /要点齐全/);
  await shot(phone, 'exam-phone-released');
  assert.deepEqual(phone.problems, []);
  await ht.dispose();
});

/** An API context signed in as the demo's head teacher, and its CSRF token. */
async function headTeacher() {
  const m = /^head teacher \([^)]*\): (\S+) (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(m, 'the demo prints the head teacher sign-in');
  const ctx = await request.newContext({ baseURL: env.server.url });
  return { ctx, csrf: await loginApi(ctx, m[1], m[2]) };
}

test('the reflection paper: a typed draft survives a reload, a paper after the deadline is marked late, handed in again as a file, the grade shows', async () => {
  // The deadline was yesterday (class time): a paper handed in now is accepted, marked late.
  const yesterday = chinaLocal(-24 * 60).slice(0, 10);
  await apiJson(
    await admin.request.put(`/api/v1/classes/${classId}/reflection`, {
      data: { deadline: `${yesterday}T18:00`, grading: 'mark' },
      headers: { 'X-CSRF-Token': csrf },
    }),
    200,
  );
  await phone.goto('/t');
  await byTestId(phone, 'assessment-reflection').tap();
  await phone.waitForURL((u) => u.pathname === `/t/classes/${classId}/reflection`);
  assert.match(await byTestId(phone, 'reflection-deadline').innerText(), new RegExp(`截止时间 ${yesterday} 18:00`));
  await byTestId(phone, 'reflection-past').waitFor();
  const text = '通过这次培训，我对基层党建工作有了更深的认识。回去后要把学到的方法用到社区工作中。';
  await phone.locator('textarea[data-testid="reflection-text"]').fill(text);
  await byTestId(phone, 'reflection-draft').waitFor();
  await phone.reload();
  await byTestId(phone, 'reflection-deadline').waitFor();
  assert.equal(await phone.locator('textarea[data-testid="reflection-text"]').inputValue(), text, 'the draft is back after a reload');
  const sent = waitForApi(phone, 'POST', new RegExp(`^/api/v1/classes/${classId}/reflections$`));
  await byTestId(phone, 'reflection-submit').tap();
  assert.equal((await sent).status(), 201);
  const mine = phone.locator('[data-testid="reflection-mine"][data-late="1"]');
  await mine.waitFor();
  assert.match(await byTestId(phone, 'reflection-late').innerText(), /逾期提交/);
  assert.match(await byTestId(phone, 'reflection-grade').innerText(), /尚未评阅/);
  // Until graded it may be handed in again, as a file this time (a txt, read for its text).
  await byTestId(phone, 'reflection-tab-file').tap();
  await byTestId(phone, 'reflection-file').setInputFiles(tempFile('心得体会.txt', `${text}\n（文件版）`));
  const uploaded = waitForApi(phone, 'POST', new RegExp(`^/api/v1/classes/${classId}/reflections\\?filename=`));
  await byTestId(phone, 'reflection-upload').tap();
  assert.equal((await uploaded).status(), 201);
  await byTestId(phone, 'reflection-mine').filter({ hasText: 'txt 文件' }).filter({ hasText: '心得体会.txt' }).waitFor();

  const ht = await headTeacher();
  const list = await apiJson(await ht.ctx.get(`/api/v1/classes/${classId}/reflections`), 200);
  const row = list.papers.find((p) => p.person_id === trainee.id);
  assert.ok(row?.late, 'the server marked the paper late');
  await apiJson(
    await ht.ctx.post(`/api/v1/reflections/${row.id}/grade`, { data: { mark: 86, comment: '联系实际，体会深刻' }, headers: { 'X-CSRF-Token': ht.csrf } }),
    200,
  );
  await ht.ctx.dispose();
  await phone.reload();
  await phone.locator('[data-testid="reflection-mine"][data-graded="1"]').waitFor();
  const grade = await byTestId(phone, 'reflection-grade').innerText();
  assert.match(grade, /86 分/);
  assert.match(grade, /联系实际，体会深刻/);
  assert.equal(await byTestId(phone, 'reflection-submit').count(), 0, 'a graded paper is not handed in again');
  await shot(phone, 'exam-phone-reflection-graded');
});

test('the class evaluation: five-point tap targets, answered once, then an "already answered" state', async () => {
  const q = await apiJson(await adminPost(`/api/v1/classes/${classId}/evaluations`, {}), 201);
  await phone.goto('/t');
  const row = phone.locator(`[data-testid="assessment-evaluation"][data-id="${q.id}"]`);
  assert.equal(await row.getAttribute('data-answered'), '0');
  await row.tap();
  await phone.waitForURL((u) => u.pathname === `/t/evaluations/${q.id}`);
  await byTestId(phone, 'evaluation-submit').waitFor();
  // Every item needs a score: sending with one missing sends nothing.
  let posted = 0;
  const countPosts = (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/evaluations\/\d+\/answers$/.test(r.url())) posted++;
  };
  phone.on('request', countPosts);
  for (const [key, score] of [['content', 5], ['relevance', 4], ['delivery', 5]]) await byTestId(phone, `evaluation-${key}-${score}`).tap();
  await byTestId(phone, 'evaluation-submit').tap();
  await phone.locator('[data-testid="evaluation-item"][data-key="materials"].missing').waitFor();
  assert.equal(posted, 0);
  const box = await byTestId(phone, 'evaluation-materials-4').boundingBox();
  assert.ok(box.width >= 44 && box.height >= 44, `a large touch target: ${JSON.stringify(box)}`);
  await byTestId(phone, 'evaluation-materials-4').tap();
  await phone.locator('textarea[data-testid="evaluation-comment"]').fill('希望多安排案例教学');
  const sent = waitForApi(phone, 'POST', new RegExp(`^/api/v1/evaluations/${q.id}/answers$`));
  await byTestId(phone, 'evaluation-submit').tap();
  const res = await sent;
  assert.equal(res.status(), 201, await res.text());
  assert.deepEqual(res.request().postDataJSON(), { content: 5, relevance: 4, delivery: 5, materials: 4, comment: '希望多安排案例教学' });
  await byTestId(phone, 'evaluation-answered').filter({ hasText: '提交成功' }).waitFor();
  phone.off('request', countPosts);

  await phone.reload();
  await byTestId(phone, 'evaluation-answered').filter({ hasText: '你已填写过这份评估' }).waitFor();
  assert.equal(await byTestId(phone, 'evaluation-submit').count(), 0);
  await shot(phone, 'exam-phone-evaluation-answered');
  await phone.goto('/t');
  await phone.locator(`[data-testid="assessment-evaluation"][data-id="${q.id}"][data-answered="1"]`).waitFor();
});

test('at the deadline the server submits the attempt; an answer queued offline that arrives later does not count', async (t) => {
  // An exam session that ends in one to two minutes: the deadline is capped at its end.
  const start = chinaLocal(-2);
  const end = chinaLocal(2);
  if (start.slice(0, 10) !== end.slice(0, 10)) {
    t.skip('too close to midnight (China time) for a session ending in two minutes');
    return;
  }
  const session = await apiJson(
    await adminPost(`/api/v1/classes/${classId}/sessions`, { kind: 'exam', title: `${SESSION_TITLE}（补测）`, start, end, accept_conflicts: true }),
    201,
  );
  const singles = bankQuestions.filter((q) => q.kind === 'single').slice(0, 2);
  const exam = await apiJson(
    await adminPost('/api/v1/exams', {
      session_id: session.id,
      title: `${SESSION_TITLE}（补测）`,
      bank_id: singles[0].bank_id,
      question_ids: singles.map((q) => q.id),
      time_limit_minutes: 30,
      shuffle_questions: false,
      shuffle_options: false,
    }),
    201,
  );
  await phone.goto(`/t/exams/${exam.id}?class=${classId}`);
  await byTestId(phone, 'exam-start').tap();
  await byTestId(phone, 'exam-question').first().waitFor();
  const ms = Number(await byTestId(phone, 'exam-remaining').getAttribute('data-ms'));
  assert.ok(ms <= 2 * 60_000, `capped at the session's end: ${ms} ms left`);
  const first = waitForApi(phone, 'PUT', /^\/api\/v1\/attempts\/\d+\/answers$/);
  await phone.locator('[data-q-index="0"] [data-testid="exam-option"][data-option="1"]').tap();
  assert.equal((await first).status(), 200);

  await phoneContext.setOffline(true);
  await openQuestion(1);
  await phone.locator('[data-q-index="1"] [data-testid="exam-option"][data-option="2"]').tap();
  await waitQueue(1);
  // The countdown (server time) runs out while the phone is offline.
  await byTestId(phone, 'exam-time-up').waitFor({ timeout: 3 * 60_000 });
  await phoneContext.setOffline(false);
  await phone.locator('[data-testid="exam-submitted"][data-by="server"]').waitFor({ timeout: 60_000 });
  await byTestId(phone, 'exam-auto-submitted').filter({ hasText: '时间到，系统已按截止时的答案自动交卷' }).waitFor();
  await byTestId(phone, 'exam-late-refused').filter({ hasText: '1 个答案在截止时间之后才送达，按规定不计入' }).waitFor();
  await shot(phone, 'exam-phone-auto-submitted');

  const ht = await headTeacher();
  const results = await apiJson(await ht.ctx.get(`/api/v1/exams/${exam.id}/results`), 200);
  const [q1, q2] = singles.map((s) => results.questions.find((x) => x.question_id === s.id));
  assert.equal(q1.option_counts[1], 1, 'the answer given in time counts');
  assert.equal(q2.blank, 1, 'the answer that arrived after the deadline was not stored');
  await ht.ctx.dispose();
  assert.deepEqual(phone.problems, []);
});

test('a lecturer sees no result for a lecture with 4 answers, and sees it at 5', async () => {
  const sessions = await apiJson(await admin.request.get(`/api/v1/classes/${classId}/sessions`), 200);
  // The demo has evaluated day 1's lectures already: take a lecturer none of whose
  // lectures has a questionnaire, so their page holds only this one.
  const opened = await apiJson(await admin.request.get(`/api/v1/classes/${classId}/evaluations`), 200);
  const evaluated = new Set(opened.map((q) => q.lecturer_id).filter(Boolean));
  assert.ok(evaluated.size > 0, 'the demo has evaluated lectures');
  const lecture = sessions.items.find((s) => s.kind === 'lecture' && s.lecturer_id && !evaluated.has(s.lecturer_id));
  assert.ok(lecture, 'the demo class has a lecture with a lecturer not yet evaluated');
  const made = await apiJson(await adminPost('/api/v1/users', { username: 'jiangshi', display_name: '讲座老师', role: 'lecturer' }), 201);
  await apiJson(
    await admin.request.patch(`/api/v1/lecturers/${lecture.lecturer_id}`, { data: { user_id: made.user.id }, headers: { 'X-CSRF-Token': csrf } }),
    200,
  );
  const questionnaire = await apiJson(await adminPost(`/api/v1/classes/${classId}/evaluations`, { session_id: lecture.id }), 201);

  const enrolled = await apiJson(await admin.request.get(`/api/v1/classes/${classId}/enrollments?page=1&page_size=20&status=approved`), 200);
  const people = enrolled.items.map((e) => e.person_id).slice(1, 6);
  assert.equal(people.length, 5);
  const answerAs = async (personId, score) => {
    const t = await traineeApi(personId);
    const body = { content: score, relevance: score, delivery: 4, materials: 5, comment: `第${score}条意见` };
    await apiJson(await t.ctx.post(`/api/v1/evaluations/${questionnaire.id}/answers`, { data: body, headers: { 'X-CSRF-Token': t.csrf } }), 201);
    await t.ctx.dispose();
  };
  for (const [i, p] of people.slice(0, 4).entries()) await answerAs(p, 2 + (i % 3));
  // Results reach a lecturer once the class has ended.
  await apiJson(await adminPost(`/api/v1/classes/${classId}/status`, { status: 'finished' }), 200);

  const { page: lp, context: lc } = await newPage(env.browser, env.server);
  await loginUi(lp, 'jiangshi', made.password);
  await byTestId(lp, 'menu-my-lectures').first().click();
  await lp.waitForURL((u) => u.pathname === '/my-lectures');
  const row = lp.locator(`[data-testid="lecturer-lecture"][data-id="${questionnaire.id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-visible'), '0');
  assert.equal(await row.getAttribute('data-responses'), '4');
  assert.match(await row.innerText(), /答卷少于 5 份，不显示结果/);
  assert.equal(await row.locator('[data-testid="lecturer-lecture-mean"]').count(), 0, 'no figure under the threshold');
  assert.doesNotMatch(await row.innerText(), /第\d条意见/, 'no comment under the threshold');
  await shot(lp, 'exam-phone-lecturer-4');

  await answerAs(people[4], 5);
  await lp.reload();
  await lp.locator(`[data-testid="lecturer-lecture"][data-id="${questionnaire.id}"][data-visible="1"]`).waitFor();
  const shown = lp.locator(`[data-testid="lecturer-lecture"][data-id="${questionnaire.id}"]`);
  assert.equal(await shown.getAttribute('data-responses'), '5');
  // content scores 2,3,4,2,5; relevance the same; delivery 4s; materials 5s: mean of 20 scores.
  const mean = (2 + 3 + 4 + 2 + 5) * 2 / 20 + (4 * 5 + 5 * 5) / 20;
  assert.equal(await shown.locator('[data-testid="lecturer-lecture-mean"]').innerText(), mean.toFixed(2));
  assert.match(await shown.innerText(), /第5条意见/);
  await shot(lp, 'exam-phone-lecturer-5');
  await lc.close();
});
