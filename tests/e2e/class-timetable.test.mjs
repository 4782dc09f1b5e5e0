// Flow: the admin creates a two-day class (Chinese name), opens it, adds a room and
// two sessions in the 课程表 tab, then a third that overlaps the first in the same
// room: the conflict dialog lists the clash, the admin keeps it anyway. The
// timetable PDF (timetable-pdf link) is downloaded, rendered with pdftoppm and read
// with pdftotext: both session titles are in it, in Chinese.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  byTestId,
  jsonOf,
  loginUi,
  newPage,
  screenshotDir,
  setUp,
  shot,
  waitForApi,
  waitUntilShown,
} from './lib/harness.mjs';

const CLASS_NAME = '2030年基层党组织书记培训班第一期';
const DAY1 = '2030-06-03';
const DAY2 = '2030-06-04';
const TITLE_1 = '《基础党务工作者管理沟通艺术》';
const TITLE_2 = '《当前我国经济形势及热点分析》';
const TITLE_3 = '分组研讨交流';
const ROOM = '第一教室';

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.tearDown();
});

async function closeDialog(page, testId) {
  const dialog = byTestId(page, testId);
  await dialog.locator('.el-dialog__headerbtn').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Fills the open session form. */
async function fillSession(page, { title, date, start, end }) {
  const dialog = byTestId(page, 'session-dialog');
  await dialog.waitFor({ state: 'visible' });
  await byTestId(page, 'session-form-title').fill(title);
  await byTestId(page, 'session-form-date').fill(date);
  await byTestId(page, 'session-form-start').fill(start);
  // Changing the start moves the end by the same amount: set the end last.
  await byTestId(page, 'session-form-end').fill(end);
  // The only room of the class is chosen for a new session.
  await assert.doesNotReject(
    dialog.locator('[data-testid="session-form-room_id"]').filter({ hasText: ROOM }).first().waitFor(),
    'the room is preselected',
  );
}

function sessionRow(page, title) {
  return byTestId(page, 'session-row').filter({ has: page.locator('[data-testid="session-title"]', { hasText: title }) });
}

/** Adds a session that clashes with nothing; waits for its row. */
async function addSession(page, classId, s) {
  await byTestId(page, 'session-add').click();
  await fillSession(page, s);
  const created = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${classId}/sessions$`));
  const reloaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${classId}/sessions$`));
  await byTestId(page, 'session-save').click();
  const res = await created;
  assert.equal(res.status(), 201, `session ${s.title}: ${await res.text()}`);
  await reloaded;
  await byTestId(page, 'session-dialog').waitFor({ state: 'hidden' });
  await sessionRow(page, s.title).waitFor({ state: 'visible' });
  return res.json();
}

