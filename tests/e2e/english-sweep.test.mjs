// Flow: with the UI in English, walk every page reachable from the admin's menu,
// every tab of the demo's seed class, and the trainee's phone pages (through the
// invite link `peixun demo` prints), and fail on any Han character that is not
// data. Data (names of people, units, classes, session titles, sites, rooms…) is
// collected from the JSON the page received from /api/v1 and stripped from the
// page text first; enum values and the server's *_label fields are NOT data, so a
// 已批准 or 男 taken from them still fails. The same walk checks that no internals
// show: no ISO timestamps (2026-12-07T10:37), no org paths (/1/40/43/), no 随机种子.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginUi, newPage, setUp, shot } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

// Keys whose string values are enums or server-made labels, never data.
const NOT_DATA = new Set(['status', 'gender', 'kind', 'role', 'direction', 'message', 'result', 'method', 'source', 'state', 'code']);
const isNotData = (key) => NOT_DATA.has(key) || /_label$/.test(key) || /_labels$/.test(key);
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
// Han, or Chinese punctuation (、（）：，。) left by a zh-CN-only template.
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff1f]/;

function collect(value, key, into) {
  if (typeof value === 'string') {
    if (!isNotData(key) && HAN.test(value)) into.add(value.trim());
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, key, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, k, into);
  }
}

/** Records the data strings of every JSON answer from /api/v1 the page gets. */
function watchData(page, data) {
  page.pendingData = [];
  page.on('response', (r) => page.pendingData.push(learn(r, data)));
}

async function learn(r, data) {
  const u = new URL(r.url());
  if (!u.pathname.startsWith('/api/v1/')) return;
  if (!(r.headers()['content-type'] || '').includes('json')) return;
  try {
    collect(await r.json(), '', data);
  } catch {
    // body evicted or not JSON: nothing to learn
  }
}

/** The lines of the page's text that still hold Han characters once data is stripped. */
async function leaks(page, data) {
  // The projector and kiosk poll, so they never go idle: then wait a little only.
  await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => {});
  await Promise.all(page.pendingData ?? []);
  // Wait for loading masks to go.
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null, { timeout: 15_000 }).catch(() => {});
  // Elements marked data-i18n-data hold data or a brand mark (the 训 logo), not UI text.
  const marked = await page.evaluate(() => [...document.querySelectorAll('[data-i18n-data]')].map((e) => e.innerText.trim()));
  for (const s of marked) if (s) data.add(s);
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (el.offsetParent) parts.push(el.getAttribute('placeholder'));
    }
    for (const el of document.querySelectorAll('[title]')) {
      if (el.offsetParent) parts.push(el.getAttribute('title'));
    }
    return parts.join('\n');
  });
  const strings = [...data].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  const found = [];
  for (const line of text.split('\n')) {
    let rest = line;
    for (const s of strings) if (rest.includes(s)) rest = rest.split(s).join(' ');
    if (CHINESE.test(rest)) found.push(line.trim());
  }
  const internals = text.split('\n').filter((l) => /\d{4}-\d\d-\d\dT\d\d:\d\d|\/\d+\/\d+\/\d+\/|随机种子|Random seed/i.test(l));
  return { han: [...new Set(found)], internals: [...new Set(internals)] };
}

async function check(page, data, where, problems) {
  const { han, internals } = await leaks(page, data);
  if (han.length) problems.push(`${where}: Han outside data: ${JSON.stringify(han)}`);
  if (internals.length) problems.push(`${where}: internals on screen: ${JSON.stringify(internals)}`);
}

async function english(context) {
  await context.addInitScript(() => {
    try {
      localStorage.setItem('peixun.lang', 'en');
    } catch {
      // storage blocked
    }
  });
}

