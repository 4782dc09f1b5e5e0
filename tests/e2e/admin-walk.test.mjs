// Flow (issue #14, item: a walk of the admin console): in Chinese and in English, at
// a phone size (390×844, touch) and a desktop size (1440×900), the admin opens every
// page of their menu (read from the menu itself: the side menu, or on a phone the
// drawer). Every page shows its content with no console error and no uncaught
// exception; on the desktop the page is no wider than the window (no horizontal
// scroll of the body). On the phone a page wider than the screen is listed in
// build/e2e-screenshots/admin-walk.json and printed, not failed: wide admin tables
// scroll inside their own box there, and what still overflows is reported; but the
// pages with a phone layout (PHONE_FIT: users as cards, the audit and login logs as
// cards) must not scroll sideways at all, neither the page, the main area nor any
// box inside it. The layout scrolls its main area, not <body>: both are measured.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { byTestId, loginApi, screenshotDir, setUp, shot } from './lib/harness.mjs';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1440, height: 900 } },
};

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null, { timeout: 15_000 })
    .catch(() => {});
}

// The page's width against the window, and the main area's content against its
// box: the layout keeps <body> at the window's size and scrolls the main area, so
// a too wide table or form shows as the main area's horizontal scroll.
async function widths(page) {
  return page.evaluate(() => {
    const main = document.querySelector('.layout-main');
    return {
      page: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      window: window.innerWidth,
      main: main ? main.scrollWidth : 0,
      mainBox: main ? main.clientWidth : 0,
    };
  });
}

// The pages laid out for a phone (and the test id of their rows, cards there):
// nothing on them may scroll sideways there.
const PHONE_FIT = { '/users': 'users-row', '/audit': 'audit-row', '/login-log': 'login-log-row' };

// The boxes inside the main area that scroll sideways (content wider than the box
// and overflow-x auto or scroll), e.g. a table wider than the phone.
async function sidewaysBoxes(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.layout-main *')) {
      const ox = getComputedStyle(el).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}/${el.clientWidth}px`);
      }
    }
    return out;
  });
}

async function menuPaths(page, phone) {
  if (phone) {
    await byTestId(page, 'menu-toggle').click();
    await byTestId(page, 'menu-drawer').locator('[data-testid^="menu-"]').first().waitFor();
  } else {
    await byTestId(page, 'side-menu').waitFor({ state: 'visible' });
  }
  const root = phone ? byTestId(page, 'menu-drawer') : byTestId(page, 'side-menu');
  const keys = await root.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  if (phone) await page.keyboard.press('Escape');
  return [...new Set(keys)].map((k) => `/${k.slice('menu-'.length)}`);
}

test('every admin menu page opens cleanly in both languages, on a phone and a desktop', async () => {
  const report = [];
  const problems = [];
  const phoneFitChecked = [];
  for (const lang of ['zh-CN', 'en']) {
    for (const [size, options] of Object.entries(SIZES)) {
      const context = await env.browser.newContext({ baseURL: env.server.url, locale: lang, timezoneId: 'Asia/Shanghai', ...options });
      await context.addInitScript((l) => localStorage.setItem('peixun.lang', l), lang);
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await loginApi(page.request, 'admin', env.server.adminPassword);
      await page.goto('/workbench');
      await byTestId(page, 'app-header').waitFor();
      const paths = await menuPaths(page, size === 'phone');
      assert.ok(paths.length >= 10, `admin menu (${lang}, ${size}): ${paths}`);
      for (const must of ['/login-log', '/security-policy', '/privacy-retention']) {
        assert.ok(paths.includes(must), `admin menu (${lang}, ${size}) lacks ${must}: ${paths}`);
      }
      for (const p of [...paths, '/me']) {
        errors.length = 0;
        await page.goto(p);
        await byTestId(page, 'app-header').waitFor();
        await page.locator('.layout-main > *').first().waitFor();
        await settle(page);
        // The sign-in page is /login; /login-log is a menu page.
        assert.notEqual(new URL(page.url()).pathname, '/login', `${p} stayed signed in`);
        const w = await widths(page);
        const wide = w.page > w.window + 1 || w.main > w.mainBox + 1;
        report.push({ lang, size, path: p, ...w, consoleErrors: [...errors] });
        if (errors.length) problems.push(`${lang} ${size} ${p}: console: ${JSON.stringify(errors)}`);
        if (wide && size === 'desktop') problems.push(`${lang} ${size} ${p}: ${JSON.stringify(w)}`);
        if (size === 'phone' && PHONE_FIT[p]) {
          // The page shows its rows (as cards), and nothing scrolls sideways.
          await byTestId(page, PHONE_FIT[p]).first().waitFor({ timeout: 10_000 });
          const boxes = await sidewaysBoxes(page);
          if (wide || boxes.length) problems.push(`${lang} phone ${p} scrolls sideways: ${JSON.stringify({ ...w, boxes })}`);
          phoneFitChecked.push(p);
        }
        await shot(page, `admin-walk-${lang}-${size}-${p.slice(1).replace(/\//g, '_') || 'root'}`);
      }
      // The measure itself sees a too wide element in the main area.
      await page.evaluate(() => {
        const probe = document.createElement('div');
        probe.style.width = '3000px';
        probe.style.height = '1px';
        document.querySelector('.layout-main').appendChild(probe);
      });
      const probed = await widths(page);
      assert.ok(probed.main > probed.mainBox + 1, `the walk would see an overflow: ${JSON.stringify(probed)}`);
      // ... and a box inside it that scrolls sideways.
      await page.evaluate(() => {
        const box = document.createElement('div');
        box.style.overflowX = 'auto';
        box.innerHTML = '<div style="width: 3000px; height: 1px"></div>';
        document.querySelector('.layout-main').appendChild(box);
      });
      assert.ok((await sidewaysBoxes(page)).length > 0, 'the walk would see a box that scrolls sideways');
      await context.close();
    }
  }
  fs.writeFileSync(path.join(screenshotDir(), 'admin-walk.json'), JSON.stringify(report, null, 2));
  const phoneWide = report.filter((r) => r.size === 'phone' && (r.page > r.window + 1 || r.main > r.mainBox + 1));
  if (phoneWide.length) console.log(`phone pages wider than the screen: ${phoneWide.map((r) => `${r.lang} ${r.path} ${r.main}/${r.mainBox}px`).join(', ')}`);
  // Every phone-fit page was in the menu and measured, in both languages.
  const fit = Object.keys(PHONE_FIT);
  assert.deepEqual([...phoneFitChecked].sort(), [...fit, ...fit].sort());
  assert.deepEqual(problems, []);
});
