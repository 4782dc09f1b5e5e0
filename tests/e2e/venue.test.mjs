// Flow: 签到地点 (venue geofence and network ranges) on the 考勤 tab. The admin opens
// the demo class's 考勤 tab on a session open for check-in (made through the
// timetable API so the test runs at any hour) and unfolds the venue section, which
// shows the setting made earlier through the API. 使用本机位置 without the browser's
// permission says why no position came; with it, it fills latitude and longitude.
// A bad network range is refused by the server with the error on the networks field
// and nothing is saved; a valid venue (39.9, 116.4, 500 m, 10.0.0.0/8) is saved and
// shown again after a reload. Then a trainee (signed in by invite through the API)
// checks in with the projector's QR token from far away (Shanghai): the check-in is
// recorded, not refused, and the trainee's dashboard row shows the outside_geofence
// and outside_network flags (the test client's 127.0.0.1 is not in 10.0.0.0/8).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { byTestId, loginApi, loginUi, newPage, setUp, shot, waitForApi, waitUntilShown } from './lib/harness.mjs';
import { createOpenSession, demoClass, sessionAttendance } from './lib/attendance.mjs';

let env;
let api;
let traineeApi;
before(async () => {
  env = await setUp();
  api = env.api;
  traineeApi = await request.newContext({ baseURL: env.server.url });
});
after(async () => {
  await traineeApi?.dispose();
  await env?.tearDown();
});

