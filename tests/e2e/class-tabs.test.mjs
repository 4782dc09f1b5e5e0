// Flow: the demo class's 食宿 and 学员 tabs, built from shared pieces (useAction,
// useLoader, ReasonDialog). A refused action (a room range that runs downwards)
// shows the server's own message once, as one error toast, and creates nothing; a
// good range adds the rooms; the four sections switch and keep their state; a
// withdrawal asks for a reason (refused empty, on the field) and then goes through;
// a substitution without a replacement is refused in its dialog; 分组: fewer groups
// than the timetable uses is refused (409), its message the one toast; the same
// number again regenerates.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, jsonOf, loginApi, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';
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

test('食宿: a refused room range shows the server message once; sections switch', async () => {
  await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const roomsBefore = (await (await api.get(`/api/v1/classes/${cls.id}/lodging-rooms`)).json()).items.length;

  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    const roomsLoaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/lodging-rooms$`));
    await page.goto(`/classes/${cls.id}?tab=logistics`);
    assert.equal((await roomsLoaded).status(), 200);
    await byTestId(page, 'lodging-summary').waitFor({ state: 'visible' });

    // A range that runs downwards: the server refuses it (422) and its message is
    // the one toast shown.
    await byTestId(page, 'lodging-bulk-spec').fill('3F 320-301 标间');
    const refused = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/lodging-rooms/bulk$`));
    await byTestId(page, 'lodging-bulk-add').click();
    const res = await refused;
    assert.equal(res.status(), 422);
    const message = (await jsonOf(page, res)).error.message;
    assert.match(message, /从小到大/);
    const toast = page.locator('.el-message--error');
    await toast.filter({ hasText: message }).waitFor({ state: 'visible' });
    assert.equal(await toast.count(), 1, 'one error toast');
    assert.equal((await toast.innerText()).trim(), message);
    // the button is usable again (pending state over) and nothing was created
    await page.waitForFunction(() => !document.querySelector('[data-testid="lodging-bulk-add"]')?.classList.contains('is-loading'));
    assert.equal((await (await api.get(`/api/v1/classes/${cls.id}/lodging-rooms`)).json()).items.length, roomsBefore);
    await shot(page, 'class-tabs-1-refused-range');

    // A good range adds two rooms, shown at once.
    await byTestId(page, 'lodging-bulk-spec').fill('9F 901-902 标间');
    const added = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/lodging-rooms/bulk$`));
    await byTestId(page, 'lodging-bulk-add').click();
    assert.equal((await added).status(), 201);
    await page.locator('.el-message--success').filter({ hasText: '已新增 2 间房' }).waitFor({ state: 'visible' });
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="lodging-room"]').length === n,
      roomsBefore + 2,
    );

    // The other sections load when shown; lodging keeps its rooms when it comes back.
    const dietsLoaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/diets$`));
    await byTestId(page, 'logistics-section-diets').click();
    assert.equal((await dietsLoaded).status(), 200);
    await page.locator('[data-testid="diet-row"]').first().waitFor({ state: 'visible' });
    await byTestId(page, 'logistics-section-meals').click();
    await byTestId(page, 'meal-table').waitFor({ state: 'visible' });
    await byTestId(page, 'meal-totals').waitFor({ state: 'visible' });
    await byTestId(page, 'logistics-section-buses').click();
    await page.locator('[data-testid="bus-session"], [data-testid="buses-no-onsite"]').first().waitFor({ state: 'visible' });
    await byTestId(page, 'logistics-section-lodging').click();
    assert.equal(await byTestId(page, 'lodging-room').count(), roomsBefore + 2);
    // the refresh button asks the shown section again
    const again = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/lodging-rooms$`));
    await byTestId(page, 'logistics-refresh').click();
    assert.equal((await again).status(), 200);
    await shot(page, 'class-tabs-2-lodging');
  } finally {
    await context.close();
  }
});

test('学员: a substitution needs a replacement; a withdrawal needs a reason, then goes through', async () => {
  const cls = await demoClass(api);
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    const listed = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/enrollments\\?`));
    await page.goto(`/classes/${cls.id}?tab=enrollment`);
    assert.equal((await listed).status(), 200);
    await page.locator('[data-testid="quota-row"]').first().waitFor({ state: 'visible' });
    const row = page.locator('[data-testid="enrollment-row"]').filter({ has: byTestId(page, 'enrollment-withdraw') }).first();
    await row.waitFor({ state: 'visible' });
    const id = await row.getAttribute('data-row-id');
    const name = (await row.locator('[data-testid="enrollment-name"]').innerText()).trim();

    // 替训 (its own dialog now): without a replacement it is refused in the dialog.
    await row.locator('[data-testid="enrollment-substitute"]').click();
    const sub = byTestId(page, 'substitute-dialog');
    await sub.waitFor({ state: 'visible' });
    await byTestId(page, 'substitute-submit').click();
    await byTestId(page, 'substitute-error').filter({ hasText: '请选择替训人员' }).waitFor({ state: 'visible' });
    await sub.locator('.el-dialog__headerbtn').click();
    await sub.waitFor({ state: 'hidden' });

    await row.locator('[data-testid="enrollment-withdraw"]').click();
    const dialog = byTestId(page, 'reason-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.locator('.el-dialog__title').innerText(), new RegExp(`${name}.*退训`));
    // Empty: refused on the field, nothing sent.
    await byTestId(page, 'reason-submit').click();
    await dialog.locator('.el-form-item__error').filter({ hasText: '请填写原因' }).waitFor({ state: 'visible' });

    await byTestId(page, 'reason-input').fill('单位工作安排冲突');
    const done = waitForApi(page, 'POST', new RegExp(`^/api/v1/enrollments/${id}/withdraw$`));
    await byTestId(page, 'reason-submit').click();
    assert.equal((await done).status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.el-message--success').filter({ hasText: `${name} 已退训` }).waitFor({ state: 'visible' });
    await page
      .locator(`[data-testid="enrollment-row"][data-row-id="${id}"] [data-testid="enrollment-status"][data-status="withdrawn"]`)
      .waitFor({ state: 'visible' });
    await shot(page, 'class-tabs-3-withdrawn');
  } finally {
    await context.close();
  }
});

