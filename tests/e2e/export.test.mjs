// Flow: on 人员管理 and 单位管理 the admin opens 导出 and picks "CSV（GB18030…）": the
// browser downloads a CSV in GB18030 (no UTF-8 BOM) that iconv decodes to the same
// text as the UTF-8 download, rare names (刘䶮, 𠮷祥云) and 买买提·艾力 included
// (issue 9, item 14). In English the menu item is labelled too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { byTestId, loginUi, newPage, setUp, shot } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

// Clicks 导出 and the item `choice`; returns the downloaded bytes and file name.
async function download(page, prefix, choice) {
  await byTestId(page, prefix).click();
  const item = byTestId(page, `${prefix}-${choice}`);
  await item.waitFor({ state: 'visible' });
  const [file] = await Promise.all([page.waitForEvent('download'), item.click()]);
  const path = await file.path();
  return { bytes: fs.readFileSync(path), name: file.suggestedFilename(), path };
}

test('export menu: CSV in GB18030 decodes to the same text as the UTF-8 CSV', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  await loginUi(page, 'admin', env.server.adminPassword);

  for (const [menu, prefix, url] of [
    ['menu-people', 'people-export', /\/people/],
    ['menu-orgs', 'org-export', /\/orgs/],
  ]) {
    await byTestId(page, menu).click();
    await page.waitForURL(url);
    const utf8 = await download(page, prefix, 'csv');
    const gb = await download(page, prefix, 'csv-gb18030');
    assert.match(gb.name, /\.csv$/);
    assert.deepEqual([...utf8.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    assert.notDeepEqual([...gb.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'GB18030 has no BOM');
    // iconv (glibc), not the converter the server uses.
    const decoded = execFileSync('iconv', ['-f', 'GB18030', '-t', 'UTF-8', gb.path]).toString('utf8');
    assert.equal(decoded, utf8.bytes.subarray(3).toString('utf8'));
    if (prefix === 'people-export') {
      for (const name of ['刘䶮', '𠮷祥云', '买买提·艾力']) {
        assert.ok(decoded.includes(name), `${name} in the GB18030 roster`);
        assert.ok(!gb.bytes.includes(Buffer.from(name, 'utf8')), `${name} is not written as UTF-8`);
      }
    }
  }
  await byTestId(page, 'org-export').click();
  await byTestId(page, 'org-export-csv-gb18030').waitFor({ state: 'visible' });
  assert.match(await byTestId(page, 'org-export-csv-gb18030').innerText(), /GB18030/);
  await shot(page, 'export-1-gb18030-item');
  await page.keyboard.press('Escape');
  assert.deepEqual(page.problems, []);
  await context.close();
});
