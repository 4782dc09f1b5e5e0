// Shared pieces of the browser tests: a real `peixun demo` on 127.0.0.1 with its
// own temporary SQLite database, Debian's Chromium driven by playwright-core, and
// small helpers (log in, wait for an API answer, screenshots).
//
// Environment:
//   PEIXUN_BIN        the peixun binary (required; tests/e2e/run.sh passes it)
//   PEIXUN_CHROMIUM   the browser (default /usr/bin/chromium)
//   PEIXUN_E2E_OUT    screenshot folder (default build/e2e-screenshots under the repo)
//
// Waiting is always for a condition (an element, a response, a DOM state), never a
// fixed sleep: the machines are small and shared, so timing varies a lot.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, request } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');

// Generous: two shared cores, a debug-ish build, a browser and a server at once.
export const TIMEOUT_MS = 30_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function screenshotDir() {
  const out = process.env.PEIXUN_E2E_OUT || path.join(repoRoot, 'build', 'e2e-screenshots');
  const dir = path.isAbsolute(out) ? out : path.resolve(repoRoot, out);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The peixun binary named by PEIXUN_BIN, as an absolute path: the server runs in a
 * temporary folder, so a relative name (`PEIXUN_BIN=build/peixun node --test …`) is
 * taken from the current folder, else from the repository root.
 */
function peixunBinary() {
  const named = process.env.PEIXUN_BIN;
  if (!named) throw new Error('PEIXUN_BIN must name the peixun binary (got nothing)');
  let bin = named;
  if (!path.isAbsolute(bin)) {
    const fromCwd = path.resolve(bin);
    bin = fs.existsSync(fromCwd) ? fromCwd : path.resolve(repoRoot, bin);
  }
  if (!fs.existsSync(bin)) throw new Error(`PEIXUN_BIN must name the peixun binary (got ${named})`);
  return bin;
}

/**
 * Keeps a server's output in $PEIXUN_TEST_LOG_DIR (when set) once it exits, so
 * tests/tools/check_log_leaks.py can grep every suite's logs for personal numbers.
 */
function keepServerLog(kind, stdout, stderr) {
  const dir = process.env.PEIXUN_TEST_LOG_DIR;
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const name = `e2e-${path.basename(process.argv[1] || 'test')}-${process.pid}-${kind}-${Date.now()}.log`;
    fs.writeFileSync(path.join(dir, name), `${stdout}\n--- stderr ---\n${stderr}`);
  } catch {
    // A log that cannot be kept must not fail the browser test.
  }
}

/**
 * Starts `peixun demo` on a fresh SQLite file and 127.0.0.1 port 0 (the server
 * binds a free port and prints the real URL), and reads the admin password from
 * its stdout. Resolves to { url, adminPassword, db, keyFile, output(), stop(),
 * halt(), serveAgain() }: halt() stops the server keeping its database, serveAgain()
 * starts `peixun serve` on the same database and port (a server restart).
 *
 * The second factor: the demo (and serveAgain's `peixun serve`) run with
 * `--second-factor optional`, so the printed sign-ins work with the password alone;
 * `startServer({ secondFactor: 'required' })` makes admins and organizers set up TOTP
 * at login (totpCode() below computes the codes).
 */
export async function startServer({ secondFactor = 'optional' } = {}) {
  const bin = peixunBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peixun-e2e-'));
  const db = `sqlite:${path.join(dir, 'e2e.db')}`;
  const keyFile = path.join(dir, 'e2e.key');
  const child = spawn(bin, ['demo', '--db', db, '--key-file', keyFile, '--listen', '127.0.0.1:0', '--second-factor', secondFactor], {
    cwd: dir,
    env: { ...process.env, PEIXUN_WEB_ROOT: process.env.PEIXUN_WEB_ROOT || path.join(repoRoot, 'web', 'dist') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      keepServerLog('demo', stdout, stderr);
      resolve(exited);
    });
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');

  // A loaded machine (CI sharing its cores) may need longer: PEIXUN_E2E_READY_MS.
  const readyMs = Number(process.env.PEIXUN_E2E_READY_MS) || 90_000;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`peixun demo did not become ready in ${readyMs / 1000} s\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
      readyMs,
    );
    const check = () => {
      const pw = /^admin: admin (\S+)\s*$/m.exec(stdout);
      const url = /serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(stdout);
      if (pw && url) {
        clearTimeout(timer);
        if (url[2] === '0') reject(new Error(`server printed port 0: ${stdout}`));
        else resolve({ url: url[1].replace(/\/$/, ''), adminPassword: pw[1] });
      }
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      check();
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    exitPromise.then((e) => {
      clearTimeout(timer);
      reject(new Error(`peixun demo exited early (${JSON.stringify(e)})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });

  let info;
  try {
    info = await ready;
  } catch (e) {
    if (!exited) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  // The server of serveAgain(), when the test restarted it.
  let again = null;

  /** Stops the demo server (or the one serveAgain() started) but keeps its database. */
  async function halt() {
    if (again) {
      await again.stop();
      again = null;
    }
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(killer);
    }
  }

  /**
   * After halt(): `peixun serve` on the same database, key file and port, so the
   * browser's pages and cookies carry on. Resolves once it listens.
   */
  async function serveAgain() {
    if (again) throw new Error('serveAgain: already serving again');
    await halt();
    again = await startServe(bin, { db, keyFile, dir, port: new URL(info.url).port, secondFactor });
  }

  async function stop() {
    await halt();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    ...info,
    db,
    keyFile,
    output: () => ({ stdout, stderr, again: again ? again.output() : null }),
    stop,
    halt,
    serveAgain,
  };
}

