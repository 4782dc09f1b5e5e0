// Flow: the kiosk page (签到机) reads badge codes typed by a USB scanner (characters
// and Enter into its always-focused input). Online, a scan checks the trainee in at
// once. Then the server is stopped: the scans wait in the browser's queue (its
// count shown), one as a badge URL, one a repeat of it, one a forged badge. The page
// is closed; the server starts again (`peixun serve` on the same database and port);
// a new kiosk page finds the queue in localStorage and sends it in order: the queue
// empties, the trainee's check-in carries the device time, the repeat is kept and
// flagged duplicate, and the forged badge is listed as an error, not lost. The
// head teacher's dashboard, open all along, reconnects its live stream by itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, loginApi, loginUi, newPage, setUp, shot } from './lib/harness.mjs';
import { badgeToken, badgeTokens, createOpenSession, demoClass, sessionAttendance } from './lib/attendance.mjs';

let env;
let api;
before(async () => {
  env = await setUp();
  api = env.api;
});
after(async () => {
  await env?.tearDown();
});

/** Types like a USB scanner: the characters into the focused input, then Enter. */
async function scanBadge(page, text) {
  // the input keeps the focus (wait for it rather than clicking it: a scanner cannot click)
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'kiosk-input');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const queueCount = (page, n) => page.locator(`[data-testid="kiosk-queue"][data-count="${n}"]`).waitFor({ state: 'attached' });

test('kiosk scans queue while the server is down and sync after it is back', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const session = await createOpenSession(api, csrf, cls, '签到机离线测试');
  const start = await sessionAttendance(api, session.id);
  const [a, b] = start.items.filter((r) => r.first_checkin_ms == null);
  const tokens = await badgeTokens(api, cls.id);
  const tokenA = badgeToken(tokens, a.person_id);
  const tokenB = badgeToken(tokens, b.person_id);

  const { context, page } = await newPage(env.browser, env.server);
  let page2;
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto(`/kiosk/${session.id}`);
    await byTestId(page, 'kiosk-session-title').filter({ hasText: session.title }).waitFor({ state: 'visible' });
    await byTestId(page, 'kiosk-counts').filter({ hasText: `${start.counts.checked_in} / ${start.counts.expected}` }).waitFor();
    // no BarcodeDetector in Chromium on Linux: the page says so, the scanner still works
    assert.equal(await byTestId(page, 'kiosk-camera').count() + (await byTestId(page, 'kiosk-camera-unsupported').count()), 1);

    // Online: the raw token checks A in at once.
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/kiosk/scan');
    await scanBadge(page, tokenA);
    assert.equal((await answered).status(), 200);
    await page.locator('[data-testid="kiosk-result"][data-kind="ok"]').waitFor({ state: 'visible' });
    assert.equal((await byTestId(page, 'kiosk-name').innerText()).trim(), a.name);
    await queueCount(page, 0);
    await shot(page, 'kiosk-online-scan');

    // The head teacher's dashboard of the session, open through the restart.
    const board = await context.newPage();
    board.problems = [];
    board.on('pageerror', (e) => board.problems.push(`pageerror: ${e.message}`));
    await board.goto(`/classes/${cls.id}?tab=attendance&session=${session.id}`);
    await board.locator('[data-testid="att-live-state"][data-state="live"]').waitFor({ state: 'visible' });
    await board.waitForFunction(
      (want) => document.querySelector('[data-testid="att-count-checked-in"]')?.textContent?.trim() === String(want),
      start.counts.checked_in + 1,
    );

    // The server stops: scans are kept in the queue.
    await env.server.halt();
    await board.locator('[data-testid="att-live-state"][data-state="reconnecting"]').waitFor({ state: 'visible' });
    await scanBadge(page, `${env.server.url}/k/${cls.id}/${tokenB}`);
    await page.locator('[data-testid="kiosk-result"][data-kind="queued"]').waitFor({ state: 'visible' });
    await queueCount(page, 1);
    await scanBadge(page, tokenB);
    await queueCount(page, 2);
    await scanBadge(page, `${b.person_id}.forgedforgedforgedforgedforgedforgedforged00`);
    await queueCount(page, 3);
    await byTestId(page, 'kiosk-queue').filter({ hasText: '3' }).waitFor({ state: 'visible' });
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('peixun.kiosk.queue.v1') || '[]'));
    assert.equal(stored.length, 3);
    assert.deepEqual(
      stored.map((s) => s.badge_token),
      [tokenB, tokenB, `${b.person_id}.forgedforgedforgedforgedforgedforgedforged00`],
    );
    assert.ok(stored.every((s) => s.session_id === session.id && s.device_time_ms > 0 && s.idempotency_key.length >= 8));
    assert.ok(stored[0].device_time_ms <= stored[1].device_time_ms);
    await shot(page, 'kiosk-offline-queued');
    await page.close();

    // The server comes back (same database, same port); a new kiosk page sends the queue.
    await env.server.serveAgain();
    page2 = await context.newPage();
    page2.problems = [];
    page2.on('pageerror', (e) => page2.problems.push(`pageerror: ${e.message}`));
    await page2.goto(`/kiosk/${session.id}`);
    await byTestId(page2, 'kiosk').waitFor({ state: 'visible' });
    await queueCount(page2, 0);
    // every queued scan is accounted for in the recent list, keyed by its idempotency key
    const item = (s) => page2.locator(`[data-testid="kiosk-recent-item"][data-key="${s.idempotency_key}"]`);
    await item(stored[0]).and(page2.locator('[data-kind="synced"]')).waitFor({ state: 'visible' });
    await item(stored[1]).and(page2.locator('[data-kind="dup"]')).waitFor({ state: 'visible' });
    await item(stored[2]).and(page2.locator('[data-kind="error"]')).waitFor({ state: 'visible' });
    assert.match(await item(stored[0]).innerText(), new RegExp(b.name));
    await shot(page2, 'kiosk-synced');

    // The dashboard reconnected by itself and shows the synced check-in.
    await board.locator('[data-testid="att-live-state"][data-state="live"]').waitFor({ state: 'visible' });
    await board.waitForFunction(
      (want) => document.querySelector('[data-testid="att-count-checked-in"]')?.textContent?.trim() === String(want),
      start.counts.checked_in + 2,
    );
    await board.locator(`[data-testid="att-row"][data-row-id="${b.person_id}"] [data-testid="att-flag"][data-flag="duplicate"]`).waitFor({ state: 'attached' });
    await shot(board, 'kiosk-dashboard-after-restart');
    assert.deepEqual(board.problems, []);

    // In the database: A and B checked in, B at the kiosk's own time, the repeat flagged.
    const end = await sessionAttendance(api, session.id);
    assert.equal(end.counts.checked_in, start.counts.checked_in + 2);
    const rowA = end.items.find((r) => r.person_id === a.person_id);
    const rowB = end.items.find((r) => r.person_id === b.person_id);
    assert.ok(rowA.first_checkin_ms != null);
    assert.equal(rowB.first_checkin_ms, stored[0].device_time_ms, 'the offline scan keeps its device time');
    assert.ok(rowB.flags.includes('duplicate'), `flags ${JSON.stringify(rowB.flags)}`);
    assert.deepEqual(page2.problems, []);
  } finally {
    await context.close();
  }
});
