// Flow: on 人员管理 the admin imports a roster CSV with one bad row (a wrong ID
// check digit). The report names that row's number, the column and the reason,
// and nothing is imported. The file is fixed and imported again: both people are
// in, and one of them is found in the list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { byTestId, loginUi, newPage, setUp, shot, tempFile, texts, waitForApi } from './lib/harness.mjs';
import { idNumber, rosterCsv, withWrongCheckDigit } from './lib/data.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

async function apiTotal(page, q = '') {
  const res = await page.request.get(`/api/v1/people?page_size=1${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  assert.equal(res.status(), 200);
  return (await res.json()).total;
}

async function uiTotal(page) {
  const text = await byTestId(page, 'people-pagination').locator('.el-pagination__total').innerText();
  const m = /(\d+)/.exec(text);
  assert.ok(m, `a total in "${text}"`);
  return Number(m[1]);
}

test('roster import: a bad row is reported and blocks the file; the fixed file imports', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  await loginUi(page, 'admin', env.server.adminPassword);
  await byTestId(page, 'menu-people').click();
  await page.waitForURL(/\/people/);
  await byTestId(page, 'people-table').locator('[data-testid="person-row"]').first().waitFor();

  const before = await apiTotal(page);
  assert.ok(before > 0, 'the demo has people');
  assert.equal(await uiTotal(page), before);

  const good = { 姓名: '鲍嘉禾', 性别: '男', 民族: '汉族', 单位: '东关街道办事处', 职务: '党务干事', 手机号: '13912340001', 身份证号: idNumber('19770707', 901) };
  const rightId = idNumber('19780808', 902);
  const bad = { 姓名: '鲍嘉穗', 性别: '女', 民族: '回族', 单位: '东关街道办事处', 职务: '组织委员', 手机号: '13912340002', 身份证号: withWrongCheckDigit(rightId) };
  // The female sequence number must be even: 902 is.
  assert.equal(await apiTotal(page, '鲍嘉'), 0, 'the names are new');
  const file = tempFile('花名册.csv', rosterCsv([good, bad]));

  await byTestId(page, 'people-import').click();
  const dialog = page.locator('.el-dialog[data-testid="import-dialog"]');
  await dialog.waitFor({ state: 'visible' });
  await byTestId(page, 'import-file-input').setInputFiles(file);
  await byTestId(page, 'import-file-name').waitFor();
  let answered = waitForApi(page, 'POST', /^\/api\/v1\/people\/import\?/);
  await byTestId(page, 'import-submit').click();
  let res = await answered;
  assert.equal(res.status(), 200, 'a file with bad rows is still a 200 with a report');

  await byTestId(page, 'import-report').waitFor();
  const rows = byTestId(page, 'import-error-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1, 'one error row');
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.equal(cells[0].trim(), '3', 'the spreadsheet row of the bad person (header is row 1)');
  assert.equal(cells[1].trim(), '身份证号');
  assert.match(cells[2], /身份证号校验位错误/);
  assert.match(await byTestId(page, 'import-status').innerText(), /本次没有导入任何数据/);
  assert.match(await byTestId(page, 'import-summary').innerText(), /读取 2 行，导入 0 行，错误 1 行/);
  await byTestId(page, 'import-hint').waitFor();
  await shot(page, 'import-1-bad-row-report');

  assert.equal(await apiTotal(page), before, 'nothing was imported');
  assert.equal(await apiTotal(page, '鲍嘉'), 0);

  // Fix the file on disk and import it again from the same dialog.
  fs.writeFileSync(file, rosterCsv([good, { ...bad, 身份证号: rightId }]));
  await byTestId(page, 'import-file-input').setInputFiles(file);
  answered = waitForApi(page, 'POST', /^\/api\/v1\/people\/import\?/);
  const reloaded = waitForApi(page, 'GET', /^\/api\/v1\/people\?/);
  await byTestId(page, 'import-submit').click();
  res = await answered;
  assert.equal(res.status(), 200);
  await reloaded; // the list under the dialog refreshes
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="import-summary"]')?.textContent ?? '').includes('读取 2 行，导入 2 行，错误 0 行'),
  );
  assert.equal(await byTestId(page, 'import-error-row').count(), 0);
  assert.match(await byTestId(page, 'import-status').innerText(), /导入完成/);
  await shot(page, 'import-2-fixed-imported');
  await byTestId(page, 'import-close').click();
  await dialog.waitFor({ state: 'hidden' });

  assert.equal(await apiTotal(page), before + 2);
  await page.waitForFunction((n) => {
    const t = document.querySelector('[data-testid="people-pagination"] .el-pagination__total')?.textContent ?? '';
    return t.includes(String(n));
  }, before + 2);

  // The imported person is in the list.
  const searched = waitForApi(page, 'GET', /^\/api\/v1\/people\?.*q=/);
  await byTestId(page, 'people-search').fill('鲍嘉穗');
  await searched;
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('[data-testid="people-table"] [data-testid="person-name"]')].map((e) => e.textContent.trim());
    return names.length === 1 && names[0] === '鲍嘉穗';
  });
  const row = byTestId(page, 'person-row').first();
  const rowText = await row.innerText();
  assert.match(rowText, /东关街道办事处/);
  assert.match(rowText, /女/);
  assert.match(rowText, /回族/);
  assert.match(await row.locator('[data-testid="person-id-masked"]').innerText(), new RegExp(`^${rightId.slice(0, 1)}\\*+${rightId.slice(-4)}$`));
  assert.deepEqual(await texts(page, '[data-testid="people-table"] [data-testid="person-name"]'), ['鲍嘉穗']);
  await shot(page, 'import-3-person-in-list');
  assert.deepEqual(page.problems, []);
  await context.close();
});
