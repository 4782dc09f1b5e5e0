// Flows of issue 11 #5, #6 and #2 (rest) on the demo:
//  - 学员 tab: approving a waiting trainee whose unit's quota is full opens a dialog
//    with the server's message naming the unit; 提高名额并批准 raises the quota and
//    approves; the name search lists only matching trainees;
//  - 微信发送登录链接: each trainee's "姓名：https://…/invite/…" line copies to the
//    clipboard, "copy all" gives one line per trainee, and a copied link logs in;
//  - 用户管理: the linked person is picked by name (unit shown), no numeric id;
//  - 审计日志: actions in words, changes as a before/after table, dates as
//    2026-12-07 10:37:16;
//  - 人员管理: after adding a person, 报名到培训班 enrolls them in a class.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, waitForApi, jsonOf } from './lib/harness.mjs';
import { demoClass } from './lib/attendance.mjs';
import { idNumber } from './lib/data.mjs';

let env;
let api;
let csrf;
let cls;
before(async () => {
  env = await setUp();
  api = env.api;
  csrf = await loginApi(api, 'admin', env.server.adminPassword);
  cls = await demoClass(api);
});
after(async () => {
  await env?.tearDown();
});

// The <input> of an Element Plus field, wherever its data-testid landed (the input
// itself or the component's root).
const inputOf = (page, id) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const post = (path, data) => api.post(path, { headers: { 'X-CSRF-Token': csrf }, data });
const put = (path, data) => api.put(path, { headers: { 'X-CSRF-Token': csrf }, data });
const getJson = async (path) => {
  const res = await api.get(path);
  assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
  return res.json();
};

// Fills the quota of the demo class's first unit and puts one more of its people on
// the waiting list; returns that waiting enrollment and the quota.
async function waitingBehindAFullQuota() {
  const quotas = (await getJson(`/api/v1/classes/${cls.id}/quotas`)).items;
  const enrolled = new Set((await getJson(`/api/v1/classes/${cls.id}/enrollments?page_size=200`)).items.map((e) => e.person_id));
  let q;
  let someone;
  for (const x of quotas.filter((x) => x.used > 0)) {
    someone = (await getJson(`/api/v1/people?page_size=200&unit_id=${x.unit_id}`)).items.find((p) => !enrolled.has(p.id));
    if (someone) {
      q = x;
      break;
    }
  }
  assert.ok(q, 'a unit with seats taken and someone not yet enrolled');
  const full = quotas.map((x) => ({ unit_id: x.unit_id, seats: x.unit_id === q.unit_id ? x.used : x.seats }));
  const set = await put(`/api/v1/classes/${cls.id}/quotas`, { items: full });
  assert.equal(set.status(), 200, await set.text());
  const res = await post(`/api/v1/classes/${cls.id}/enrollments`, { person_id: someone.id, waitlist: true });
  assert.equal(res.status(), 201, await res.text());
  const e = await res.json();
  assert.equal(e.status, 'waitlisted');
  return { e, q: (await getJson(`/api/v1/classes/${cls.id}/quotas`)).items.find((x) => x.unit_id === q.unit_id) };
}