test('English sweep: admin pages, class tabs and trainee pages have no Chinese outside data', async () => {
  const problems = [];
  const { page, context } = await newPage(env.browser, env.server);
  await english(context);
  const data = new Set();
  watchData(page, data);
  await page.goto('/login');
  await byTestId(page, 'login-submit').filter({ hasText: 'Sign in' }).waitFor();
  await check(page, data, 'login', problems);
  await loginUi(page, 'admin', env.server.adminPassword);
  await page.waitForFunction(() => document.documentElement.lang === 'en');

  const keys = (await page.locator('[data-testid="side-menu"] [data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
    .filter((k, i, a) => a.indexOf(k) === i);
  assert.ok(keys.length >= 6, `admin menu: ${keys}`);
  for (const key of keys) {
    await byTestId(page, key).first().click();
    await page.waitForURL((u) => u.pathname === `/${key.slice('menu-'.length)}`);
    await check(page, data, `${key} (${new URL(page.url()).pathname})`, problems);
    await shot(page, `english-sweep-${key}`);
  }

  // The admin's 我的信息 (no person behind the account): nothing about a head teacher.
  await page.goto('/me');
  await byTestId(page, 'my-info').waitFor();
  await check(page, data, 'admin /me', problems);
  assert.doesNotMatch(await byTestId(page, 'my-info').innerText(), /head teacher/i);

  // The hours ledger's district view and a person's training record (from the people page).
  await page.goto('/ledger');
  await byTestId(page, 'ledger-view-district').click();
  await byTestId(page, 'ledger-district-table').waitFor();
  await check(page, data, 'ledger district view', problems);
  await shot(page, 'english-sweep-ledger-district');
  await page.goto('/people');
  await byTestId(page, 'person-name').first().click();
  await byTestId(page, 'record-details').waitFor();
  await check(page, data, 'person record', problems);
  await shot(page, 'english-sweep-person-record');

  // The seed class and each of its tabs.
  await byTestId(page, 'menu-classes').first().click();
  await page.waitForURL(/\/classes$/);
  await page.locator('a[href^="/classes/"]').first().waitFor();
  await page.locator('a[href^="/classes/"]').first().click();
  await byTestId(page, 'class-tabs').waitFor();
  const tabs = await page.locator('[data-testid^="class-tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.ok(tabs.length >= 5, `class tabs: ${tabs}`);
  for (const tab of tabs) {
    await byTestId(page, tab).click();
    await check(page, data, `class ${tab}`, problems);
    if (tab === 'class-tab-overview') {
      // The class's time zone in words, not an IANA name.
      await page.getByText('Beijing time (UTC+8)').first().waitFor();
      assert.ok(!(await page.locator('body').innerText()).includes('Asia/Shanghai'), 'no IANA zone name on the overview');
    }
    await shot(page, `english-sweep-${tab}`);
  }
  // The projector and the kiosk of the session running now, opened from the attendance tab.
  await byTestId(page, 'class-tab-attendance').click();
  for (const [button, name] of [['att-open-projector', 'projector'], ['att-open-kiosk', 'kiosk']]) {
    const opened = context.waitForEvent('page');
    await byTestId(page, button).click();
    const popup = await opened;
    await popup.waitForURL((u) => u.pathname !== '/' && u.href !== 'about:blank');
    const url = popup.url();
    await popup.close();
    await page.goto(url);
    await check(page, data, name, problems);
    await shot(page, `english-sweep-${name}`);
    await page.goBack();
    await byTestId(page, 'class-tabs').waitFor();
  }

  // The checker itself: the words the issue saw leaking are not hidden as data
  // (after every page's answers were collected), so they would be found.
  await page.evaluate(() => {
    for (const w of ['已批准', '请假', '男', '专题讲座', '出勤']) {
      const probe = document.createElement('div');
      probe.textContent = w;
      document.body.appendChild(probe);
    }
  });
  const probed = await leaks(page, data);
  for (const w of ['已批准', '请假', '男', '专题讲座', '出勤']) assert.ok(probed.han.includes(w), `the sweep would see ${w}: ${JSON.stringify(probed.han)}`);
  await context.close();

  // The trainee, on a phone, through the demo's invite link.
  const m = /^trainee \(学员 [^)]*\): (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(m, `the demo prints a trainee invite link:\n${env.server.output().stdout}`);
  const phone = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await english(phone);
  const tp = await phone.newPage();
  const tdata = new Set();
  watchData(tp, tdata);
  await tp.goto(m[1]);
  await tp.locator('[data-testid="invite-welcome"], [data-testid="invite-error"]').first().waitFor();
  assert.ok(await byTestId(tp, 'invite-welcome').isVisible(), 'the demo invite signs the trainee in');
  await check(tp, tdata, 'trainee invite', problems);
  await shot(tp, 'english-sweep-trainee-invite');
  for (const path of ['/home', '/classes', '/me', '/my-record']) {
    await tp.goto(path);
    await check(tp, tdata, `trainee ${path}`, problems);
    await shot(tp, `english-sweep-trainee-${path.slice(1)}`);
  }
  await phone.close();

  assert.deepEqual(problems, []);
});

test('English sweep: the organizer, head teacher and liaison see no Chinese outside data', async () => {
  // `peixun demo` prints one sign-in per role: "head teacher (班主任): user password".
  const logins = [...env.server.output().stdout.matchAll(/^([a-z][a-z ]*) \([^)]*\): (\S+) (\S+)\s*$/gm)]
    .filter((m) => m[1] !== 'admin' && m[1] !== 'trainee')
    .map((m) => ({ role: m[1], username: m[2], password: m[3] }));
  assert.ok(logins.length >= 3, `the demo prints the staff sign-ins:\n${env.server.output().stdout}`);
  const problems = [];
  for (const { role, username, password } of logins) {
    const { page, context } = await newPage(env.browser, env.server);
    await english(context);
    const data = new Set();
    watchData(page, data);
    await loginUi(page, username, password);
    await check(page, data, `${role} start page ${new URL(page.url()).pathname}`, problems);
    await shot(page, `english-sweep-${role.replace(/ /g, '-')}-start`);
    const keys = (await page.locator('[data-testid="side-menu"] [data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
      .filter((k, i, a) => a.indexOf(k) === i);
    for (const key of keys) {
      await byTestId(page, key).first().click();
      await page.waitForURL((u) => u.pathname === `/${key.slice('menu-'.length)}`);
      await check(page, data, `${role} ${key}`, problems);
    }
    if (keys.includes('menu-classes')) {
      await byTestId(page, 'menu-classes').first().click();
      await page.waitForURL(/\/classes$/);
      const link = page.locator('a[href^="/classes/"]').first();
      if (await link.count()) {
        await link.click();
        await byTestId(page, 'class-tabs').waitFor();
        const tabs = await page.locator('[data-testid^="class-tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
        for (const tab of tabs) {
          await byTestId(page, tab).click();
          await check(page, data, `${role} class ${tab}`, problems);
        }
      }
    }
    await context.close();
  }
  assert.deepEqual(problems, []);
});