test('分组: fewer groups than the timetable uses is refused with the server message; regenerating works', async () => {
  const cls = await demoClass(api);
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    const listed = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/groups$`));
    await page.goto(`/classes/${cls.id}?tab=groups`);
    const groups = await jsonOf(page, await listed);
    const n = groups.groups.length;
    assert.ok(n > 1, 'the demo class has groups');
    const count = byTestId(page, 'groups-count').locator('input');
    await page.waitForFunction((want) => document.querySelector('[data-testid="groups-count"] input')?.value === String(want), n);

    // One group: the demo timetable schedules the others, so the server refuses (409).
    await count.fill('1');
    await count.blur();
    await byTestId(page, 'groups-generate').click();
    let made = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/groups$`));
    await page.locator('.el-message-box .el-button--primary').click();
    let res = await made;
    assert.equal(res.status(), 409);
    const message = (await jsonOf(page, res)).error.message;
    assert.match(message, /不能减少到 1 个组/);
    const toast = page.locator('.el-message--error');
    await toast.filter({ hasText: message }).waitFor({ state: 'visible' });
    assert.equal(await toast.count(), 1, 'one error toast');

    // The same number of groups again: confirmed, then done.
    await count.fill(String(n));
    await count.blur();
    await byTestId(page, 'groups-generate').click();
    made = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/groups$`));
    await page.locator('.el-message-box .el-button--primary').click();
    res = await made;
    assert.equal(res.status(), 200);
    await page.locator('.el-message--success').filter({ hasText: `已分为 ${n} 组` }).waitFor({ state: 'visible' });
  } finally {
    await context.close();
  }
});
