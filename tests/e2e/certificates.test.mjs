// Flow, from the decision to a verified certificate: the admin sets the public address
// (系统设置) to this server; the demo class is finished through the API; on its 结业
// tab the decision runs, one trainee's outcome is adjusted with a reason (refused
// without one); on the 结业证书 tab the class is issued in the background (progress
// bar), the trainee's PDF downloads, pdftoppm renders it and zbarimg decodes its QR;
// the URL opens on a phone without a session and shows 有效 and the masked name; an
// uploaded copy matches, a changed one does not; after a revocation with a reason the
// same URL shows 已撤销 and the reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byTestId, jsonOf, loginApi, loginUi, newPage, screenshotDir, setUp, shot, TIMEOUT_MS, waitForApi } from './lib/harness.mjs';
import { demoClass } from './lib/attendance.mjs';

let env;
let api;
before(async () => {
  env = await setUp();
  api = env.api;
});
after(async () => {
  await env?.tearDown();
});

async function phonePage() {
  const context = await env.browser.newContext({
    baseURL: env.server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  return { context, page };
}

test('结业 → 结业证书: the QR of the issued PDF opens a public page that shows valid, then revoked', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const finished = await api.post(`/api/v1/classes/${cls.id}/status`, {
    data: { status: 'finished' },
    headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(finished.status(), 200, await finished.text());

  const { context, page } = await newPage(env.browser, env.server);
  const out = screenshotDir();
  try {
    await loginUi(page, 'admin', env.server.adminPassword);

    // 系统设置: the QR must point at this server; a bad address is refused on the field.
    const loaded = waitForApi(page, 'GET', /^\/api\/v1\/settings\/public-base-url$/);
    await page.goto('/settings');
    assert.equal((await loaded).status(), 200);
    const field = byTestId(page, 'settings-public-base-url');
    await field.fill('ftp://nowhere');
    let saved = waitForApi(page, 'PUT', /^\/api\/v1\/settings\/public-base-url$/);
    await byTestId(page, 'settings-save').click();
    assert.equal((await saved).status(), 422);
    await page.locator('.el-form-item__error').filter({ hasText: 'http' }).waitFor({ state: 'visible' });
    await field.fill(`${env.server.url}/`);
    saved = waitForApi(page, 'PUT', /^\/api\/v1\/settings\/public-base-url$/);
    await byTestId(page, 'settings-save').click();
    assert.equal((await saved).status(), 200);
    await byTestId(page, 'settings-effective').filter({ hasText: env.server.url }).waitFor({ state: 'visible' });

    // 结业: the decision, then one outcome adjusted with a reason.
    const status = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/completion$`));
    await page.goto(`/classes/${cls.id}?tab=completion`);
    assert.equal((await status).status(), 200);
    await byTestId(page, 'completion-decide').click();
    const box = page.locator('.el-message-box');
    await box.waitFor({ state: 'visible' });
    const decided = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/completion/decision$`));
    await box.locator('.el-button--primary').click();
    const decision = await jsonOf(page, await decided);
    assert.ok(decision.trainees.length > 0);
    for (const tr of decision.trainees) assert.ok(tr.decision, `${tr.name} decided`);
    const target = decision.trainees.find((x) => x.decision.outcome !== 'completed') ?? decision.trainees[0];
    const row = page.locator(`tr.row-person-${target.person_id}`).first();
    await row.locator('[data-testid="completion-outcome"]').waitFor({ state: 'visible' });
    if (target.decision.outcome !== 'completed') {
      await row.locator('[data-testid="completion-override"]').click();
      await page.locator('[data-testid="completion-override-completed"]:visible').click();
      const dialog = byTestId(page, 'override-dialog');
      await dialog.waitFor({ state: 'visible' });
      await byTestId(page, 'override-submit').click();
      await dialog.locator('.el-form-item__error').filter({ hasText: '请填写调整理由' }).waitFor({ state: 'visible' });
      await byTestId(page, 'override-reason').fill('补考合格，经研究同意结业');
      const overridden = waitForApi(page, 'PUT', new RegExp(`^/api/v1/classes/${cls.id}/completion/decision/${target.person_id}$`));
      await byTestId(page, 'override-submit').click();
      assert.equal((await overridden).status(), 200);
      await row.locator('[data-testid="completion-override-note"]').filter({ hasText: '补考合格' }).waitFor({ state: 'visible' });
    }
    assert.equal((await row.locator('[data-testid="completion-outcome"]').innerText()).trim(), '结业');
    // 优秀学员: nominated, then approved by the organizer (here the admin), within the share.
    const share = byTestId(page, 'excellent-share');
    assert.match(await share.innerText(), /已批准 0 人.*名额 \d+ 人（全班的 10%）/);
    const nominated = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/excellent$`));
    await row.locator('[data-testid="completion-nominate"]').click();
    assert.equal((await nominated).status(), 200);
    await row.locator('[data-testid="completion-excellent"]').filter({ hasText: '已推荐' }).waitFor({ state: 'visible' });
    const approved = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/excellent/${target.person_id}/approve$`));
    await row.locator('[data-testid="completion-approve"]').click();
    assert.equal((await approved).status(), 200);
    await row.locator('[data-testid="completion-excellent"]').filter({ hasText: '优秀学员' }).waitFor({ state: 'visible' });
    await share.filter({ hasText: '已批准 1 人' }).waitFor({ state: 'visible' });
    await shot(page, 'certificates-1-completion');

    // 结业证书: the class in the background, with its progress.
    await page.goto(`/classes/${cls.id}?tab=certificates`);
    await byTestId(page, 'certs-table').waitFor({ state: 'visible' });
    await byTestId(page, 'certs-issue-all').click();
    await box.waitFor({ state: 'visible' });
    const started = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/certificates/batch$`));
    await box.locator('.el-button--primary').click();
    const finishedJob = page.waitForResponse(async (r) => {
      if (!/^\/api\/v1\/certificate-jobs\/\d+$/.test(new URL(r.url()).pathname)) return false;
      return (await r.json().catch(() => ({}))).state !== 'running';
    });
    assert.equal((await started).status(), 202);
    const job = await (await finishedJob).json();
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.ok(job.total >= 1 && job.done === job.total, JSON.stringify(job));
    await byTestId(page, 'certs-progress-text').filter({ hasText: `${job.total} / ${job.total}` }).waitFor({ state: 'visible' });
    const certRow = page.locator('tr.status-valid').filter({ hasText: target.name }).first();
    await certRow.waitFor({ state: 'visible' });
    const serial = (await certRow.locator('[data-testid="cert-serial"]').innerText()).trim();
    assert.match(serial, /^PX-\d{4}(-[0-9A-Z*~$=]{1,4})+$/);

    // The trainee's PDF: rendered, its QR decoded.
    const downloaded = page.waitForEvent('download');
    await certRow.locator('[data-testid="cert-pdf"]').click();
    const download = await downloaded;
    const pdfFile = path.join(out, 'certificate.pdf');
    fs.rmSync(pdfFile, { force: true });
    await download.saveAs(pdfFile);
    assert.equal(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1'), '%PDF-');
    const prefix = path.join(out, 'certificate-page');
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
    const qr = execFileSync('zbarimg', ['--quiet', '--raw', `${prefix}.png`]).toString('utf8').trim();
    assert.equal(qr, `${env.server.url}/verify/${serial}`);
    await shot(page, 'certificates-2-issued');

    // The class's merged PDF (one page per valid certificate), the zip of 序号_姓名.pdf,
    // and the trainee's Open Badge.
    const save = async (testid, name, where = page) => {
      const got = page.waitForEvent('download');
      await where.locator(`[data-testid="${testid}"]`).first().click();
      const d = await got;
      assert.equal(await d.failure(), null);
      const file = path.join(out, name);
      fs.rmSync(file, { force: true });
      await d.saveAs(file);
      return { file, suggested: d.suggestedFilename() };
    };
    const merged = await save('certs-download-pdf', 'certificates-merged.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [merged.file]).toString('utf8'))[1]);
    assert.equal(pages, job.total);
    const zip = await save('certs-download-zip', 'certificates.zip');
    assert.match(zip.suggested, /\.zip$/);
    const listing = execFileSync('unzip', ['-Z1', zip.file]).toString('utf8').trim().split('\n');
    assert.equal(listing.length, job.total);
    assert.ok(listing.some((n) => n.endsWith(`_${target.name}.pdf`)), listing.join(', '));
    for (const n of listing) assert.match(n, /^\d{3}_.+\.pdf$/);
    const badge = await save('cert-badge', 'certificate-badge.json', certRow);
    assert.equal(badge.suggested, `结业证书-${serial}.json`);
    const credential = JSON.parse(fs.readFileSync(badge.file, 'utf8'));
    assert.ok(credential.type.includes('OpenBadgeCredential'), JSON.stringify(credential.type));
    assert.equal(credential.credentialSubject.achievement.name, cls.name);
    assert.equal(typeof credential.credentialSubject.creditsEarned, 'number');

    // The URL on a phone, without a session.
    const phone = await phonePage();
    try {
      const looked = phone.page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/verify/${serial}`);
      await phone.page.goto(qr);
      assert.equal((await looked).status(), 200);
      assert.equal((await byTestId(phone.page, 'verify-status').innerText()).trim(), '有效');
      const masked = (await byTestId(phone.page, 'verify-field-name').innerText()).trim();
      assert.notEqual(masked, target.name);
      assert.ok(masked.includes('*'), masked);
      assert.equal([...masked][0], [...target.name][0]);
      assert.equal([...masked].length, [...target.name].length);
      assert.ok(!(await byTestId(phone.page, 'verify-text').innerText()).includes(target.name));
      assert.equal((await byTestId(phone.page, 'verify-field-serial').innerText()).trim(), serial);
      // The page fits the phone: nothing wider than the screen.
      const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `page is ${wide}px wide`);
      // The issued file matches; a changed byte does not.
      let checked = phone.page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/verify/${serial}/pdf`);
      await byTestId(phone.page, 'verify-upload').setInputFiles(pdfFile);
      assert.equal((await checked).status(), 200);
      await byTestId(phone.page, 'verify-match').waitFor({ state: 'visible' });
      const changed = path.join(out, 'certificate-changed.pdf');
      fs.writeFileSync(changed, Buffer.concat([fs.readFileSync(pdfFile), Buffer.from('\n% changed\n')]));
      checked = phone.page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/verify/${serial}/pdf`);
      await byTestId(phone.page, 'verify-upload').setInputFiles(changed);
      assert.equal((await checked).status(), 200);
      await byTestId(phone.page, 'verify-nomatch').waitFor({ state: 'visible' });
      await shot(phone.page, 'certificates-3-verify-valid');

      // Revoked with a reason on the staff page: the same URL says so.
      await certRow.locator('[data-testid="cert-revoke"]').click();
      const dialog = byTestId(page, 'cert-reason-dialog');
      await dialog.waitFor({ state: 'visible' });
      await byTestId(page, 'cert-reason').fill('学员信息有误');
      const revoked = waitForApi(page, 'POST', new RegExp(`^/api/v1/certificates/${serial}/revoke$`));
      await byTestId(page, 'cert-reason-submit').click();
      assert.equal((await revoked).status(), 200);
      // (a serial's check symbol may be * ~ $ = : found by its text, not in a CSS class selector)
      const revokedRow = page.locator('tr').filter({ has: page.locator('[data-testid="cert-serial"]', { hasText: serial }) });
      await revokedRow.locator('[data-testid="cert-status"]').filter({ hasText: '已撤销' }).first().waitFor({ state: 'visible' });

      const again = phone.page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/verify/${serial}`);
      await phone.page.reload();
      assert.equal((await again).status(), 200);
      assert.equal((await byTestId(phone.page, 'verify-status').innerText()).trim(), '已撤销');
      assert.match(await byTestId(phone.page, 'verify-reason').innerText(), /学员信息有误/);
      assert.match(await byTestId(phone.page, 'verify-status-line').innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
      await shot(phone.page, 'certificates-4-verify-revoked');

      // A malformed serial: not found, no hint.
      const missing = phone.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/verify/PX-NOPE');
      await phone.page.goto('/verify/PX-NOPE');
      assert.equal((await missing).status(), 404);
      await byTestId(phone.page, 'verify-missing').waitFor({ state: 'visible' });
      assert.deepEqual(phone.page.problems, []);
    } finally {
      await phone.context.close();
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('证书模板: an unknown field is refused on the field, the server renders the preview, a seal PNG is saved', async () => {
  const cls = await demoClass(api);
  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    await page.goto(`/classes/${cls.id}?tab=certificates`);
    const loaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/certificate-template$`));
    await byTestId(page, 'certs-template').click();
    assert.equal((await loaded).status(), 200);
    const dialog = byTestId(page, 'template-dialog');
    await dialog.waitFor({ state: 'visible' });
    await byTestId(page, 'template-title').fill('结业证书');
    const body = byTestId(page, 'template-body');
    await body.fill('{nmae}同志参加');
    let previewed = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/certificate-template/preview$`));
    await byTestId(page, 'template-preview-btn').click();
    assert.equal((await previewed).status(), 422);
    await dialog.locator('.el-form-item__error').filter({ hasText: 'nmae' }).waitFor({ state: 'visible' });

    // Fields go in from the chips; the preview is the server's PDF.
    await body.fill('同志参加');
    await body.evaluate((el) => el.setSelectionRange(0, 0));
    await byTestId(page, 'template-field-name').click();
    assert.equal(await body.inputValue(), '{name}同志参加');
    await body.fill('{name}同志参加{class_name}，学习{hours}学时，准予结业。');
    // A seal: any PNG (a small screenshot); a file that is not a PNG is refused.
    const seal = path.join(screenshotDir(), 'certificate-seal.png');
    await page.screenshot({ path: seal, clip: { x: 0, y: 0, width: 120, height: 120 } });
    const notPng = path.join(screenshotDir(), 'certificate-seal.txt');
    fs.writeFileSync(notPng, 'not a png');
    await byTestId(page, 'template-seal_png').setInputFiles(notPng);
    await dialog.locator('.el-form-item__error').filter({ hasText: 'PNG' }).waitFor({ state: 'visible' });
    await byTestId(page, 'template-seal_png').setInputFiles(seal);
    await dialog.locator('img.thumb').first().waitFor({ state: 'visible' });
    previewed = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/certificate-template/preview$`));
    await byTestId(page, 'template-preview-btn').click();
    const preview = await previewed;
    assert.equal(preview.status(), 200);
    assert.equal(preview.headers()['content-type'], 'application/pdf');
    // The PDF the page shows (its blob URL read back in the page).
    const frame = byTestId(page, 'template-preview');
    await frame.waitFor({ state: 'attached' });
    const b64 = await frame.evaluate(async (el) => {
      const bytes = new Uint8Array(await (await fetch(el.src)).arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin);
    });
    const previewFile = path.join(screenshotDir(), 'certificate-preview.pdf');
    fs.writeFileSync(previewFile, Buffer.from(b64, 'base64'));
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', previewFile, '-']).toString('utf8').replace(/\s+/g, '');
    assert.ok(flat.includes(`王小明同志参加${cls.name}`), flat);
    await byTestId(page, 'template-preview').waitFor({ state: 'visible' });
    // Nothing saved by the preview.
    assert.equal((await (await api.get(`/api/v1/classes/${cls.id}/certificate-template`)).json()).id, 0);

    const saved = waitForApi(page, 'PUT', new RegExp(`^/api/v1/classes/${cls.id}/certificate-template$`));
    await byTestId(page, 'template-save').click();
    assert.equal((await saved).status(), 200);
    const tpl = await (await api.get(`/api/v1/classes/${cls.id}/certificate-template`)).json();
    assert.ok(tpl.id > 0);
    assert.equal(tpl.body, '{name}同志参加{class_name}，学习{hours}学时，准予结业。');
    assert.equal(Buffer.from(tpl.seal_png, 'base64').equals(fs.readFileSync(seal)), true);
    await shot(page, 'certificates-5-template');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
