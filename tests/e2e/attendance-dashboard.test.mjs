// Flow: the admin opens the demo class's 考勤 tab on a session open for check-in (made
// through the timetable API so the test runs at any hour), notes the checked-in count
// while the dashboard is live (server-sent events), then a trainee checks in at the
// kiosk endpoint (badge token as printed on badges.pdf): the count and the trainee's
// row change without a reload. The charts draw on a canvas. A correction with an
// empty reason is refused with the error on the reason field; with a reason it is
// saved and the row is marked corrected.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, waitForApi, waitUntilShown } from './lib/harness.mjs';
import { badgeToken, badgeTokens, createOpenSession, demoClass, sessionAttendance } from './lib/attendance.mjs';

let env;
let api;
before(async () => {
  env = await setUp();
  api = env.api;
});
after(async () => {
  await env?.tearDown();
});

test('the attendance dashboard follows check-ins live; corrections need a reason', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const session = await createOpenSession(api, csrf, cls, '考勤看板测试');
  const before = await sessionAttendance(api, session.id);
  const trainee = before.items.find((r) => r.first_checkin_ms == null);
  assert.ok(trainee, 'a trainee who has not checked in');

  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    const loaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/sessions/${session.id}/attendance$`));
    await page.goto(`/classes/${cls.id}?tab=attendance&session=${session.id}`);
    await byTestId(page, 'class-tab-attendance').waitFor({ state: 'visible' });
    assert.equal((await loaded).status(), 200);
    await page.locator(`[data-testid="att-dashboard"][data-session-id="${session.id}"]`).waitFor({ state: 'visible' });
    // live: the stream is open (its first `counts` event arrived)
    await page.locator('[data-testid="att-live-state"][data-state="live"]').waitFor({ state: 'visible' });
    await page.locator(`[data-testid="att-row"][data-row-id="${trainee.person_id}"]`).waitFor({ state: 'attached' });
    const countText = await byTestId(page, 'att-count-checked-in').innerText();
    const count = Number(countText);
    assert.equal(count, before.counts.checked_in, `count shown ${countText}`);
    assert.equal(Number(await byTestId(page, 'att-count-expected').innerText()), before.counts.expected);

    // The charts are drawn (canvas with a size).
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="att-charts"] canvas');
      return c && c.width > 0 && c.height > 0;
    });

    // A marker on the window: it survives only if the page is not reloaded.
    await page.evaluate(() => {
      window.__noReload = 'still here';
    });
    await shot(page, 'attendance-dashboard-before');

    // The trainee checks in at a kiosk (through the API): the dashboard updates by push.
    const token = badgeToken(await badgeTokens(api, cls.id), trainee.person_id);
    const refetched = waitForApi(page, 'GET', new RegExp(`^/api/v1/sessions/${session.id}/attendance$`));
    const scan = await api.post('/api/v1/kiosk/scan', {
      headers: { 'X-CSRF-Token': csrf },
      data: { session_id: session.id, badge_token: token, direction: 'in', idempotency_key: `e2e-dash-${Date.now()}` },
    });
    assert.equal(scan.status(), 200, await scan.text());
    const result = await scan.json();
    assert.equal(result.first, true);
    assert.equal(result.person_id, trainee.person_id);

    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="att-count-checked-in"]')?.textContent?.trim() === String(want),
      count + 1,
    );
    // the table was fetched again and shows the trainee checked in
    assert.equal((await refetched).status(), 200);
    const row = page.locator(`[data-testid="att-row"][data-row-id="${trainee.person_id}"]`);
    await row.locator('[data-testid="att-checkin-time"]').filter({ hasText: result.at }).waitFor({ state: 'attached' });
    await page.locator('[data-testid="att-last-event"]').filter({ hasText: trainee.name }).waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => window.__noReload), 'still here', 'the page was not reloaded');
    await shot(page, 'attendance-dashboard-after-checkin');

    // Correction: no reason → refused with the error on the reason field.
    await byTestId(page, 'att-search').fill(trainee.name);
    await row.locator('[data-testid="att-correct"]').click();
    const dialog = byTestId(page, 'correction-dialog');
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'correction-status-excused').click();
    let answered = waitForApi(page, 'POST', new RegExp(`^/api/v1/sessions/${session.id}/corrections$`));
    await byTestId(page, 'correction-submit').click();
    const refused = await answered;
    assert.equal(refused.status(), 422);
    const refusal = (await refused.json()).error;
    // the rule's own code, naming the field (docs/api.md)
    assert.equal(refusal.code, 'attendance.correction.reason');
    assert.equal(refusal.field, 'reason');
    const fieldError = page.locator('[data-testid="correction-item-reason"] .el-form-item__error');
    await waitUntilShown(page, '[data-testid="correction-item-reason"] .el-form-item__error');
    assert.ok((await fieldError.innerText()).trim().length > 0, 'the reason field shows the error');
    await shot(page, 'attendance-correction-refused');

    // With a reason: saved, the dialog closes, the row is marked corrected and excused.
    await byTestId(page, 'correction-reason').fill('临时公务，班主任已核实');
    answered = waitForApi(page, 'POST', new RegExp(`^/api/v1/sessions/${session.id}/corrections$`));
    await byTestId(page, 'correction-submit').click();
    const saved = await answered;
    assert.equal(saved.status(), 201, await saved.text());
    await dialog.waitFor({ state: 'hidden' });
    await row.locator('[data-testid="att-corrected"]').waitFor({ state: 'visible' });
    await row.locator('[data-testid="att-status"][data-status="excused"]').waitFor({ state: 'visible' });
    const after = await sessionAttendance(api, session.id);
    const corrected = after.items.find((r) => r.person_id === trainee.person_id);
    assert.equal(corrected.corrected, true);
    assert.equal(corrected.status, 'excused');
    await shot(page, 'attendance-correction-saved');

    // The downloads are real links that answer with files.
    for (const [id, type] of [
      ['att-xlsx', /spreadsheetml/],
      ['att-pdf', /pdf/],
      ['att-notice-pdf', /pdf/],
    ]) {
      const href = await byTestId(page, id).getAttribute('href');
      const file = await page.request.get(href);
      assert.equal(file.status(), 200, `${id} ${href}`);
      assert.match(file.headers()['content-type'] || '', type, `${id} content type`);
    }
    // The paper sheet import opens the shared import dialog.
    await byTestId(page, 'att-paper-import').click();
    await byTestId(page, 'import-dialog').waitFor({ state: 'visible' });
    await byTestId(page, 'import-dialog').locator('.el-dialog__headerbtn').click();
    await byTestId(page, 'import-dialog').waitFor({ state: 'hidden' });
    // The kiosk and the projector open in a new tab, on this session.
    for (const [id, want] of [
      ['att-open-kiosk', `/kiosk/${session.id}`],
      ['att-open-projector', `/classes/${cls.id}/sessions/${session.id}/projector`],
    ]) {
      const opened = context.waitForEvent('page');
      await byTestId(page, id).click();
      const tab = await opened;
      await tab.waitForURL((u) => u.pathname === want);
      await tab.close();
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('leave: the head teacher approves a request with a reason; leave shares and risks are listed', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const sessions = (await (await api.get(`/api/v1/classes/${cls.id}/sessions`)).json()).items;
  const later = sessions.filter((s) => s.start_ms > Date.now() && s.group_ids.length === 0);
  assert.ok(later.length > 0, 'a session still to come');
  const roster = await sessionAttendance(api, later[0].id);
  const person = roster.items[roster.items.length - 1];
  const created = await api.post(`/api/v1/classes/${cls.id}/leave`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      person_id: person.person_id,
      session_ids: [later[0].id],
      reason: '单位紧急会议',
      attachment_name: '请假条.txt',
      attachment_base64: Buffer.from('请假条：单位紧急会议').toString('base64'),
    },
  });
  assert.equal(created.status(), 201, await created.text());
  const leave = await created.json();

  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto(`/classes/${cls.id}?tab=leave`);
    const row = page.locator(`[data-testid="leave-row"][data-row-id="${leave.id}"]`);
    await row.waitFor({ state: 'visible' });
    await row.locator('[data-testid="leave-status"][data-status="requested"]').waitFor();
    await row.locator('[data-testid="leave-attachment"]').filter({ hasText: '请假条.txt' }).waitFor();
    // every trainee's leave share and completion state is listed
    await page.locator('[data-testid="leave-share-row"]').first().waitFor({ state: 'visible' });
    assert.ok((await page.locator('[data-testid="leave-share-state"][data-state]').count()) > 0);
    await shot(page, 'leave-requested');

    await row.locator('[data-testid="leave-approve"]').click();
    await byTestId(page, 'leave-decision-dialog').waitFor({ state: 'visible' });
    await byTestId(page, 'leave-decision-reason').fill('同意，注意补学');
    const answered = waitForApi(page, 'POST', new RegExp(`^/api/v1/leave/${leave.id}/approve$`));
    await byTestId(page, 'leave-decision-submit').click();
    const res = await answered;
    assert.equal(res.status(), 200, await res.text());
    await row.locator('[data-testid="leave-status"][data-status="approved"]').waitFor();
    await row.filter({ hasText: '同意，注意补学' }).waitFor();
    const after = await (await api.get(`/api/v1/leave/${leave.id}`)).json();
    assert.equal(after.status, 'approved');
    await shot(page, 'leave-approved');

    // The head teacher registers leave for another trainee (by session), from the form.
    const other = roster.items[0];
    await byTestId(page, 'leave-add').click();
    const dialog = byTestId(page, 'leave-dialog');
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'leave-form-person').click();
    await page.keyboard.type(other.name);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: `${other.name}（` }).first().click();
    await byTestId(page, 'leave-form-sessions').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: later[0].title }).first().click();
    // a click elsewhere closes the multiple select's list
    await dialog.locator('.el-dialog__title').click();
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
    await byTestId(page, 'leave-form-reason').fill('因病就医');
    const posted = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/leave$`));
    await byTestId(page, 'leave-form-submit').click();
    const made = await posted;
    assert.equal(made.status(), 201, await made.text());
    const mine = await made.json();
    assert.equal(mine.person_id, other.person_id);
    assert.deepEqual(mine.session_ids, [later[0].id]);
    await dialog.waitFor({ state: 'hidden' });
    await page.locator(`[data-testid="leave-row"][data-row-id="${mine.id}"] [data-testid="leave-status"][data-status="requested"]`).waitFor();
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
