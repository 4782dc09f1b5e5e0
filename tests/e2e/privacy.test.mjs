// Flow (PIPL, issue 14): the admin opens a person's training record; 导出个人信息
// (Excel) downloads a workbook that openpyxl opens with one sheet per module table
// and the person's name; the JSON export holds every module's part; 删除个人信息
// opens a confirm dialog that names what is erased, refuses an empty reason, and
// erases: the page then shows 已删除#<id>, the person's old name is found nowhere in
// the people list, and GET /api/v1/audit/verify still says the chain is intact.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { byTestId, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

test('a person record: export as xlsx and JSON, then erase with a confirm dialog', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  await loginUi(page, 'admin', env.server.adminPassword);

  // Someone who is not a trainee of the running seed class (erasure would be 409).
  const classes = await (await page.request.get('/api/v1/classes?limit=100')).json();
  const running = classes.items.filter((c) => c.status === 'running').map((c) => c.id);
  const people = await (await page.request.get('/api/v1/people?limit=1000')).json();
  let person = null;
  for (const p of people.items.slice().reverse()) {
    const data = await (await page.request.get(`/api/v1/people/${p.id}/personal-data`)).json();
    const enrolled = data.parts.find((x) => x.table === 'enrollments').rows;
    if (!enrolled.some((e) => running.includes(e.class_id) && e.status === 'approved')) {
      person = p;
      break;
    }
  }
  assert.ok(person, 'the demo has someone outside the running class');

  await page.goto(`/people/${person.id}/record`);
  await byTestId(page, 'privacy-actions').waitFor();
  assert.equal((await byTestId(page, 'record-name').innerText()).trim(), person.name);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'privacy-export-xlsx').click()]);
  const xlsxPath = `${await xlsx.path()}.xlsx`;
  await xlsx.saveAs(xlsxPath);
  const book = JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      'import json,sys,openpyxl; wb=openpyxl.load_workbook(sys.argv[1]); print(json.dumps({ws.title: [[c for c in r] for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, default=str))',
      xlsxPath,
    ]).toString(),
  );
  for (const sheet of ['people', 'enrollments', 'attendance_events', 'reflection_papers', 'certificates', 'sessions']) {
    assert.ok(sheet in book, `sheet ${sheet} in ${Object.keys(book)}`);
  }
  assert.ok(JSON.stringify(book.people).includes(person.name), 'the people sheet names the person');

  const [jsonFile] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'privacy-export-json').click()]);
  const exported = JSON.parse(fs.readFileSync(await jsonFile.path(), 'utf8'));
  const modules = new Set(exported.parts.map((p) => p.module));
  for (const m of ['people', 'auth', 'enrollment', 'attendance', 'assessment', 'reflection', 'completion', 'certificates', 'records']) {
    assert.ok(modules.has(m), `module ${m} in the export`);
  }
  assert.equal(exported.person_id, person.id);
  assert.equal(exported.id_number_in_clear, true);
  await shot(page, 'privacy-1-record');

  await byTestId(page, 'privacy-erase').click();
  const dialog = byTestId(page, 'privacy-erase-dialog');
  await dialog.waitFor();
  const said = await page.locator('.el-dialog').filter({ hasText: '身份证号' }).first().innerText();
  assert.match(said, /手机号/);
  assert.match(said, /心得体会/);
  assert.ok(said.includes(person.name), 'the dialog names the person');
  await byTestId(page, 'privacy-erase-submit').click();
  await page.getByText('请填写删除原因').first().waitFor();
  await shot(page, 'privacy-2-confirm');
  await byTestId(page, 'privacy-erase-reason').fill('本人申请删除');
  const erased = waitForApi(page, 'POST', new RegExp(`^/api/v1/people/${person.id}/erase$`));
  await byTestId(page, 'privacy-erase-submit').click();
  assert.equal((await erased).status(), 200);
  await page.getByText(`已删除#${person.id}`).first().waitFor();
  assert.equal(await byTestId(page, 'privacy-erase').count(), 0, 'no second erasure offered');
  await shot(page, 'privacy-3-erased');

  const after = await (await page.request.get('/api/v1/people?limit=1000')).json();
  assert.ok(!after.items.some((p) => p.name === person.name && p.id === person.id), 'the old name is gone');
  const verify = await (await page.request.get('/api/v1/audit/verify')).json();
  assert.equal(verify.ok, true, JSON.stringify(verify));
  assert.ok(verify.erased >= 1, 'erased entries are counted');
  assert.deepEqual(page.problems, []);
  await context.close();
});
