// Flow: issue #13's trainee side and outside hours. The demo's trainee (the invite
// `peixun demo` prints; the demo issued them a certificate for an earlier class) opens
// 我的证书 from the home on a phone (390×844, touch): their certificate with class,
// dates, 学时, serial and "有效", nothing wider than the screen; the PDF downloads and
// pdftotext finds their name in it; the Open Badge downloads and names the class as
// the achievement with the 学时 as creditsEarned; another trainee's certificate is
// 404 to them. 我的学时 opens their record. Then the organizer's 校外学时 page: the
// template downloads (xlsx); a CSV with a row without 证明编号 is refused as a whole,
// the report naming row 3 and 证明编号; the fixed file imported with 导入即审核通过
// puts the hours in the trainee's record as approved; a second file imported for
// approval shows in 待审核 with its reference, and is rejected with a reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { TIMEOUT_MS, byTestId, loginUi, newPage, screenshotDir, setUp, shot, tempFile, waitForApi } from './lib/harness.mjs';

const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  acceptDownloads: true,
};

let env;
let phone;
let traineeName;
let personId;

before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

async function overflow(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > vw + 0.5 || r.left < -0.5) wide.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return { vw, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
  });
}

async function download(page, locator, name) {
  const got = page.waitForEvent('download');
  await locator.click();
  const d = await got;
  const file = path.join(screenshotDir(), name);
  fs.rmSync(file, { force: true });
  await d.saveAs(file);
  return file;
}

test('我的证书 on a phone: own certificates, PDF with the name, Open Badge', async () => {
  const m = /^trainee \(学员 ([^)]*)\): (\S+)\s*$/m.exec(env.server.output().stdout);
  assert.ok(m, `the demo prints a trainee invite link:\n${env.server.output().stdout}`);
  traineeName = m[1];
  const context = await env.browser.newContext({ baseURL: env.server.url, ...PHONE });
  context.setDefaultTimeout(TIMEOUT_MS);
  phone = await context.newPage();
  const problems = [];
  phone.on('pageerror', (e) => problems.push(e.message));
  await phone.goto(m[2]);
  await byTestId(phone, 'invite-welcome').waitFor();
  await byTestId(phone, 'invite-go-me').tap();
  await phone.waitForURL((u) => u.pathname === '/t');

  const mine = await (await phone.request.get('/api/v1/me/certificates')).json();
  assert.ok(mine.length >= 1, 'the demo trainee holds a certificate');
  const record = await (await phone.request.get('/api/v1/me/record')).json();
  personId = record.person.id;
  assert.ok(mine.every((c) => c.person_id === personId), 'only their own');

  await byTestId(phone, 'home-my-certificates').tap();
  await phone.waitForURL((u) => u.pathname === '/t/certificates');
  const card = byTestId(phone, 'my-cert').first();
  await card.waitFor();
  assert.equal(await byTestId(phone, 'my-cert').count(), mine.length);
  const first = mine[0];
  assert.equal((await card.getAttribute('data-serial')), first.serial);
  assert.equal((await card.locator('[data-testid="my-cert-class"]').innerText()).trim(), first.fields.class_name);
  assert.equal((await card.locator('[data-testid="my-cert-serial"]').innerText()).trim(), first.serial);
  assert.equal((await card.locator('[data-testid="my-cert-hours"]').innerText()).trim(), first.fields.hours);
  assert.equal(await card.locator('[data-testid="my-cert-status"]').getAttribute('data-status'), first.status);
  if (first.status === 'valid') assert.equal((await card.locator('[data-testid="my-cert-status"]').innerText()).trim(), '有效');
  const o = await overflow(phone);
  assert.ok(o.scrollWidth <= o.vw, `the page scrolls sideways (${o.scrollWidth} px)`);
  assert.deepEqual(o.wide, []);
  await shot(phone, 'my-certificates-phone');

  const pdf = await download(phone, card.locator('[data-testid="my-cert-pdf"]'), 'my-certificate.pdf');
  assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString('utf8').replace(/\s+/g, '');
  assert.ok(text.includes(traineeName), `the PDF names ${traineeName}: ${text.slice(0, 200)}`);
  const badgeFile = await download(phone, card.locator('[data-testid="my-cert-badge"]'), 'my-certificate.json');
  const badge = JSON.parse(fs.readFileSync(badgeFile, 'utf8'));
  assert.ok(badge.type.includes('OpenBadgeCredential'), JSON.stringify(badge.type));
  assert.equal(badge.credentialSubject.achievement.name, first.fields.class_name);
  assert.equal(badge.credentialSubject.creditsEarned, Number(first.fields.hours));

  // Somebody else's certificate: not found for this trainee.
  const { page: admin } = await newPage(env.browser, env.server);
  await loginUi(admin, 'admin', env.server.adminPassword);
  const others = await (await admin.request.get(`/api/v1/classes/${first.class_id}/certificates`)).json();
  const other = others.find((c) => c.person_id !== personId);
  assert.ok(other, 'the class has another certificate');
  assert.equal((await phone.request.get(`/api/v1/certificates/${other.serial}/pdf`)).status(), 404);
  assert.equal((await phone.request.get(`/api/v1/certificates/${other.serial}/badge`)).status(), 404);
  await admin.context().close();

  // 我的学时: the trainee's record.
  await phone.goto('/t');
  await byTestId(phone, 'home-my-hours').tap();
  await phone.waitForURL((u) => u.pathname === '/my-record');
  await byTestId(phone, 'record-years').waitFor();
  assert.deepEqual(problems, []);
});

