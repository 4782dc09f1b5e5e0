// Flow: the admin makes a unit liaison for 东关街道办事处 through the API; the
// liaison logs in in a fresh browser context and sees only the people and units of
// their street office; another street's person and unit are "not there" even when
// asked for by id.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as playwrightRequest } from 'playwright-core';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, waitForApi, waitUntilShown } from './lib/harness.mjs';

let env;
let admin; // an APIRequestContext logged in as admin
let csrf;
before(async () => {
  env = await setUp();
  admin = await playwrightRequest.newContext({ baseURL: env.server.url });
  csrf = await loginApi(admin, 'admin', env.server.adminPassword);
});
after(async () => {
  await admin?.dispose();
  await env?.tearDown();
});

async function getJson(req, path, status = 200) {
  const res = await req.get(path);
  assert.equal(res.status(), status, `${path}: ${await res.text()}`);
  return res.json();
}

test('a unit liaison sees only their own unit', async () => {
  const units = (await getJson(admin, '/api/v1/orgs')).items;
  const streetA = units.find((u) => u.name === '东关街道办事处');
  const streetB = units.find((u) => u.name === '西城街道办事处');
  assert.ok(streetA && streetB, 'demo street offices');
  const subtree = (await getJson(admin, `/api/v1/orgs/${streetA.id}/subtree`)).items;
  const subtreeIds = new Set(subtree.map((u) => u.id));
  const subtreeNames = new Set(subtree.map((u) => u.name));
  assert.ok(subtree.length > 1 && !subtreeIds.has(streetB.id));
  const peopleA = await getJson(admin, `/api/v1/people?unit_id=${streetA.id}&page_size=100`);
  const peopleB = await getJson(admin, `/api/v1/people?unit_id=${streetB.id}&page_size=5`);
  const allPeople = await getJson(admin, '/api/v1/people?page_size=1');
  assert.ok(peopleA.total > 0 && peopleB.total > 0 && allPeople.total > peopleA.total);
  const otherPerson = peopleB.items[0];

  const made = await admin.post('/api/v1/users', {
    headers: { 'X-CSRF-Token': csrf },
    data: { username: 'lianluo_dongguan', display_name: '东关街道联络员', role: 'liaison', unit_id: streetA.id },
  });
  assert.equal(made.status(), 201, await made.text());
  const { password } = await made.json();

  // A fresh context: no cookie or storage of the admin's.
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  const listed = waitForApi(page, 'GET', /^\/api\/v1\/people\?/);
  await loginUi(page, 'lianluo_dongguan', password);
  // A liaison lands on their start page (工作台); the menu leads to their people.
  await page.waitForURL(/\/workbench/);
  await byTestId(page, 'menu-people').click();
  await page.waitForURL(/\/people/);
  const firstPage = await (await listed).json();
  assert.equal(firstPage.total, peopleA.total, 'the liaison sees all of their unit');

  assert.match(await byTestId(page, 'header-role').innerText(), /联络员/);
  assert.match(await byTestId(page, 'menu-people').innerText(), /本单位人员/);
  assert.equal(await byTestId(page, 'menu-users').count(), 0);
  assert.equal(await byTestId(page, 'menu-audit').count(), 0);
  const rows = byTestId(page, 'person-row');
  await rows.first().waitFor();
  const n = await rows.count();
  assert.equal(n, Math.min(firstPage.total, 20));
  for (let i = 0; i < n; i++) {
    const text = await rows.nth(i).innerText();
    assert.ok([...subtreeNames].some((name) => text.includes(name)), `row ${i} is of the liaison's unit: ${text}`);
  }
  const rowIds = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row-id'))));
  assert.ok(!rowIds.includes(otherPerson.id));
  await byTestId(page, 'people-pagination').locator('.el-pagination__total').filter({ hasText: String(peopleA.total) }).waitFor();
  await shot(page, 'liaison-1-own-people');

  // The API behind the page, with the liaison's own cookie.
  const mine = await getJson(page.request, '/api/v1/people?page_size=100');
  assert.equal(mine.total, peopleA.total);
  assert.deepEqual(mine.items.map((p) => p.id).sort(), peopleA.items.map((p) => p.id).sort());
  for (const p of mine.items) assert.ok(subtreeIds.has(p.unit_id), `${p.name} is in scope`);

  const other = await page.request.get(`/api/v1/people/${otherPerson.id}`);
  assert.ok([403, 404].includes(other.status()), `another unit's person: ${other.status()}`);
  assert.equal(JSON.stringify(await other.json()).includes(otherPerson.name), false, 'nothing leaks');
  const otherUnit = await page.request.get(`/api/v1/orgs/${streetB.id}`);
  assert.ok([403, 404].includes(otherUnit.status()), `another unit: ${otherUnit.status()}`);
  const otherList = await page.request.get(`/api/v1/people?unit_id=${streetB.id}`);
  assert.ok([403, 404].includes(otherList.status()), `another unit's list: ${otherList.status()}`);
  const own = await page.request.get(`/api/v1/people/${peopleA.items[0].id}`);
  assert.equal(own.status(), 200);

  // The org tree: their street office and its units, nothing above or beside.
  const orgList = await getJson(page.request, '/api/v1/orgs');
  assert.deepEqual(new Set(orgList.items.map((u) => u.id)), subtreeIds);
  await byTestId(page, 'menu-orgs').click();
  await page.waitForURL(/\/orgs/);
  const tree = byTestId(page, 'org-tree');
  // Their street office opens at first: it and the units right under it show.
  await waitUntilShown(
    page,
    subtree
      .filter((u) => u.id === streetA.id || u.parent_id === streetA.id)
      .map((u) => `[data-testid="org-tree"] [data-testid="org-node"][data-id="${u.id}"]`)
      .join(', '),
  );
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid="org-tree"] [data-testid="org-node"]').length === count,
    subtree.length,
  );
  const shown = await tree.locator('[data-testid="org-node"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
  assert.deepEqual(new Set(shown), subtreeIds);
  const roots = await tree.locator(':scope > .el-tree-node > .el-tree-node__content [data-testid="org-node"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
  assert.deepEqual(roots, [streetA.id], 'their street office is the only root');
  await shot(page, 'liaison-2-org-subtree');
  assert.deepEqual(page.problems, []);
  await context.close();
});
