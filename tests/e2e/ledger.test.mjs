// Flow: the admin opens 学时台账 from the menu: the unit ledger of this year lists the
// demo's people, those below target first with their shortfall as the server
// computed it (GET /api/v1/ledger); 导出台账（Excel） downloads an xlsx that
// openpyxl (an independent reader) opens with the same names; the district view
// draws the chart of units by compliance and lists the units; a person's name opens
// their training record with the seed class in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { byTestId, jsonOf, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

test('ledger page: below target first, xlsx, district view, a person record', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  await loginUi(page, 'admin', env.server.adminPassword);
  const answered = waitForApi(page, 'GET', /^\/api\/v1\/ledger\?/);
  await byTestId(page, 'menu-ledger').first().click();
  const ledger = await jsonOf(page, await answered);
  await byTestId(page, 'ledger-table').waitFor();
  assert.ok(ledger.people > 0, 'the demo district has people');
  assert.ok(ledger.below > 0, 'some are below target');
  await page.locator('[data-testid="ledger-table"] [data-testid="ledger-person"]').first().waitFor();
  const names = await page.locator('[data-testid="ledger-table"] [data-testid="ledger-person"]').allInnerTexts();
  assert.equal(names.length, ledger.lines.length);
  assert.equal(names[0].trim(), ledger.lines[0].person.name);
  assert.ok(ledger.lines[0].verdict.below, 'below target first');
  const shortfalls = await byTestId(page, 'ledger-shortfall').allInnerTexts();
  assert.equal(Number(shortfalls[0]), ledger.lines[0].verdict.shortfall_hours);
  assert.match(await byTestId(page, 'ledger-below').innerText(), new RegExp(String(ledger.below)));
  await shot(page, 'ledger-1-unit');

  const [file] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'ledger-xlsx').click()]);
  assert.match(file.suggestedFilename(), /学时台账\.xlsx$/);
  // openpyxl goes by the extension.
  const path = `${await file.path()}.xlsx`;
  await file.saveAs(path);
  const rows = JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      'import json,sys,openpyxl; ws=openpyxl.load_workbook(sys.argv[1]).active; print(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)], default=str))',
      path,
    ]).toString(),
  );
  assert.equal(rows[0][1], '姓名');
  assert.equal(rows.length - 1, ledger.lines.length);
  assert.equal(rows[1][1], ledger.lines[0].person.name);

  const district = waitForApi(page, 'GET', /^\/api\/v1\/ledger\/district\?/);
  await byTestId(page, 'ledger-view-district').click();
  const d = await jsonOf(page, await district);
  await byTestId(page, 'ledger-district-table').waitFor();
  assert.ok(d.units.length > 0);
  await page.locator('[data-testid="ledger-district"] canvas').first().waitFor();
  const unitCells = await page.locator('[data-testid="ledger-district-table"] tbody tr').count();
  assert.equal(unitCells, d.units.length);
  await shot(page, 'ledger-2-district');

  await byTestId(page, 'ledger-view-unit').click();
  await page.locator('[data-testid="ledger-table"] [data-testid="ledger-person"]').first().click();
  await byTestId(page, 'record-details').waitFor();
  assert.equal((await byTestId(page, 'record-name').innerText()).trim(), ledger.lines[0].person.name);
  await shot(page, 'ledger-3-record');
  assert.deepEqual(page.problems, []);
  await context.close();
});
