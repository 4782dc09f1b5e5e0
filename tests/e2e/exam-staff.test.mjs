// Flow: the staff side of an exam on the demo class. The admin builds a question
// bank on the 题库 page (a single choice without a correct option is refused with
// the error under the options field; fixed, it saves; a true/false and a short
// answer too; a multiple choice and a fill-in come through the API), filters it by
// kind. The head teacher opens the class's 考试 tab on a new exam session (made
// through the timetable API so it runs now), picks the five questions, previews
// the paper as a trainee sees it (five questions, no key) and makes it. Three
// trainees (invites through the API) start; two answer and submit; the live
// monitor shows 2 submitted and 1 in progress with time left. The head teacher
// grades the short answers (4 and 1 of 5) and releases the results: the trainee
// then reads score, pass and key. 成绩统计 shows 2 papers, mean 9.0 of 14, pass
// rate 50.0%, the first question's facility 0.50, and draws its charts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, tempFile, waitForApi } from './lib/harness.mjs';
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

const localAt = (ms, offsetMinutes) => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16);

/** A session of kind exam running now (started two minutes ago, an hour long). */
async function examSessionNow(csrf, cls) {
  const start = Math.floor((Date.now() - 2 * 60_000) / 60_000) * 60_000;
  const offset = cls.utc_offset_minutes ?? 480;
  const res = await api.post(`/api/v1/classes/${cls.id}/sessions`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { kind: 'exam', title: '随堂测验', start: localAt(start, offset), end: localAt(start + 60 * 60_000, offset), accept_conflicts: true },
  });
  assert.ok([200, 201].includes(res.status()), `exam session: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** A trainee's own API context, signed in through an invite the admin issues. */
async function traineeApi(csrf, personId) {
  const inv = await api.post('/api/v1/auth/invites', { headers: { 'X-CSRF-Token': csrf }, data: { person_id: personId } });
  assert.equal(inv.status(), 201, await inv.text());
  const { token } = await inv.json();
  const ctx = await request.newContext({ baseURL: env.server.url });
  const login = await ctx.post(`/api/v1/auth/invite/${encodeURIComponent(token)}`);
  assert.equal(login.status(), 200, await login.text());
  return { ctx, csrf: (await login.json()).csrf_token };
}

async function pickOption(page, testid, label) {
  await byTestId(page, testid).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

test('bank, exam with preview, monitor, grading, release and statistics', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const session = await examSessionNow(csrf, cls);
  assert.ok(session.id, JSON.stringify(session));
  const headTeacher = /^head teacher \([^)]*\): (\S+) (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(headTeacher, 'the demo prints the head teacher sign-in');
  const bankName = `E2E题库${Date.now() % 100000}`;

  // ---- the admin builds the bank on the 题库 page
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await byTestId(page, 'menu-question-banks').first().click();
    await page.waitForURL((u) => u.pathname === '/question-banks');
    await byTestId(page, 'bank-new').click();
    await byTestId(page, 'bank-name').fill(bankName);
    const made = waitForApi(page, 'POST', /^\/api\/v1\/question-banks$/);
    await byTestId(page, 'bank-save').click();
    assert.equal((await made).status(), 201);
    const bank = await (await made).json();
    await page.locator('[data-testid="bank-pick"]', { hasText: bankName }).waitFor();

    // A single choice with no correct option: refused, the error under the options.
    await byTestId(page, 'question-add').click();
    const dialog = byTestId(page, 'question-dialog');
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'question-stem').fill('党支部一般多久召开一次党员大会？');
    for (const [i, text] of ['每月', '每季度', '每半年', '每年'].entries()) {
      await byTestId(page, `question-option-${i}`).fill(text);
    }
    await byTestId(page, 'question-points').locator('input').fill('2');
    let saved = waitForApi(page, 'POST', new RegExp(`^/api/v1/question-banks/${bank.id}/questions$`));
    await byTestId(page, 'question-save').click();
    assert.equal((await saved).status(), 422);
    const fieldError = dialog.locator('.el-form-item.is-error .el-form-item__error');
    await fieldError.first().waitFor();
    assert.match(await fieldError.first().innerText(), /正确/);
    await shot(page, 'exam-staff-question-field-error');
    // Fixed: B is correct.
    await byTestId(page, 'question-correct-1').click();
    saved = waitForApi(page, 'POST', new RegExp(`^/api/v1/question-banks/${bank.id}/questions$`));
    await byTestId(page, 'question-save').click();
    assert.equal((await saved).status(), 201);
    await dialog.waitFor({ state: 'hidden' });

    // True/false (对), 1 point.
    await byTestId(page, 'question-add').click();
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'question-kind-true_false').click();
    await byTestId(page, 'question-stem').fill('党员应当按期交纳党费。');
    await byTestId(page, 'question-tf-true').click();
    await byTestId(page, 'question-points').locator('input').fill('1');
    saved = waitForApi(page, 'POST', new RegExp(`^/api/v1/question-banks/${bank.id}/questions$`));
    await byTestId(page, 'question-save').click();
    assert.equal((await saved).status(), 201);
    await dialog.waitFor({ state: 'hidden' });

    // Short answer with a rubric, 5 points.
    await byTestId(page, 'question-add').click();
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'question-kind-short_answer').click();
    await byTestId(page, 'question-stem').fill('简述社区党组织书记如何做好群众工作。');
    await byTestId(page, 'question-rubric').fill('联系群众、服务群众、依靠群众');
    await byTestId(page, 'question-points').locator('input').fill('5');
    saved = waitForApi(page, 'POST', new RegExp(`^/api/v1/question-banks/${bank.id}/questions$`));
    await byTestId(page, 'question-save').click();
    assert.equal((await saved).status(), 201);
    await dialog.waitFor({ state: 'hidden' });

    // A multiple choice (partial credit) and a fill-in through the API.
    for (const q of [
      { kind: 'multiple', stem: '下列属于“两新”组织的是', options: ['非公有制企业', '机关', '社会组织', '事业单位'], correct: [0, 2], credit: 'partial', points: 4 },
      { kind: 'fill_in', stem: '党的组织生活基本制度是____。', accepted: ['三会一课'], points: 2 },
    ]) {
      const r = await api.post(`/api/v1/question-banks/${bank.id}/questions`, { headers: { 'X-CSRF-Token': csrf }, data: q });
      assert.equal(r.status(), 201, await r.text());
    }
    const reloaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/question-banks/${bank.id}/questions`));
    await page.reload();
    await reloaded;
    await page.locator('[data-testid="question-row"]').nth(4).waitFor();
    assert.equal(await page.locator('[data-testid="question-row"]').count(), 5);
    await pickOption(page, 'bank-filter-kind', '简答题');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="question-row"]').length === 1);
    assert.match(await byTestId(page, 'bank-count').innerText(), /1/);
    await shot(page, 'exam-staff-bank');
  } finally {
    await context.close();
  }

  // ---- the head teacher builds the exam and previews it
  const ht = await newPage(env.browser, env.server);
  const hp = ht.page;
  try {
    await loginUi(hp, headTeacher[1], headTeacher[2]);
    await hp.goto(`/classes/${cls.id}?tab=exams&exam_session=${session.id}`);
    await byTestId(hp, 'exam-builder').waitFor();
    await pickOption(hp, 'exam-bank', bankName);
    await hp.locator('[data-testid="exam-pick-row"]').nth(4).waitFor();
    await byTestId(hp, 'exam-pick-table').locator('thead .el-checkbox').click();
    await hp.locator('[data-testid="exam-chosen"]', { hasText: '5' }).waitFor();
    await byTestId(hp, 'exam-time-limit').locator('input').fill('30');
    await byTestId(hp, 'exam-preview-open').click();
    const preview = byTestId(hp, 'exam-preview');
    await preview.waitFor({ state: 'visible' });
    assert.equal(await preview.locator('[data-testid="preview-question"]').count(), 5);
    const previewText = await preview.innerText();
    assert.match(previewText, /简述社区党组织书记/);
    assert.doesNotMatch(previewText, /联系群众、服务群众|三会一课/, 'the preview shows no key or rubric');
    assert.match(await byTestId(hp, 'exam-preview-summary').innerText(), /14/);
    await shot(hp, 'exam-staff-preview');
    await hp.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    const created = waitForApi(hp, 'POST', /^\/api\/v1\/exams$/);
    await byTestId(hp, 'exam-create').click();
    assert.equal((await created).status(), 201, await (await created).text());
    const exam = await (await created).json();
    await byTestId(hp, 'exam-head').waitFor();
    assert.equal(exam.paper.length, 5);
    assert.equal(exam.total_centi, 1400);

    // ---- three trainees start (through the API); two answer and submit
    const mon = await api.get(`/api/v1/exams/${exam.id}/monitor`);
    assert.equal(mon.status(), 200);
    const people = (await mon.json()).people.slice(0, 3);
    assert.equal(people.length, 3);
    const byKind = Object.fromEntries(exam.paper.map((q) => [q.kind, q]));
    const plans = [
      // all right: 2 + 1 + 4 + 2, and the short answer to grade (4 of 5)
      { single: [byKind.single.correct[0]], true_false: [1], multiple: [0, 2], fill_in: '三会 一课', short: '密切联系群众，服务群众，依靠群众。' },
      // only the multiple choice right: 4, and the short answer (1 of 5)
      { single: [(byKind.single.correct[0] + 1) % 4], true_false: [0], multiple: [0, 2], fill_in: '两学一做', short: '多开会。' },
    ];
    const trainees = [];
    for (const p of people) trainees.push(await traineeApi(csrf, p.person_id));
    try {
      const attempts = [];
      for (const tr of trainees) {
        const r = await tr.ctx.post(`/api/v1/exams/${exam.id}/attempts`, { headers: { 'X-CSRF-Token': tr.csrf } });
        assert.equal(r.status(), 200, await r.text());
        attempts.push(await r.json());
      }
      for (const [i, plan] of plans.entries()) {
        const tr = trainees[i];
        const answers = [
          { question_id: byKind.single.id, selected: plan.single },
          { question_id: byKind.true_false.id, selected: plan.true_false },
          { question_id: byKind.multiple.id, selected: plan.multiple },
          { question_id: byKind.fill_in.id, text: plan.fill_in },
          { question_id: byKind.short_answer.id, text: plan.short },
        ].map((a, k) => ({ ...a, idempotency_key: `e2e-${i}-${k}` }));
        const b = await tr.ctx.post(`/api/v1/attempts/${attempts[i].id}/answers/batch`, { headers: { 'X-CSRF-Token': tr.csrf }, data: { answers } });
        assert.equal(b.status(), 200, await b.text());
        const s = await tr.ctx.post(`/api/v1/attempts/${attempts[i].id}/submit`, { headers: { 'X-CSRF-Token': tr.csrf } });
        assert.equal(s.status(), 200, await s.text());
      }

      // ---- the live monitor: 2 submitted, 1 answering with time left
      const polled = waitForApi(hp, 'GET', new RegExp(`^/api/v1/exams/${exam.id}/monitor$`));
      await byTestId(hp, 'exam-panel-monitor').click();
      assert.equal((await polled).status(), 200);
      await hp.locator('[data-testid="monitor-submitted"]', { hasText: /^2$/ }).waitFor();
      assert.equal((await byTestId(hp, 'monitor-in-progress').innerText()).trim(), '1');
      const answering = hp.locator(`[data-testid="monitor-row"][data-row-id="${people[2].person_id}"]`);
      await answering.locator('[data-testid="monitor-status"][data-status="in_progress"]').waitFor();
      assert.match(await answering.locator('[data-testid="monitor-remaining"]').innerText(), /^\d{1,2}:\d{2}$/);
      const done = hp.locator(`[data-testid="monitor-row"][data-row-id="${people[0].person_id}"]`);
      assert.match(await done.locator('[data-testid="monitor-answered"]').innerText(), /5 \/ 5/);
      await shot(hp, 'exam-staff-monitor');
      await byTestId(hp, 'monitor-filter').locator('label', { hasText: '作答中' }).click();
      await hp.waitForFunction(() => document.querySelectorAll('[data-testid="monitor-row"]').length === 1);
      assert.equal(await answering.count(), 1, 'the one answering is the one shown');

      // ---- grading the short answer, then release
      await byTestId(hp, 'exam-panel-grading').click();
      await byTestId(hp, 'grading-rubric').waitFor();
      await hp.locator('[data-testid="grading-row"]').nth(1).waitFor();
      assert.equal(await hp.locator('[data-testid="grading-row"]').count(), 2);
      for (const [i, score] of [
        [0, '4'],
        [1, '1'],
      ]) {
        const row = hp.locator(`[data-testid="grading-row"][data-attempt-id="${attempts[i].id}"]`);
        assert.match(await row.locator('[data-testid="grading-name"]').innerText(), new RegExp(people[i].name));
        await row.locator('[data-testid="grading-score"] input').fill(score);
        await row.locator('[data-testid="grading-comment"]').fill(i === 0 ? '要点齐全' : '未答要点');
        const graded = waitForApi(hp, 'POST', new RegExp(`^/api/v1/attempts/${attempts[i].id}/grades$`));
        await row.locator('[data-testid="grading-save"]').click();
        assert.equal((await graded).status(), 204);
        await hp.locator(`[data-testid="grading-row"][data-attempt-id="${attempts[i].id}"][data-graded="1"]`).waitFor();
      }
      await shot(hp, 'exam-staff-grading');
      await byTestId(hp, 'exam-release').click();
      const released = waitForApi(hp, 'POST', new RegExp(`^/api/v1/exams/${exam.id}/release$`));
      await hp.locator('.el-message-box__btns .el-button--primary').click();
      assert.equal((await released).status(), 200);
      await byTestId(hp, 'exam-released').waitFor();

      // The trainee now reads score, pass and key.
      const mine = await trainees[0].ctx.get(`/api/v1/exams/${exam.id}/my-result`);
      assert.equal(mine.status(), 200);
      const result = await mine.json();
      assert.equal(result.released, true);
      assert.equal(result.score_centi, 1300);
      assert.equal(result.passed, true);
      assert.ok(result.key.length === 5);

      // ---- statistics
      const stats = waitForApi(hp, 'GET', new RegExp(`^/api/v1/exams/${exam.id}/results$`));
      await byTestId(hp, 'exam-panel-stats').click();
      assert.equal((await stats).status(), 200);
      await hp.locator('[data-testid="stats-attempts"]', { hasText: /^2$/ }).waitFor();
      assert.equal((await byTestId(hp, 'stats-mean').innerText()).trim(), '9.0');
      assert.equal((await byTestId(hp, 'stats-pass-rate').innerText()).trim(), '50.0%');
      const first = hp.locator(`[data-testid="stats-question-row"][data-row-id="${byKind.single.id}"]`);
      assert.equal((await first.locator('[data-testid="stats-facility"]').innerText()).trim(), '0.50');
      assert.match(await first.locator('[data-testid="stats-options"]').innerText(), /A:0\s+B:1\s+C:1\s+D:0/);
      for (const chart of ['stats-chart-distribution', 'stats-chart-items', 'stats-chart-options']) {
        await hp.waitForFunction((id) => {
          const c = document.querySelector(`[data-testid="${id}"] canvas`);
          return c && c.width > 0 && c.height > 0;
        }, chart);
      }
      const scoreOf = (i) => hp.locator(`[data-testid="stats-person-row"][data-row-id="${people[i].person_id}"] [data-testid="stats-person-score"]`);
      assert.equal((await scoreOf(0).innerText()).trim(), '13');
      assert.equal((await scoreOf(1).innerText()).trim(), '5');
      await shot(hp, 'exam-staff-stats');
    } finally {
      for (const tr of trainees) await tr.ctx.dispose();
    }
    assert.deepEqual(hp.problems, []);
  } finally {
    await ht.context.close();
  }
});

