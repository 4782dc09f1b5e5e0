// Flow: with the UI in English, walk every page reachable from the admin's menu,
// every tab of the demo's seed class, and the trainee's phone pages (through the
// invite link `peixun demo` prints, with issue #12's exam, reflection and evaluation
// pages) and a lecturer's 我的讲座评估, and fail on any Han character that is not
// data. Data (names of people, units, classes, session titles, sites, rooms…) is
// collected from the JSON the page received from /api/v1 and stripped from the
// page text first; enum values and the server's *_label fields are NOT data, so a
// 已批准 or 男 taken from them still fails. The same walk checks that no internals
// show: no ISO timestamps (2026-12-07T10:37), no org paths (/1/40/43/), no 随机种子.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginApi, loginUi, newPage, setUp, shot } from './lib/harness.mjs';

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
  // A page that loads in steps (a bank, then its questions) may have asked for more
  // meanwhile: learn every answer until none came for 700 ms (at most 10 s) before
  // reading the page. (networkidle is reached once per document, not per SPA route.)
  for (let waited = 0, seen = -1; seen !== (page.pendingData ?? []).length && waited < 10_000; waited += 700) {
    seen = (page.pendingData ?? []).length;
    await Promise.all(page.pendingData ?? []);
    await page.waitForTimeout(700);
  }
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

/**
 * Session titles are data, also where a server message quotes them (a completion
 * reason on the head teacher's start page: "1 absence (《…》 12-06 14:30)"): learned
 * from the classes' timetables the user may read.
 */
