// Flow (issue #14, PIPL retention): the admin opens 个人信息保存 from the menu: the
// period reads 0 (off) and the preview says nobody is erased; 1 year previews the
// demo's people whose classes all ended over a year ago: the count and the names
// on the page are what GET /settings/privacy-retention/preview answers (more than
// none: the demo's earliest classes ended about three years ago), with the cutoff
// date one year back; 50 years previews nobody. Saved at 1 it reads 1 after a
// reload, and the preview changed nothing (the same count again).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

async function setYears(page, n) {
  const input = byTestId(page, 'retention-years').locator('input');
  const previewed = waitForApi(page, 'GET', new RegExp(`^/api/v1/settings/privacy-retention/preview\\?years=${n}$`));
  await input.fill(String(n));
  await input.blur();
  return previewed;
}

test('the admin sets the retention period and sees who it would erase', async () => {
  const { page } = await newPage(env.browser, env.server);
  await loginUi(page, 'admin', env.server.adminPassword);
  await byTestId(page, 'menu-privacy-retention').first().click();
  await page.waitForURL(/\/privacy-retention$/);
  await byTestId(page, 'retention-preview-off').waitFor();
  assert.equal(await byTestId(page, 'retention-years').locator('input').inputValue(), '0');

  const res = await setYears(page, 1);
  assert.equal(res.status(), 200);
  const body = await res.json();
  assert.ok(body.count > 0, `the demo has people who left long ago: ${body.count}`);
  const today = new Date(Date.now() + 8 * 3600_000); // China's date
  const expected = `${today.getUTCFullYear() - 1}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`;
  if (!(today.getUTCMonth() === 1 && today.getUTCDate() === 29)) assert.equal(body.cutoff, expected);
  await page.locator(`[data-testid="retention-preview-count"][data-count="${body.count}"]`).waitFor();
  assert.match(await byTestId(page, 'retention-preview-count').innerText(), new RegExp(`${body.cutoff}.*${body.count}`));
  const names = (await page.locator('[data-testid="retention-preview-table"] .el-table__body tr td:first-child').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(names, body.people.map((p) => p.name));
  for (const p of body.people) assert.ok(p.last_class_end < body.cutoff, `${p.name}: ${p.last_class_end}`);
  await shot(page, 'privacy-retention-1-preview');

  const far = await setYears(page, 50);
  assert.equal((await far.json()).count, 0);
  await page.locator('[data-testid="retention-preview-count"][data-count="0"]').waitFor();

  await setYears(page, 1);
  const saved = waitForApi(page, 'PUT', /^\/api\/v1\/settings\/privacy-retention$/);
  await byTestId(page, 'retention-save').click();
  assert.equal((await saved).status(), 200);
  await page.reload();
  await page.locator(`[data-testid="retention-preview-count"][data-count="${body.count}"]`).waitFor();
  assert.equal(await byTestId(page, 'retention-years').locator('input').inputValue(), '1');
  assert.deepEqual(page.problems, []);
});