test('学员: approving from a full waiting list offers to raise the quota, then approves', async () => {
  const { e, q } = await waitingBehindAFullQuota();
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto(`/classes/${cls.id}?tab=enrollment`);
    const item = page.locator(`[data-testid="waitlist-item"][data-row-id="${e.id}"]`);
    await item.waitFor({ state: 'visible' });
    const refused = waitForApi(page, 'POST', new RegExp(`^/api/v1/enrollments/${e.id}/approve$`));
    await item.locator('[data-testid="waitlist-approve"]').click();
    assert.equal((await refused).status(), 409);
    const dialog = byTestId(page, 'quota-full-dialog');
    await dialog.waitFor({ state: 'visible' });
    const message = await byTestId(page, 'quota-full-message').innerText();
    assert.ok(message.includes(q.unit_name), `the message names ${q.unit_name}: ${message}`);
    assert.match(message, /名额已满/);
    // Raise by one (the default) and approve.
    await byTestId(page, 'quota-full-usage').waitFor({ state: 'visible' });
    assert.equal(await inputOf(page, 'quota-full-seats').inputValue(), String(q.seats + 1));
    await shot(page, 'enrollment-edges-1-quota-full');
    const approved = waitForApi(page, 'POST', new RegExp(`^/api/v1/enrollments/${e.id}/approve$`));
    await byTestId(page, 'quota-full-raise').click();
    const res = await approved;
    assert.equal(res.status(), 200);
    assert.deepEqual(JSON.parse(res.request().postData()).raise_quota_to, q.seats + 1);
    await dialog.waitFor({ state: 'hidden' });
    const after = await getJson(`/api/v1/enrollments/${e.id}`);
    assert.equal(after.status, 'approved');
    const raised = (await getJson(`/api/v1/classes/${cls.id}/quotas`)).items.find((x) => x.unit_id === q.unit_id);
    assert.equal(raised.seats, q.seats + 1);

    // Full again: the next waiting trainee takes a colleague's seat instead (替训).
    const { e: next } = await waitingBehindAFullQuota();
    await byTestId(page, 'enrollment-refresh').click();
    const nextItem = page.locator(`[data-testid="waitlist-item"][data-row-id="${next.id}"]`);
    await nextItem.locator('[data-testid="waitlist-approve"]').click();
    await byTestId(page, 'quota-full-usage').waitFor({ state: 'visible' });
    await byTestId(page, 'quota-full-mode-substitute').click();
    await byTestId(page, 'quota-full-holder').click();
    const holder = page.locator('.el-select-dropdown__item:visible').first();
    await holder.waitFor({ state: 'visible' });
    await holder.click();
    await inputOf(page, 'quota-full-reason').fill('原学员工作冲突');
    const substituted = waitForApi(page, 'POST', /^\/api\/v1\/enrollments\/\d+\/substitute$/);
    await byTestId(page, 'quota-full-substitute').click();
    const sub = await substituted;
    assert.equal(sub.status(), 201, await sub.text());
    const taken = await sub.json();
    assert.equal(taken.person_id, next.person_id);
    assert.equal((await getJson(`/api/v1/enrollments/${next.id}`)).status, 'withdrawn');
    await dialog.waitFor({ state: 'hidden' });

    // The name search: every row matches, the trainee is found.
    const name = after.person_name;
    const part = [...name].slice(-1)[0];
    const searched = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/enrollments\\?.*q=`));
    await inputOf(page, 'enrollment-search').fill(part);
    const body = await jsonOf(page, await searched);
    assert.ok(body.items.length >= 1);
    await page.waitForFunction(
      ({ part, n }) => {
        const names = [...document.querySelectorAll('[data-testid="enrollment-name"]')].map((x) => x.textContent.trim());
        return names.length === n && names.every((x) => x.includes(part));
      },
      { part, n: body.items.length },
    );
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('审计日志: actions in words, changes as a before/after table, dates without T or Z', async () => {
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    const listed = waitForApi(page, 'GET', /^\/api\/v1\/audit\?/);
    await page.goto('/audit');
    const entries = (await jsonOf(page, await listed)).items;
    assert.ok(entries.length > 0);
    await byTestId(page, 'audit-action').first().waitFor({ state: 'visible' });
    const actions = (await byTestId(page, 'audit-action').allInnerTexts()).map((a) => a.trim());
    for (const a of actions) assert.doesNotMatch(a, /^[a-z_]+(\.[a-z_]+)+$/, `an action code on screen: ${a}`);
    // The newest entries include the quota raise and the approval of the first test.
    const codes = await byTestId(page, 'audit-action').evaluateAll((els) => els.map((e) => e.dataset.code));
    const i = codes.indexOf('enrollment.quotas');
    assert.ok(i >= 0, codes.join(' '));
    assert.equal(actions[i].trim(), '设置名额');
    assert.ok(actions.includes('登录'), actions.join(' '));
    for (const at of await byTestId(page, 'audit-at').allInnerTexts()) assert.match(at.trim(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // An approval's change: the status row says nominated/waitlisted → approved.
    // The raise-and-approve of the first test: the approval, just after its raised quota.
    const j = codes.findIndex((c, n) => c === 'enrollment.approve' && codes[n + 1] === 'enrollment.quotas');
    assert.ok(j >= 0, codes.join(' '));
    const row = byTestId(page, 'audit-row').nth(j);
    const status = row.locator('[data-testid="audit-change-row"][data-field="status"]');
    await status.waitFor({ state: 'visible' });
    assert.equal((await status.locator('th').innerText()).trim(), '状态');
    assert.equal((await status.locator('td.before').innerText()).trim(), '候补');
    assert.equal((await status.locator('td.after').innerText()).trim(), '已批准');
    // The raised quota: one row, for its unit, with only what changed.
    const k = j + 1;
    const quotaRows = byTestId(page, 'audit-row').nth(k).locator('[data-testid="audit-change-row"]');
    assert.equal(await quotaRows.count(), 1);
    assert.match(await quotaRows.first().innerText(), /seats: \d+\s+seats: \d+/);
    assert.doesNotMatch(await row.innerText(), /\{"/, 'no raw JSON');
    await shot(page, 'enrollment-edges-4-audit');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('学员: the WeChat text copies one "姓名：link" line per trainee, and a link logs in', async () => {
  const { context, page } = await newPage(env.browser, env.server);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto(`/classes/${cls.id}?tab=enrollment`);
    await byTestId(page, 'invites-wechat').click();
    const box = page.locator('.el-message-box');
    await box.waitFor({ state: 'visible' });
    const issued = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/invites$`));
    await box.locator('.el-button--primary').click();
    const res = await issued;
    assert.equal(res.status(), 201);
    const items = (await res.json()).items;
    assert.ok(items.length > 0);
    const rows = byTestId(page, 'wechat-invite-row');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="wechat-invite-row"]').length === n, items.length);
    await rows.first().locator('[data-testid="wechat-invite-copy"]').click();
    await page.locator('.el-message--success').first().waitFor({ state: 'visible' });
    const one = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(one, `${items[0].name}：${items[0].link}`);
    assert.match(one, new RegExp(`^[^：]+：${env.server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/invite/[A-Za-z0-9_-]+$`));
    await shot(page, 'enrollment-edges-2-wechat');
    await byTestId(page, 'wechat-invites-copy-all').click();
    await page.waitForFunction(async (n) => (await navigator.clipboard.readText()).split('\n').length === n, items.length);
    const all = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
    assert.deepEqual(all, items.map((i) => `${i.name}：${i.link}`));
    // The copied link logs its trainee in.
    const link = new URL(one.slice(one.indexOf('：') + 1));
    const accepted = await fetch(new URL(`/api/v1/auth${link.pathname}`, env.server.url), { method: 'POST' });
    assert.equal(accepted.status, 200);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('用户管理: the linked person is picked by name and unit, not by a numeric id', async () => {
  const taken = new Set((await getJson('/api/v1/users?page_size=200')).items.map((u) => u.person_id).filter(Boolean));
  const person = (await getJson('/api/v1/people?page_size=200&sort=stroke')).items.find((p) => p.unit_name && !taken.has(p.id));
  assert.ok(person, 'a person without an account');
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto('/users');
    await byTestId(page, 'user-add').click();
    const dialog = byTestId(page, 'user-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await dialog.locator('.el-input-number').count(), 0, 'no numeric input in the user form');
    assert.doesNotMatch(await dialog.innerText(), /ID/);
    await inputOf(page, 'user-form-username').fill('picker_user');
    await byTestId(page, 'user-form-person').click();
    const searched = waitForApi(page, 'GET', /^\/api\/v1\/people\?.*q=/);
    await page.keyboard.type(person.name);
    await searched;
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: person.name }).first();
    await option.waitFor({ state: 'visible' });
    assert.ok((await option.innerText()).includes(person.unit_name), 'the option shows the unit');
    await option.click();
    assert.equal(await inputOf(page, 'user-form-display-name').inputValue(), person.name);
    await shot(page, 'enrollment-edges-3-person-picker');
    const created = waitForApi(page, 'POST', /^\/api\/v1\/users$/);
    await byTestId(page, 'user-form-submit').click();
    const res = await created;
    assert.equal(res.status(), 201, await res.text());
    assert.equal(JSON.parse(res.request().postData()).person_id, person.id);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('人员管理: after adding a person, 报名到培训班 nominates them in a class', async () => {
  const quotas = (await getJson(`/api/v1/classes/${cls.id}/quotas`)).items;
  const q = quotas[0];
  assert.ok(q, 'the demo class has quotas');
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto('/people');
    await byTestId(page, 'people-add').click();
    const form = page.locator('.el-dialog[data-testid="person-dialog"]');
    await form.waitFor({ state: 'visible' });
    await inputOf(page, 'person-form-name').fill('报名测试');
    await inputOf(page, 'person-form-id_number').fill(idNumber('19800101', 731));
    await byTestId(page, 'person-form-unit_id').click();
    await page.keyboard.type(q.unit_name);
    const node = page.locator('.unit-tree-select-popper:visible .el-tree-node__content', { hasText: q.unit_name }).first();
    await node.waitFor({ state: 'visible' });
    await node.click();
    const created = waitForApi(page, 'POST', /^\/api\/v1\/people$/);
    await byTestId(page, 'person-form-submit').click();
    const res = await created;
    assert.equal(res.status(), 201, await res.text());
    const person = await res.json();
    const dialog = byTestId(page, 'enroll-person-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.ok((await dialog.innerText()).includes('报名测试'));
    await byTestId(page, 'enroll-person-class').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: cls.name }).first().click();
    await byTestId(page, 'enroll-person-waitlist').click();
    const nominated = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/enrollments$`));
    await byTestId(page, 'enroll-person-submit').click();
    const n = await nominated;
    assert.equal(n.status(), 201, await n.text());
    await dialog.waitFor({ state: 'hidden' });
    const listed = (await getJson(`/api/v1/classes/${cls.id}/enrollments?page_size=200`)).items;
    assert.ok(listed.some((e) => e.person_id === person.id), 'enrolled');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