function csv(rows) {
  const header = '人员编号,姓名,类别,培训名称,主办单位,开始日期,结束日期,学时,证明编号';
  return `\ufeff${[header, ...rows].join('\r\n')}\r\n`;
}

test('校外学时: template, a row without 证明编号 refuses the file, approve at import, reject with a reason', async () => {
  const { page } = await newPage(env.browser, env.server);
  await loginUi(page, 'zuzhibu', /^organizer \(组织部\): zuzhibu (\S+)/m.exec(env.server.output().stdout)[1]);
  await byTestId(page, 'menu-outside-hours').first().click();
  await page.waitForURL((u) => u.pathname === '/outside-hours');
  await byTestId(page, 'outside-proof-hint').waitFor();

  const template = await download(page, byTestId(page, 'outside-template'), 'outside-template.xlsx');
  assert.equal(fs.readFileSync(template).subarray(0, 2).toString('latin1'), 'PK');

  const good = `${personId},${traineeName},网络学习,网络学院专题学习,××省干部网络学院,2025-03-01,2025-03-31,12.5,WL-2025-0331`;
  const noProof = `${personId},${traineeName},外单位培训班,市委党校轮训班,中共××市委党校,2025-04-07,2025-04-08,16,`;
  const file = tempFile('校外学时.csv', csv([good, noProof]));
  await byTestId(page, 'outside-import').click();
  const dialog = page.locator('.el-dialog[data-testid="import-dialog"]');
  await dialog.waitFor({ state: 'visible' });
  await byTestId(page, 'import-file-input').setInputFiles(file);
  await byTestId(page, 'import-file-name').waitFor();
  let answered = waitForApi(page, 'POST', /^\/api\/v1\/records\/outside-hours\/import\?/);
  await byTestId(page, 'import-submit').click();
  assert.equal((await answered).status(), 200);
  const row = byTestId(page, 'import-error-row').first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0].trim(), '3');
  assert.equal(cells[1].trim(), '证明编号');
  assert.match(await byTestId(page, 'import-status').innerText(), /本次没有导入任何数据/);
  await shot(page, 'outside-import-row-error');
  let rec = await (await page.request.get(`/api/v1/people/${personId}/record`)).json();
  assert.ok(!rec.outside.some((e) => e.title === '网络学院专题学习'), 'nothing imported');

  // Fixed, and approved at import.
  await byTestId(page, 'import-close').click();
  await dialog.waitFor({ state: 'hidden' });
  await byTestId(page, 'outside-approve-at-import').click();
  fs.writeFileSync(file, csv([good, noProof.replace(/,$/, ',DX-2025-0408')]));
  await byTestId(page, 'outside-import').click();
  await dialog.waitFor({ state: 'visible' });
  await byTestId(page, 'import-file-input').setInputFiles(file);
  answered = waitForApi(page, 'POST', /^\/api\/v1\/records\/outside-hours\/import\?.*approve=1/);
  await byTestId(page, 'import-submit').click();
  assert.equal((await answered).status(), 200);
  await page.waitForFunction(() => (document.querySelector('[data-testid="import-summary"]')?.textContent ?? '').includes('导入 2 行'));
  rec = await (await page.request.get(`/api/v1/people/${personId}/record`)).json();
  const online = rec.outside.find((e) => e.title === '网络学院专题学习');
  assert.ok(online, JSON.stringify(rec.outside));
  assert.equal(online.status, 'approved');
  assert.equal(online.proof_kind, 'ref');
  assert.equal(online.proof_name, 'WL-2025-0331');
  await byTestId(page, 'import-close').click();
  await dialog.waitFor({ state: 'hidden' });

  // Imported for approval: listed as pending with its reference; rejected with a reason.
  await byTestId(page, 'outside-approve-at-import').click();
  fs.writeFileSync(file, csv([`${personId},${traineeName},网络学习,待审核的网络专题,××省干部网络学院,2025-05-01,2025-05-20,8,WL-2025-0520`]));
  await byTestId(page, 'outside-import').click();
  await dialog.waitFor({ state: 'visible' });
  await byTestId(page, 'import-file-input').setInputFiles(file);
  const reloaded = waitForApi(page, 'GET', /^\/api\/v1\/records\/outside-hours\/pending/);
  await byTestId(page, 'import-submit').click();
  await reloaded;
  await byTestId(page, 'import-close').click();
  await dialog.waitFor({ state: 'hidden' });
  const pendingRow = byTestId(page, 'outside-pending').locator('tr').filter({ hasText: '待审核的网络专题' });
  await pendingRow.waitFor();
  assert.match(await pendingRow.innerText(), /WL-2025-0520/);
  assert.equal((await pendingRow.locator('[data-testid="outside-pending-person"]').innerText()).trim(), traineeName);
  await shot(page, 'outside-hours-pending');
  await pendingRow.locator('[data-testid="outside-pending-reject"]').click();
  await byTestId(page, 'outside-reject-submit').click();
  await byTestId(page, 'outside-reject-dialog').locator('.el-form-item__error, [data-testid$="error"]').first().waitFor();
  await byTestId(page, 'outside-reject-reason').fill('证明编号在网络学院查无记录');
  const rejected = waitForApi(page, 'POST', /^\/api\/v1\/records\/outside-hours\/\d+\/reject/);
  await byTestId(page, 'outside-reject-submit').click();
  assert.equal((await rejected).status(), 200);
  await pendingRow.waitFor({ state: 'detached' });
  rec = await (await page.request.get(`/api/v1/people/${personId}/record`)).json();
  const back = rec.outside.find((e) => e.title === '待审核的网络专题');
  assert.equal(back.status, 'rejected');
  assert.equal(back.decision_reason, '证明编号在网络学院查无记录');
});
