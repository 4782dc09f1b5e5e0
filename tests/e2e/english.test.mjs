// Flow: switch the UI to English on the login page; the page, the menu and the
// server's messages (a login error, a person field validation error) come back
// in English; the choice survives a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';
import { idNumber, withWrongCheckDigit } from './lib/data.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

test('English: the UI switches and server errors come back in English', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  const submit = byTestId(page, 'login-submit');
  await submit.waitFor();
  assert.match(await submit.innerText(), /登录/);

  await byTestId(page, 'lang-switch').click();
  const en = byTestId(page, 'lang-en');
  await en.waitFor({ state: 'visible' });
  await en.click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await submit.filter({ hasText: 'Sign in' }).waitFor();
  assert.equal(await byTestId(page, 'login-username').getAttribute('placeholder'), 'Username');
  assert.match(await byTestId(page, 'lang-switch').innerText(), /English/i);

  // A server error in English.
  await byTestId(page, 'login-username').fill('admin');
  await byTestId(page, 'login-password').fill('not the password');
  const refused = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
  await submit.click();
  const res = await refused;
  assert.equal(res.status(), 401);
  assert.equal(res.request().headers()['accept-language'], 'en');
  await byTestId(page, 'login-error').filter({ hasText: 'wrong username or password' }).waitFor();
  await shot(page, 'english-1-login-error');

  await loginUi(page, 'admin', env.server.adminPassword);
  assert.equal((await byTestId(page, 'menu-people').innerText()).trim(), 'People');
  assert.equal((await byTestId(page, 'menu-orgs').innerText()).trim(), 'Units');
  assert.match(await byTestId(page, 'header-role').innerText(), /System administrator/);

  // A field validation error from the server, shown under its form item.
  await byTestId(page, 'menu-people').click();
  await page.waitForURL(/\/people/);
  await byTestId(page, 'person-row').first().waitFor();
  assert.match(await byTestId(page, 'people-sort-stroke').innerText(), /Surname strokes/);
  await byTestId(page, 'people-add').click();
  const dialog = page.locator('.el-dialog[data-testid="person-dialog"]');
  await dialog.waitFor({ state: 'visible' });
  assert.match(await dialog.locator('.el-dialog__title').innerText(), /Add person/);
  await byTestId(page, 'person-form-name').fill('Ada Test');
  // The unit picker: open it and choose a street office under the district.
  await byTestId(page, 'person-form-unit_id').click();
  const option = page.locator('.unit-tree-select-popper:visible .el-tree-node__content', { hasText: '东关街道办事处' }).first();
  await option.waitFor({ state: 'visible' });
  await option.click();
  await byTestId(page, 'person-form-unit_id').locator('.el-select__selected-item', { hasText: '东关街道办事处' }).first().waitFor();
  const badId = withWrongCheckDigit(idNumber('19800101', 1));
  await byTestId(page, 'person-form-id_number').fill(badId);
  const saved = waitForApi(page, 'POST', /^\/api\/v1\/people$/);
  await byTestId(page, 'person-form-submit').click();
  const invalid = await saved;
  assert.equal(invalid.status(), 422);
  const body = await invalid.json();
  assert.equal(body.error.field, 'id_number');
  assert.match(body.error.message, /^ID number check digit is wrong/);
  const fieldError = byTestId(page, 'person-item-id_number').locator('.el-form-item__error');
  await fieldError.waitFor({ state: 'visible' });
  assert.match(await fieldError.innerText(), /ID number check digit is wrong: expected \d/);
  assert.ok(await dialog.isVisible(), 'the dialog stays open to fix the field');
  await shot(page, 'english-2-field-error');
  await byTestId(page, 'person-form-cancel').click();
  await dialog.waitFor({ state: 'hidden' });

  // The choice is kept across a reload.
  await page.reload();
  await byTestId(page, 'menu-people').filter({ hasText: 'People' }).waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});