test('admin: class timetable with a kept conflict, printed as PDF', async () => {
  const { page, context } = await newPage(env.browser, env.server);
  await loginUi(page, 'admin', env.server.adminPassword);

  // ---- the class ----
  const listed = waitForApi(page, 'GET', /^\/api\/v1\/classes(\?|$)/);
  await page.goto('/classes');
  await listed;
  await byTestId(page, 'class-add').click();
  await byTestId(page, 'class-dialog').waitFor({ state: 'visible' });
  await byTestId(page, 'class-form-name').fill(CLASS_NAME);
  await byTestId(page, 'class-form-organizer_name').fill('中共某某区委组织部');
  await byTestId(page, 'class-form-host_venue').fill('区委党校');
  await byTestId(page, 'class-form-start_date').fill(DAY1);
  await byTestId(page, 'class-form-end_date').fill(DAY2);
  const createdClass = waitForApi(page, 'POST', /^\/api\/v1\/classes$/);
  await byTestId(page, 'class-save').click();
  const classRes = await createdClass;
  assert.equal(classRes.status(), 201, await classRes.text());
  const cls = await classRes.json();
  assert.equal(cls.name, CLASS_NAME);
  assert.equal(cls.days, 2);

  // Saving opens the class; the list row leads there too.
  await page.waitForURL(new RegExp(`/classes/${cls.id}(\\?|$)`));
  await byTestId(page, 'class-title').waitFor({ state: 'visible' });
  assert.match(await byTestId(page, 'class-title').innerText(), /基层党组织书记培训班/);

  // ---- the 课程表 tab ----
  const sessionsLoaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/sessions$`));
  await byTestId(page, 'class-tab-timetable').click();
  await sessionsLoaded;
  await byTestId(page, 'timetable').waitFor({ state: 'visible' });
  await byTestId(page, 'timetable-empty').waitFor({ state: 'visible' });
  await shot(page, 'class-timetable-1-empty');

  // A room, so that the third session can double-book it.
  await byTestId(page, 'rooms-manage').click();
  await byTestId(page, 'rooms-dialog').waitFor({ state: 'visible' });
  await byTestId(page, 'room-form-name').fill(ROOM);
  const roomCreated = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/rooms$`));
  const roomsReloaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/rooms$`));
  await byTestId(page, 'room-save').click();
  const roomRes = await roomCreated;
  assert.equal(roomRes.status(), 201, await roomRes.text());
  await roomsReloaded;
  await byTestId(page, 'room-row').filter({ hasText: ROOM }).waitFor({ state: 'visible' });
  await closeDialog(page, 'rooms-dialog');

  const s1 = await addSession(page, cls.id, { title: TITLE_1, date: DAY1, start: '08:30', end: '11:30' });
  const s2 = await addSession(page, cls.id, { title: TITLE_2, date: DAY1, start: '14:30', end: '17:30' });
  assert.equal(s1.room_name, ROOM);
  assert.equal(s2.room_name, ROOM);
  assert.deepEqual(s1.conflicts ?? [], []);
  assert.deepEqual(s2.conflicts ?? [], []);
  await waitUntilShown(page, '[data-testid="session-row"]');
  assert.equal(await byTestId(page, 'session-row').count(), 2);
  assert.equal(await byTestId(page, 'timetable-conflicts').count(), 0);
  await shot(page, 'class-timetable-2-two-sessions');

  // ---- a third one over the first, same room: refused, then kept ----
  await byTestId(page, 'session-add').click();
  await fillSession(page, { title: TITLE_3, date: DAY1, start: '10:00', end: '12:00' });
  const refused = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/sessions$`));
  await byTestId(page, 'session-save').click();
  const refusedRes = await refused;
  assert.equal(refusedRes.status(), 409);
  assert.equal((await refusedRes.json()).error.code, 'timetable.conflict');
  const conflictsDialog = byTestId(page, 'session-conflicts');
  await conflictsDialog.waitFor({ state: 'visible' });
  await byTestId(page, 'session-conflict').first().waitFor({ state: 'visible' });
  const conflictTexts = (await byTestId(page, 'session-conflict').allInnerTexts()).join('\n');
  assert.ok(conflictTexts.includes(ROOM) || conflictTexts.includes(TITLE_1), `conflicts name the room or the first session:\n${conflictTexts}`);
  await shot(page, 'class-timetable-3-conflict-dialog');

  const accepted = waitForApi(page, 'POST', new RegExp(`^/api/v1/classes/${cls.id}/sessions$`));
  const reloaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/sessions$`));
  await byTestId(page, 'session-accept-conflicts').click();
  const acceptedRes = await accepted;
  assert.equal(acceptedRes.status(), 201, await acceptedRes.text());
  assert.equal(JSON.parse(acceptedRes.request().postData() || '{}').accept_conflicts, true);
  const s3 = await acceptedRes.json();
  assert.ok(Array.isArray(s3.conflicts) && s3.conflicts.length > 0, 'the kept conflicts come back');
  await reloaded;
  await conflictsDialog.waitFor({ state: 'hidden' });
  await byTestId(page, 'session-dialog').waitFor({ state: 'hidden' });
  await sessionRow(page, TITLE_3).waitFor({ state: 'visible' });
  assert.equal(await byTestId(page, 'session-row').count(), 3);
  // The timetable shows the clash it now holds.
  await byTestId(page, 'timetable-conflicts').waitFor({ state: 'visible' });
  await byTestId(page, 'conflict-item').first().waitFor({ state: 'visible' });
  await sessionRow(page, TITLE_1).and(page.locator('.has-conflict')).waitFor({ state: 'visible' });
  await shot(page, 'class-timetable-4-conflict-kept');

  // ---- the PDF ----
  const link = byTestId(page, 'timetable-pdf');
  const href = await link.getAttribute('href');
  assert.match(href || '', new RegExp(`/api/v1/classes/${cls.id}/timetable\\.pdf$`));
  const pdfAnswered = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/timetable\\.pdf$`));
  const downloaded = page.waitForEvent('download');
  await link.click();
  const pdfRes = await pdfAnswered;
  assert.equal(pdfRes.status(), 200);
  assert.match(pdfRes.headers()['content-type'] || '', /application\/pdf/);
  const download = await downloaded;
  assert.equal(await download.failure(), null);
  const out = screenshotDir();
  const pdfFile = path.join(out, 'class-timetable.pdf');
  fs.rmSync(pdfFile, { force: true });
  await download.saveAs(pdfFile);
  const pdf = fs.readFileSync(pdfFile);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF file');

  const pngPrefix = path.join(out, 'class-timetable-pdf');
  const pngFile = `${pngPrefix}-1.png`;
  for (const f of fs.readdirSync(out)) {
    if (f.startsWith('class-timetable-pdf-') && f.endsWith('.png')) fs.rmSync(path.join(out, f), { force: true });
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfFile, pngPrefix], { timeout: 60_000 });
  // pdftoppm pads the page number to the page count's width (-1, -01, …).
  const png = fs.readdirSync(out).find((f) => /^class-timetable-pdf-0*1\.png$/.test(f));
  assert.ok(png, `pdftoppm wrote ${pngFile}`);
  const pngSize = fs.statSync(path.join(out, png)).size;
  assert.ok(pngSize > 4096, `page 1 rendered to a non-empty PNG (${pngSize} bytes)`);

  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { timeout: 60_000 }).toString('utf8');
  // pdftotext may break a long title over two lines or space it: compare without white space.
  const flat = text.replace(/\s+/g, '');
  for (const title of [TITLE_1, TITLE_2]) {
    assert.ok(flat.includes(title.replace(/\s+/g, '')), `the PDF text holds ${title}:\n${text}`);
  }

  await shot(page, 'class-timetable-5-after-pdf');
  assert.deepEqual(page.problems, []);
  await context.close();
});