async function apiJson(res, expected) {
  const body = await res.text();
  assert.equal(res.status(), expected, `${res.url()}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : null;
}

test('venue settings: a bad range is refused on its field; a venue is saved; a far check-in is flagged', async () => {
  const csrf = await loginApi(api, 'admin', env.server.adminPassword);
  const cls = await demoClass(api);
  const session = await createOpenSession(api, csrf, cls, '签到地点测试');
  const roster = await sessionAttendance(api, session.id);
  const trainee = roster.items.find((r) => r.first_checkin_ms == null);
  assert.ok(trainee, 'a trainee who has not checked in');

  // The setting before: network ranges only (no geofence).
  const venueUrl = `/api/v1/classes/${cls.id}/venue`;
  const initial = await apiJson(
    await api.put(venueUrl, { headers: { 'X-CSRF-Token': csrf }, data: { network_ranges: '192.168.0.0/16' } }),
    200,
  );
  assert.equal(initial.network_ranges, '192.168.0.0/16');
  assert.equal(initial.lat, null);

  const { context, page } = await newPage(env.browser, env.server);
  try {
    await loginUi(page, 'admin', env.server.adminPassword);
    let loaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/venue$`));
    await page.goto(`/classes/${cls.id}?tab=attendance&session=${session.id}`);
    assert.equal((await loaded).status(), 200);
    await page.locator(`[data-testid="att-dashboard"][data-session-id="${session.id}"]`).waitFor({ state: 'visible' });
    await byTestId(page, 'venue-summary').filter({ hasText: '网段 1 个' }).waitFor();

    // Unfold the section: the API's setting is shown.
    await byTestId(page, 'venue-toggle').click();
    await waitUntilShown(page, '[data-testid="venue-networks"]');
    assert.equal(await byTestId(page, 'venue-networks').inputValue(), '192.168.0.0/16');
    assert.equal(await byTestId(page, 'venue-lat').inputValue(), '');
    assert.equal(await byTestId(page, 'venue-geofence').getAttribute('data-on'), 'false');
    assert.ok(await byTestId(page, 'venue-lat').isDisabled(), 'no geofence: the coordinates are off');

    // 使用本机位置 without the permission: the reason is shown, nothing filled.
    await context.clearPermissions();
    await byTestId(page, 'venue-locate').click();
    await byTestId(page, 'venue-locate-error').filter({ hasText: '无法获取位置' }).waitFor();
    assert.equal(await byTestId(page, 'venue-lat').inputValue(), '');
    await shot(page, 'venue-locate-denied');

    // A bad range: the server refuses it, the error is on the networks field, nothing saved.
    await byTestId(page, 'venue-networks').fill('10.0.0.0/33');
    let answered = waitForApi(page, 'PUT', new RegExp(`^/api/v1/classes/${cls.id}/venue$`));
    await byTestId(page, 'venue-save').click();
    const refused = await answered;
    assert.equal(refused.status(), 422);
    const refusal = (await refused.json()).error;
    assert.equal(refusal.code, 'ip_ranges.entry');
    assert.equal(refusal.field, 'network_ranges');
    await waitUntilShown(page, '[data-testid="venue-error-network_ranges"]');
    const fieldError = (await byTestId(page, 'venue-error-network_ranges').innerText()).trim();
    assert.ok(fieldError.includes('10.0.0.0/33'), `the field error names the entry: ${fieldError}`);
    assert.equal(await byTestId(page, 'venue-error').count(), 0, 'no general error');
    const unchanged = await apiJson(await api.get(venueUrl), 200);
    assert.equal(unchanged.network_ranges, '192.168.0.0/16');
    assert.equal(unchanged.lat, null);
    assert.equal(unchanged.updated_ms, initial.updated_ms);
    await shot(page, 'venue-bad-range');

    // 使用本机位置 with the permission: the position is filled in and the geofence on.
    await context.grantPermissions(['geolocation'], { origin: env.server.url });
    await context.setGeolocation({ latitude: 36.6683, longitude: 117.0204, accuracy: 20 });
    await byTestId(page, 'venue-locate').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="venue-lat"]')?.value === '36.6683');
    assert.equal(await byTestId(page, 'venue-lng').inputValue(), '117.0204');
    assert.equal(await byTestId(page, 'venue-geofence').getAttribute('data-on'), 'true');
    assert.equal(await byTestId(page, 'venue-locate-error').count(), 0, 'the earlier denial is gone');

    // The real venue, typed in: saved.
    await byTestId(page, 'venue-lat').fill('39.9');
    await byTestId(page, 'venue-lng').fill('116.4');
    await byTestId(page, 'venue-radius').fill('500');
    await byTestId(page, 'venue-networks').fill('10.0.0.0/8');
    answered = waitForApi(page, 'PUT', new RegExp(`^/api/v1/classes/${cls.id}/venue$`));
    await byTestId(page, 'venue-save').click();
    const saved = await answered;
    assert.equal(saved.status(), 200, await saved.text());
    assert.deepEqual(saved.request().postDataJSON(), { lat: 39.9, lng: 116.4, radius_m: 500, network_ranges: '10.0.0.0/8' });
    await byTestId(page, 'venue-error-network_ranges').waitFor({ state: 'detached' });
    await byTestId(page, 'venue-summary').filter({ hasText: '39.9, 116.4' }).waitFor();
    const stored = await apiJson(await api.get(venueUrl), 200);
    assert.equal(stored.lat, 39.9);
    assert.equal(stored.lng, 116.4);
    assert.equal(stored.radius_m, 500);
    assert.equal(stored.network_ranges, '10.0.0.0/8');
    await shot(page, 'venue-saved');

    // A reload shows it.
    loaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/classes/${cls.id}/venue$`));
    await page.reload();
    assert.equal((await loaded).status(), 200);
    await byTestId(page, 'venue-summary').filter({ hasText: '39.9, 116.4' }).waitFor();
    await byTestId(page, 'venue-toggle').click();
    await waitUntilShown(page, '[data-testid="venue-networks"]');
    assert.equal(await byTestId(page, 'venue-lat').inputValue(), '39.9');
    assert.equal(await byTestId(page, 'venue-lng').inputValue(), '116.4');
    assert.equal(await byTestId(page, 'venue-radius').inputValue(), '500');
    assert.equal(await byTestId(page, 'venue-networks').inputValue(), '10.0.0.0/8');
    assert.equal(await byTestId(page, 'venue-geofence').getAttribute('data-on'), 'true');

    // The dashboard is live before the trainee checks in.
    await page.locator(`[data-testid="att-dashboard"][data-session-id="${session.id}"]`).waitFor({ state: 'visible' });
    await page.locator('[data-testid="att-live-state"][data-state="live"]').waitFor({ state: 'visible' });
    const row = page.locator(`[data-testid="att-row"][data-row-id="${trainee.person_id}"]`);
    await row.waitFor({ state: 'attached' });

    // The trainee signs in by invite and checks in from Shanghai with the projector's code.
    const invite = await apiJson(
      await api.post('/api/v1/auth/invites', { headers: { 'X-CSRF-Token': csrf }, data: { person_id: trainee.person_id } }),
      201,
    );
    const inviteToken = invite.url.replace(/^\/invite\//, '');
    const signedIn = await apiJson(await traineeApi.post(`/api/v1/auth/invite/${inviteToken}`, { data: {} }), 200);
    const qr = await apiJson(await api.get(`/api/v1/sessions/${session.id}/qr?direction=in`), 200);
    const checkin = await apiJson(
      await traineeApi.post('/api/v1/checkin', {
        headers: { 'X-CSRF-Token': signedIn.csrf_token },
        data: { token: qr.token, idempotency_key: `e2e-venue-${Date.now()}`, lat: 31.2, lng: 121.5 },
      }),
      200,
    );
    assert.equal(checkin.person_id, trainee.person_id);
    assert.equal(checkin.first, true, 'recorded, not refused');
    assert.ok(checkin.flags.includes('outside_geofence'), `flags ${checkin.flags}`);
    assert.ok(checkin.flags.includes('outside_network'), `flags ${checkin.flags}`);

    // The dashboard row shows both flags (pushed; no reload).
    await row.locator('[data-testid="att-flag"][data-flag="outside_geofence"]').waitFor({ state: 'visible' });
    await row.locator('[data-testid="att-flag"][data-flag="outside_network"]').waitFor({ state: 'visible' });
    assert.match(await row.locator('[data-testid="att-flag"][data-flag="outside_geofence"]').innerText(), /不在场地范围内/);
    assert.match(await row.locator('[data-testid="att-flag"][data-flag="outside_network"]').innerText(), /不在场地网络内/);
    const after = await sessionAttendance(api, session.id);
    const flagged = after.items.find((r) => r.person_id === trainee.person_id);
    assert.notEqual(flagged.first_checkin_ms, null);
    assert.ok(flagged.flags.includes('outside_geofence') && flagged.flags.includes('outside_network'), `${flagged.flags}`);
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'venue-flagged-row');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
