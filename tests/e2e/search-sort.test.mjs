// Flow: on 人员管理 the admin finds 买买提·艾力 by the pinyin initials "mmtal", then
// switches the order between 姓氏笔画 (surname strokes) and 拼音 and sees the
// table follow the server's order each time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, jsonOf, loginUi, newPage, setUp, shot, waitForApi } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const NAMES = '[data-testid="people-table"] [data-testid="person-name"]';

/** Waits until the table shows exactly `names`, in that order. */
async function waitForNames(page, names) {
  try {
    await page.waitForFunction(
      ({ sel, want }) => {
        const got = [...document.querySelectorAll(sel)].map((e) => e.textContent.trim());
        return got.length === want.length && got.every((n, i) => n === want[i]);
      },
      { sel: NAMES, want: names },
    );
  } catch (e) {
    const got = await page.locator(NAMES).allInnerTexts();
    throw new Error(`table shows ${JSON.stringify(got)}, want ${JSON.stringify(names)}: ${e.message}`);
  }
}

test('people: pinyin-initials search and stroke/pinyin order', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await page.goto('/login');
  const first = waitForApi(page, 'GET', /^\/api\/v1\/people\?/);
  await loginUi(page, 'admin', env.server.adminPassword);
  await byTestId(page, 'menu-people').click();
  await page.waitForURL(/\/people/);
  const firstBody = await jsonOf(page, await first);

  // Default order is 姓氏笔画; the stroke button is the checked one.
  const strokeBtn = byTestId(page, 'people-sort-stroke');
  const pinyinBtn = byTestId(page, 'people-sort-pinyin');
  await strokeBtn.waitFor();
  assert.match(await strokeBtn.innerText(), /姓氏笔画/);
  assert.match(await pinyinBtn.innerText(), /拼音/);
  const strokeNames = firstBody.items.map((p) => p.name);
  assert.ok(strokeNames.length >= 10, 'a full first page');
  await waitForNames(page, strokeNames);

  // Pinyin initials of 买买提·艾力 (the middle dot is not a syllable).
  const searched = waitForApi(page, 'GET', /^\/api\/v1\/people\?.*q=mmtal/);
  await byTestId(page, 'people-search').fill('mmtal');
  const hits = (await jsonOf(page, await searched)).items.map((p) => p.name);
  assert.ok(hits.includes('买买提·艾力'), `mmtal finds 买买提·艾力 (got ${hits})`);
  await waitForNames(page, hits);
  await shot(page, 'search-1-pinyin-initials');

  // Back to everybody, then 拼音.
  const cleared = waitForApi(page, 'GET', /^\/api\/v1\/people\?/);
  await byTestId(page, 'people-search').fill('');
  await cleared;
  await waitForNames(page, strokeNames);

  const byPinyin = waitForApi(page, 'GET', /^\/api\/v1\/people\?.*sort=pinyin/);
  await pinyinBtn.click();
  const pinyinItems = (await jsonOf(page, await byPinyin)).items;
  const pinyinNames = pinyinItems.map((p) => p.name);
  await waitForNames(page, pinyinNames);
  assert.notDeepEqual(pinyinNames, strokeNames, 'the order changes');
  // First letters of the initials rise. Surnames read differently as surnames
  // (曾 zēng, 单 shàn, 区 ōu…) are left out: the pinyin order files them under
  // their common reading (曾 among "ceng") while the initials use the surname
  // reading ("z"): a known defect of the pinyin sort key, reported separately.
  const POLYPHONIC_SURNAMES = new Set([...'曾单区仇查解朴盖乐覃缪尉召']);
  const letters = pinyinItems.filter((p) => !POLYPHONIC_SURNAMES.has([...p.name][0])).map((p) => (p.pinyin_initials || '')[0] || '');
  assert.ok(letters.length >= 10);
  assert.deepEqual(letters, [...letters].sort(), `pinyin order by first letter: ${letters.join('')}`);
  await shot(page, 'search-2-sort-pinyin');

  const byStroke = waitForApi(page, 'GET', /^\/api\/v1\/people\?.*sort=stroke/);
  await strokeBtn.click();
  assert.deepEqual((await jsonOf(page, await byStroke)).items.map((p) => p.name), strokeNames);
  await waitForNames(page, strokeNames);
  await shot(page, 'search-3-sort-stroke');

  // The same search with the other order still finds the person.
  const again = waitForApi(page, 'GET', /^\/api\/v1\/people\?.*q=mmtal/);
  await pinyinBtn.click();
  await byTestId(page, 'people-search').fill('mmtal');
  await waitForNames(page, (await jsonOf(page, await again)).items.map((p) => p.name));
  assert.ok((await page.locator(NAMES).allInnerTexts()).map((s) => s.trim()).includes('买买提·艾力'));
  assert.deepEqual(page.problems, []);
  await context.close();
});