/**
 * `peixun serve --db DB --key-file KEY --listen 127.0.0.1:PORT` in `dir`, resolved
 * when it prints its "serving" line; retries for a while when the port is still
 * held by the server just stopped. Resolves to { output(), stop() }.
 */
async function startServe(bin, { db, keyFile, dir, port, secondFactor }) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const child = spawn(bin, ['serve', '--db', db, '--key-file', keyFile, '--listen', `127.0.0.1:${port}`, '--second-factor', secondFactor], {
      cwd: dir,
      env: { ...process.env, PEIXUN_WEB_ROOT: process.env.PEIXUN_WEB_ROOT || path.join(repoRoot, 'web', 'dist') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let exited = null;
    const exitPromise = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        keepServerLog('serve', stdout, stderr);
        resolve(exited);
      });
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const ready = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 60_000);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (/serving http:\/\//.test(stdout)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      exitPromise.then(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    const stop = async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exitPromise;
        clearTimeout(killer);
      }
    };
    if (ready) return { output: () => ({ stdout, stderr }), stop };
    await stop();
    if (Date.now() > deadline) {
      throw new Error(`peixun serve did not start on port ${port}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    }
    // the port may still be held for a moment by the server just stopped
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Headless Chromium; playwright gives every launch a fresh temporary profile (user-data-dir). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PEIXUN_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** A fresh context (own cookies and storage) and a page in it. */
export async function newPage(browser, server) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.problems = problems;
  return { context, page };
}

export async function shot(page, name) {
  const file = path.join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/**
 * Waits until every element matching `selector` can be seen: a box of its own, no
 * hidden or undisplayed ancestor, and not cut off by an overflow:hidden ancestor
 * (Playwright's "visible" counts an element inside a collapsed, height-0 box, as
 * a folding tree node is while it opens).
 */
export async function waitUntilShown(page, selector) {
  await page.waitForFunction((sel) => {
    const els = [...document.querySelectorAll(sel)];
    return els.length > 0 && els.every((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const st = getComputedStyle(a);
        if (st.display === 'none' || st.visibility === 'hidden') return false;
        if (st.overflowY === 'hidden') {
          const ar = a.getBoundingClientRect();
          if (r.top < ar.top - 1 || r.bottom > ar.bottom + 1) return false;
        }
      }
      return true;
    });
  }, selector);
}

/** Waits for the next response to `method` on a path under /api/v1 matching `pathRe`. */
export function waitForApi(page, method, pathRe) {
  return page.waitForResponse((r) => {
    if (r.request().method() !== method) return false;
    const u = new URL(r.url());
    return pathRe.test(u.pathname + u.search);
  });
}

/**
 * The JSON body of a response the page received. Chromium may already have
 * dropped a body from its inspector cache ("evicted"); a GET is then asked again
 * with the page's own cookie (the server is deterministic for reads).
 */
export async function jsonOf(page, response) {
  try {
    return await response.json();
  } catch (e) {
    if (response.request().method() !== 'GET') throw e;
    const again = await page.request.get(response.url(), { headers: response.request().headers() });
    if (again.status() !== response.status()) throw new Error(`${response.url()}: ${again.status()} then, ${response.status()} before`);
    return again.json();
  }
}

/** Logs in through the login page and waits for the app shell. */
export async function loginUi(page, username, password) {
  if (!/\/login/.test(page.url())) await page.goto('/login');
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(password);
  const answered = waitForApi(page, 'POST', /^\/api\/v1\/auth\/login$/);
  await byTestId(page, 'login-submit').click();
  const res = await answered;
  if (res.status() !== 200) throw new Error(`login as ${username} answered ${res.status()}: ${await res.text()}`);
  await byTestId(page, 'side-menu').waitFor({ state: 'visible' });
}

/**
 * Logs in with a Playwright APIRequestContext (page.request or a standalone one)
 * and returns the CSRF token for its unsafe requests.
 */
export async function loginApi(request, username, password) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  if (res.status() !== 200) throw new Error(`API login as ${username}: ${res.status()} ${await res.text()}`);
  return (await res.json()).csrf_token;
}

/** Texts of all elements matching `selector` (in document order). */
export async function texts(page, selector) {
  return page.locator(selector).allInnerTexts().then((a) => a.map((s) => s.trim()));
}

/** Writes `content` to a file named `name` in a fresh temp folder; returns its path. */
export function tempFile(name, content) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peixun-e2e-file-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * The usual set-up of one flow file: a server, a browser and `api` (an
 * APIRequestContext on the server, for set-up calls outside the pages), all closed
 * by the returned teardown (even when set-up half failed).
 */
export async function setUp(serverOptions = {}) {
  const server = await startServer(serverOptions);
  let browser;
  let api;
  try {
    browser = await launchBrowser();
    api = await request.newContext({ baseURL: server.url });
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    throw e;
  }
  async function tearDown() {
    await api.dispose().catch(() => {});
    await browser.close().catch(() => {});
    await server.stop();
  }
  return { server, browser, api, tearDown };
}

/**
 * The TOTP code (RFC 6238: HMAC-SHA-1, 30 s steps, 6 digits) of a base32 secret at
 * `unixSeconds` (default now), as an authenticator app shows it.
 */
export function totpCode(secretBase32, unixSeconds = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretBase32.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${secretBase32}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++) key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}