// Flow: reflection papers and the course evaluation for the head teacher. Six
// trainees (invites through the API) hand in papers, two of them near-copies; the
// 心得体会 tab lists them with the demo's papers, a grade of 85 with a comment is saved and shown, the
// copied pair is listed with its shared passage highlighted in both papers, and the
// 汇编 PDF downloads. On 教学评估 the head teacher opens the class questionnaire;
// with 4 answers the results say "fewer than 5" and the reminder names the ones
// who have not answered (not those who have); with the 5th the means (4.30) and
// the satisfaction rate (90.0%) show, with the comments and the chart.
test('reflection papers and the course evaluation for the head teacher', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const headTeacher = /^head teacher \([^)]*\): (\S+) (\S+)\s*$/m.exec(env.server.output().stdout);
  const set = await api.put(`/api/v1/classes/${cls.id}/reflection`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { deadline: `${cls.end_date}T18:00`, grading: 'mark' },
  });
  assert.equal(set.status(), 200, await set.text());
  const enr = await api.get(`/api/v1/classes/${cls.id}/enrollments`, { params: { status: 'approved', page_size: 200 } });
  assert.equal(enr.status(), 200, await enr.text());
  const enrolled = ((await enr.json()).items ?? []).filter((e) => e.status === 'approved');
  const chosen = enrolled.slice(10, 16);
  assert.equal(chosen.length, 6);
  const trainees = [];
  for (const e of chosen) trainees.push(await traineeApi(csrf, e.person_id));

  const copied =
    '通过这次培训，我深刻认识到社区党组织书记肩负的责任。在今后的工作中，要把学到的理论运用到实际，密切联系群众，解决群众急难愁盼的问题，推动社区治理水平不断提升。';
  const texts = [
    copied,
    `${copied.replace('。在今后', '；在今后')}我会继续努力。`,
    '专题讲座让我对基层党建工作有了新的理解，尤其是党建引领网格化治理的做法值得借鉴。',
    '几天的学习安排紧凑，现场教学内容丰富，回去以后要组织支部党员认真传达学习。',
    '这次培训理论联系实际，我学会了如何组织好主题党日活动，增强了做好工作的信心。',
    '培训中与各社区书记交流经验，收获很大，今后要在服务群众方面下更大功夫。',
  ];
  try {
    for (const [i, tr] of trainees.entries()) {
      const r = await tr.ctx.post(`/api/v1/classes/${cls.id}/reflections`, { headers: { 'X-CSRF-Token': tr.csrf }, data: { text: texts[i] } });
      assert.equal(r.status(), 201, await r.text());
    }

    const { context, page } = await newPage(env.browser, env.server);
    try {
      await loginUi(page, headTeacher[1], headTeacher[2]);
      // ---- 心得体会
      const listed = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/reflections$`));
      await page.goto(`/classes/${cls.id}?tab=reflection`);
      assert.equal((await listed).status(), 200);
      // The demo's trainees have handed in most papers already (a near-copy pair among
      // them); the six here replace theirs or add to them.
      const papers = (await (await listed).json()).papers;
      for (const e of chosen) assert.ok(papers.some((p) => p.person_id === e.person_id), `${e.person_name}'s paper is listed`);
      await page.locator('[data-testid="reflection-count"]', { hasText: new RegExp(`(^|\\D)${papers.length}(\\D|$)`) }).waitFor();
      const first = papers.find((p) => p.person_id === chosen[0].person_id);
      assert.ok(first, 'the first trainee’s paper is listed');
      const row = page.locator(`[data-testid="paper-row"][data-row-id="${first.id}"]`);
      await row.locator('[data-testid="paper-grade"]').click();
      await byTestId(page, 'paper-text').filter({ hasText: '急难愁盼' }).waitFor();
      await byTestId(page, 'paper-mark').locator('input').fill('85');
      await byTestId(page, 'paper-comment').fill('结合实际，体会深刻');
      const graded = waitForApi(page, 'POST', new RegExp(`^/api/v1/reflections/${first.id}/grade$`));
      await byTestId(page, 'paper-save').click();
      assert.equal((await graded).status(), 200, await (await graded).text());
      await row.locator('[data-testid="paper-result"]', { hasText: '85' }).waitFor();

      // This pair, beside the demo's own near-copies.
      const pair = byTestId(page, 'similar-pair').filter({ hasText: chosen[0].person_name }).filter({ hasText: chosen[1].person_name });
      await pair.first().waitFor();
      assert.equal(await pair.count(), 1, 'the copied pair is listed once');
      const pairText = await pair.innerText();
      assert.ok(pairText.includes(chosen[0].person_name) && pairText.includes(chosen[1].person_name), pairText);
      await pair.locator('[data-testid="similar-compare"]').click();
      for (const side of ['compare-a', 'compare-b']) {
        const marked = (await byTestId(page, side).locator('mark').allInnerTexts()).join('');
        assert.ok(marked.includes('密切联系群众'), `${side} highlights the shared passage: ${marked}`);
      }
      assert.ok(!(await byTestId(page, 'compare-b').locator('mark').allInnerTexts()).join('').includes('我会继续努力'), 'the added sentence is not marked');
      await shot(page, 'exam-staff-reflection-compare');
      await page.keyboard.press('Escape');
      const pdfHref = await byTestId(page, 'reflection-pdf').getAttribute('href');
      const pdf = await page.request.get(pdfHref);
      assert.equal(pdf.status(), 200);
      assert.match(pdf.headers()['content-type'], /application\/pdf/);

      // ---- 教学评估
      await byTestId(page, 'class-tab-evaluation').click();
      await byTestId(page, 'evaluation-open').click();
      await byTestId(page, 'evaluation-open-dialog').waitFor({ state: 'visible' });
      const opened = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/evaluations$`));
      await byTestId(page, 'evaluation-open-save').click();
      assert.equal((await opened).status(), 201, await (await opened).text());
      const questionnaire = await (await opened).json();
      await page.locator(`[data-testid="questionnaire-row"][data-row-id="${questionnaire.id}"]`).waitFor();

      const scores = [
        [5, 4, 4, 5],
        [4, 4, 4, 4],
        [5, 5, 5, 5],
        [3, 4, 4, 3],
        [5, 5, 4, 4],
      ];
      const answer = async (i) => {
        const [content, relevance, delivery, materials] = scores[i];
        const r = await trainees[i].ctx.post(`/api/v1/evaluations/${questionnaire.id}/answers`, {
          headers: { 'X-CSRF-Token': trainees[i].csrf },
          data: { content, relevance, delivery, materials, comment: i === 0 ? '希望增加现场教学' : '' },
        });
        assert.ok([200, 201, 204].includes(r.status()), await r.text());
      };
      for (let i = 0; i < 4; i++) await answer(i);
      let results = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/evaluations/results$`));
      await page.reload();
      await results;
      const card = page.locator(`[data-testid="evaluation-result"][data-questionnaire-id="${questionnaire.id}"]`);
      await card.locator('[data-testid="evaluation-too-few"]').waitFor();
      assert.match(await card.locator('[data-testid="evaluation-too-few"]').innerText(), /不足 5 份/);
      assert.equal(await card.locator('[data-testid="evaluation-mean"]').count(), 0, 'no figure under the threshold');

      // The reminder: names of who has not answered, never of who has.
      const qrow = page.locator(`[data-testid="questionnaire-row"][data-row-id="${questionnaire.id}"]`);
      await qrow.locator('[data-testid="questionnaire-remind"]').click();
      const names = (await byTestId(page, 'pending-names').innerText()).split('、');
      assert.equal(names.length, enrolled.length - 4);
      assert.ok(names.includes(chosen[4].person_name), 'a trainee who has not answered is named');
      for (let i = 0; i < 4; i++) assert.ok(!names.includes(chosen[i].person_name), 'one who answered is not');
      await shot(page, 'exam-staff-evaluation-pending');
      await page.keyboard.press('Escape');

      await answer(4);
      results = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/evaluations/results$`));
      await page.reload();
      await results;
      await card.locator('[data-testid="evaluation-mean"]').waitFor();
      assert.equal((await card.locator('[data-testid="evaluation-mean"]').innerText()).trim(), '4.30');
      assert.equal((await card.locator('[data-testid="evaluation-satisfaction"]').innerText()).trim(), '90.0%');
      assert.match(await card.locator('[data-testid="evaluation-comments"]').innerText(), /希望增加现场教学/);
      await page.waitForFunction(() => {
        const c = document.querySelector('[data-testid="evaluation-chart"] canvas');
        return c && c.width > 0 && c.height > 0;
      });
      await shot(page, 'exam-staff-evaluation-results');
      assert.deepEqual(page.problems, []);
    } finally {
      await context.close();
    }
  } finally {
    for (const tr of trainees) await tr.ctx.dispose();
  }
});

// Flow: the 题库 page imports a sheet made from the downloadable template. The
// template (xlsx, and csv for this test) has one example row of each kind; with
// the single choice's answer changed to Z the import is refused whole, the report
// naming the row; the template as it is imports its five questions, which the
// page then lists and filters by tag; the bank exports back.
test('question import from the template, all or nothing, and export', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const made = await api.post('/api/v1/question-banks', { headers: { 'X-CSRF-Token': csrf }, data: { name: 'E2E导入题库' } });
  assert.equal(made.status(), 201);
  const bank = await made.json();
  const csvRes = await api.get('/api/v1/question-banks/import-template', { params: { format: 'csv' } });
  assert.equal(csvRes.status(), 200);
  const template = await csvRes.text();
  const lines = template.split(/\r?\n/);
  const broken = [...lines];
  broken[1] = lines[1].replace(',B,', ',Z,');
  assert.notEqual(broken[1], lines[1], `the first example row answers B: ${lines[1]}`);

  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto(`/question-banks?bank=${bank.id}`);
    await byTestId(page, 'bank-count').filter({ hasText: '0' }).waitFor();
    const xlsx = await page.request.get(await byTestId(page, 'bank-template').getAttribute('href'));
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'], /spreadsheetml/);

    await byTestId(page, 'bank-import').click();
    await page.locator('.el-dialog[data-testid="import-dialog"]').waitFor({ state: 'visible' });
    await byTestId(page, 'import-file-input').setInputFiles(tempFile('题目.csv', broken.join('\r\n')));
    await byTestId(page, 'import-file-name').waitFor();
    let answered = waitForApi(page, 'POST', new RegExp(`^/api/v1/question-banks/${bank.id}/import`));
    await byTestId(page, 'import-submit').click();
    assert.equal((await answered).status(), 200);
    await byTestId(page, 'import-report').waitFor();
    assert.match(await byTestId(page, 'import-summary').innerText(), /读取 5 行，导入 0 行，错误 1 行/);
    assert.match(await byTestId(page, 'import-errors').innerText(), /2/);
    await shot(page, 'exam-staff-import-refused');

    await byTestId(page, 'import-file-input').setInputFiles(tempFile('题目.csv', template));
    answered = waitForApi(page, 'POST', new RegExp(`^/api/v1/question-banks/${bank.id}/import`));
    await byTestId(page, 'import-submit').click();
    assert.equal((await answered).status(), 200);
    await page.waitForFunction(() => (document.querySelector('[data-testid="import-summary"]')?.textContent ?? '').includes('导入 5 行'));
    await byTestId(page, 'import-close').click();
    await page.locator('[data-testid="question-row"]').nth(4).waitFor();
    assert.equal(await page.locator('[data-testid="question-row"]').count(), 5);
    await pickOption(page, 'bank-filter-tag', '党建基础');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="question-row"]').length === 1);

    const exported = await page.request.get(`/api/v1/question-banks/${bank.id}/export?format=csv`);
    assert.equal(exported.status(), 200);
    assert.match(await exported.text(), /三会一课/);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