async function learnSessionTitles(page, data) {
  const classes = await page.request.get('/api/v1/classes?page_size=100');
  if (classes.status() !== 200) return;
  for (const c of (await classes.json()).items) {
    const sessions = await page.request.get(`/api/v1/classes/${c.id}/sessions`);
    if (sessions.status() === 200) collect(await sessions.json(), '', data);
  }
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
  // Its second factor set-up (QR, key, code field), begun and left unconfirmed.
  await byTestId(page, 'totp-begin').click();
  await byTestId(page, 'totp-qr').waitFor();
  await check(page, data, 'admin /me: second factor set-up', problems);
  // The retention page with a preview that lists people (1 year), not only "off".
  await page.goto('/privacy-retention');
  await byTestId(page, 'retention-preview-off').waitFor();
  await byTestId(page, 'retention-years').locator('input').fill('1');
  await byTestId(page, 'retention-years').locator('input').blur();
  await byTestId(page, 'retention-preview-table').waitFor();
  await check(page, data, 'privacy retention preview', problems);
  await shot(page, 'english-sweep-privacy-retention-preview');

  // The security policy page with its range messages showing, and /me's password form
  // refusing a password under the policy (the server's message, in English).
  assert.ok(keys.includes('menu-security-policy'), `admin menu: ${keys}`);
  await page.goto('/security-policy');
  await byTestId(page, 'policy-min-chars').locator('input').fill('200');
  await byTestId(page, 'retention-days').locator('input').fill('10');
  await byTestId(page, 'policy-save').click();
  await byTestId(page, 'retention-days-save').click();
  await page.locator('.el-form-item__error').nth(1).waitFor();
  await check(page, data, 'security policy with range errors', problems);
  await shot(page, 'english-sweep-security-policy-errors');
  await page.goto('/me');
  await byTestId(page, 'change-password-rules').waitFor();
  await byTestId(page, 'change-password-old').fill(env.server.adminPassword);
  await byTestId(page, 'change-password-new').fill('short');
  await byTestId(page, 'change-password-again').fill('short');
  await byTestId(page, 'change-password-submit').click();
  await page.locator('.el-form-item__error').filter({ hasText: 'at least' }).waitFor();
  await check(page, data, 'admin /me: password change refused', problems);

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
  // Its PIPL erase confirm dialog (opened, read, cancelled).
  await byTestId(page, 'privacy-erase').click();
  await byTestId(page, 'privacy-erase-reason').waitFor();
  await check(page, data, 'person record: erase dialog', problems);
  await page.keyboard.press('Escape');
  await byTestId(page, 'privacy-erase-reason').waitFor({ state: 'hidden' });

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
  // The 考试 tab's panels on the demo's closing exam, its trainee's-eye preview, and
  // the 题库 page's question dialog.
  const classPath = new URL(page.url()).pathname;
  for (const panel of ['paper', 'monitor', 'grading', 'stats']) {
    await page.goto(`${classPath}?tab=exams&exam_panel=${panel}`);
    await byTestId(page, `exam-panel-${panel}`).waitFor();
    await check(page, data, `class exams ${panel}`, problems);
    await shot(page, `english-sweep-exams-${panel}`);
  }
  await page.goto(`${classPath}?tab=exams`);
  await byTestId(page, 'exam-paper-preview').click();
  await byTestId(page, 'exam-preview').waitFor();
  await check(page, data, 'exam preview', problems);
  await shot(page, 'english-sweep-exam-preview');
  await page.goto(`${classPath}?tab=reflection`);
  await byTestId(page, 'reflection-set').click();
  await byTestId(page, 'reflection-req-dialog').waitFor({ state: 'visible' });
  await check(page, data, 'reflection requirement dialog', problems);
  await page.goto(`${classPath}?tab=evaluation`);
  await byTestId(page, 'evaluation-open').click();
  await byTestId(page, 'evaluation-open-dialog').waitFor({ state: 'visible' });
  await check(page, data, 'evaluation open dialog', problems);
  await page.goto('/question-banks');
  await page.locator('[data-testid="question-row"]').first().waitFor();
  await byTestId(page, 'question-add').click();
  await byTestId(page, 'question-dialog').waitFor({ state: 'visible' });
  await check(page, data, 'question dialog', problems);
  await page.goto(classPath);
  await byTestId(page, 'class-tabs').waitFor();
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

  // 结业证书: the organizer's template editor (a dialog on the tab).
  const classId = Number(/\/classes\/(\d+)/.exec(page.url())[1]);
  await byTestId(page, 'class-tab-certificates').click();
  await byTestId(page, 'certs-template').click();
  await byTestId(page, 'template-dialog').waitFor({ state: 'visible' });
  await page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/classes/${classId}/certificate-template`).catch(() => {});
  await check(page, data, 'certificate template editor', problems);
  await shot(page, 'english-sweep-certificate-template');
  await page.keyboard.press('Escape');

  // A decided class with issued certificates: last year's edition of the seed class
  // (the demo's history), so the seed class itself keeps running for the walks below.
  const listed = await (await page.request.get('/api/v1/classes?page=1&page_size=50')).json();
  const past = listed.items.find((c) => c.status === 'finished' && c.id !== classId);
  assert.ok(past, 'the demo has an ended class');
  const issued = await (await page.request.get(`/api/v1/classes/${past.id}/certificates`)).json();
  const cert = issued[0];  // the class's certificates, an array
  assert.ok(cert?.serial, `certificates of class ${past.id}: ${JSON.stringify(issued).slice(0, 200)}`);
  await learnSessionTitles(page, data);  // reasons quote the sessions they are about
  await page.goto(`/classes/${past.id}?tab=completion`);
  await byTestId(page, 'completion-table').waitFor();
  await check(page, data, 'class completion (decided)', problems);
  await page.goto(`/classes/${past.id}?tab=certificates`);
  await byTestId(page, 'cert-serial').first().waitFor();
  await check(page, data, 'class certificates (issued)', problems);
  const outside = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await english(outside);
  const vp = await outside.newPage();
  const vdata = new Set();
  watchData(vp, vdata);
  await vp.goto(`/verify/${cert.serial}`);
  await byTestId(vp, 'verify-status').waitFor();
  await check(vp, vdata, 'public verify page', problems);
  await shot(vp, 'english-sweep-verify');
  await vp.goto('/verify/PX-NOPE');
  await byTestId(vp, 'verify-missing').waitFor();
  await check(vp, vdata, 'public verify page (unknown serial)', problems);
  await outside.close();

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

  // Issue #12's trainee pages need something to show: a reflection paper to hand in
  // and the class's evaluation questionnaire (the exam is the demo's closing exam).
  const adminCsrf = await loginApi(env.api, 'admin', env.server.adminPassword);
  const seed = (await (await env.api.get('/api/v1/classes?page=1&page_size=10')).json()).items.find((c) => c.status === 'running');
  assert.ok(seed, 'the demo class is running');
  const due = new Date(Date.now() + 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const set = await env.api.put(`/api/v1/classes/${seed.id}/reflection`, {
    data: { deadline: `${due}T18:00`, grading: 'mark' },
    headers: { 'X-CSRF-Token': adminCsrf },
  });
  assert.equal(set.status(), 200, await set.text());
  const opened = await env.api.post(`/api/v1/classes/${seed.id}/evaluations`, { data: {}, headers: { 'X-CSRF-Token': adminCsrf } });
  assert.equal(opened.status(), 201, await opened.text());

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
  for (const path of ['/t', '/home', '/classes', '/me', '/my-record', '/t/certificates']) {
    await tp.goto(path);
    await check(tp, tdata, `trainee ${path}`, problems);
    await shot(tp, `english-sweep-trainee-${path.slice(1)}`);
  }
  // 考试 / 心得体会 / 评估 on the trainee home, and each page it opens.
  await tp.goto('/t');
  await byTestId(tp, 'assessment-exam').first().waitFor();
  await byTestId(tp, 'assessment-evaluation').first().waitFor();
  const assessmentLinks = await tp
    .locator('[data-testid="assessment-exam"], [data-testid="assessment-reflection"], [data-testid="assessment-evaluation"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  assert.ok(assessmentLinks.some((h) => /^\/t\/classes\/\d+\/reflection$/.test(h)), `a reflection row: ${assessmentLinks}`);
  for (const href of assessmentLinks) {
    await tp.goto(href);
    await tp.locator('[data-testid="exam-page"], [data-testid="reflection-page"], [data-testid="evaluation-page"]').first().waitFor();
    await check(tp, tdata, `trainee ${href}`, problems);
    await shot(tp, `english-sweep-trainee-${href.split('?')[0].replace(/\//g, '-').slice(1)}`);
  }
  await phone.close();

  // A lecturer's 我的讲座评估 (a lecturer login linked to a lecturer of the registry).
  const made = await env.api.post('/api/v1/users', {
    data: { username: 'sweep-lecturer', display_name: '讲课老师', role: 'lecturer' },
    headers: { 'X-CSRF-Token': adminCsrf },
  });
  assert.equal(made.status(), 201, await made.text());
  const lecturerLogin = await made.json();
  const registry = (await (await env.api.get('/api/v1/lecturers')).json()).items;
  const linked = await env.api.patch(`/api/v1/lecturers/${registry[0].id}`, {
    data: { user_id: lecturerLogin.user.id },
    headers: { 'X-CSRF-Token': adminCsrf },
  });
  assert.equal(linked.status(), 200, await linked.text());
  {
    const { page: lp, context: lc } = await newPage(env.browser, env.server);
    await english(lc);
    const ldata = new Set();
    watchData(lp, ldata);
    await loginUi(lp, 'sweep-lecturer', lecturerLogin.password);
    await byTestId(lp, 'menu-my-lectures').first().click();
    await byTestId(lp, 'lecturer-evaluations').waitFor();
    await check(lp, ldata, 'lecturer /my-lectures', problems);
    await shot(lp, 'english-sweep-lecturer-my-lectures');
    await lc.close();
  }

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
    // Each staff role lands on its start page (工作台), loaded before the check.
    await page.waitForURL((u) => u.pathname === '/workbench');
    await byTestId(page, 'workbench').waitFor();
    await learnSessionTitles(page, data);
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

test('English sweep: the 学员 tab dialogs (WeChat sign-in links, quota full) have no Chinese outside data', async () => {
  const problems = [];
  const { page, context } = await newPage(env.browser, env.server);
  await english(context);
  const data = new Set();
  watchData(page, data);
  await loginUi(page, 'admin', env.server.adminPassword);
  await byTestId(page, 'menu-classes').first().click();
  await page.waitForURL(/\/classes$/);
  await page.locator('a[href^="/classes/"]').first().click();
  await byTestId(page, 'class-tab-enrollment').click();
  // Sign-in links as text for WeChat (re-issues: runs after the trainee pages above).
  await byTestId(page, 'invites-wechat').click();
  await page.locator('.el-message-box').waitFor({ state: 'visible' });
  await check(page, data, 'class enrollment: WeChat links confirmation', problems);
  await page.locator('.el-message-box .el-button--primary').click();
  await byTestId(page, 'wechat-invite-row').first().waitFor();
  await check(page, data, 'class enrollment: WeChat links', problems);
  await shot(page, 'english-sweep-wechat-links');
  assert.match(await byTestId(page, 'wechat-invite-text').first().innerText(), /^.+: https?:\/\/\S+\/invite\/\S+$/);
  await page.keyboard.press('Escape');
  await byTestId(page, 'wechat-invites-dialog').waitFor({ state: 'hidden' });

  // The quota-full dialog: fill a unit's quota and put one more of its people on the
  // waiting list (API), then approve them on the tab.
  const csrf = await loginApi(env.api, 'admin', env.server.adminPassword);
  const classId = Number(new URL(page.url()).pathname.split('/')[2]);
  const j = async (res) => {
    assert.ok(res.ok(), `${res.url()}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  const quotas = (await j(await env.api.get(`/api/v1/classes/${classId}/quotas`))).items;
  const q = quotas.find((x) => x.used > 0);
  await j(await env.api.put(`/api/v1/classes/${classId}/quotas`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { items: quotas.map((x) => ({ unit_id: x.unit_id, seats: x.unit_id === q.unit_id ? x.used : x.seats })) },
  }));
  const enrolled = new Set((await j(await env.api.get(`/api/v1/classes/${classId}/enrollments?page_size=200`))).items.map((e) => e.person_id));
  const someone = (await j(await env.api.get(`/api/v1/people?page_size=200&unit_id=${q.unit_id}`))).items.find((p) => !enrolled.has(p.id));
  const waiting = await j(await env.api.post(`/api/v1/classes/${classId}/enrollments`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { person_id: someone.id, waitlist: true },
  }));
  await byTestId(page, 'enrollment-refresh').click();
  const item = page.locator(`[data-testid="waitlist-item"][data-row-id="${waiting.id}"]`);
  await item.locator('[data-testid="waitlist-approve"]').click();
  await byTestId(page, 'quota-full-usage').waitFor();
  await check(page, data, 'class enrollment: quota full (raise)', problems);
  await byTestId(page, 'quota-full-mode-substitute').click();
  await byTestId(page, 'quota-full-holder').waitFor();
  await check(page, data, 'class enrollment: quota full (substitute)', problems);
  await shot(page, 'english-sweep-quota-full');
  await context.close();
  assert.deepEqual(problems, []);
});
