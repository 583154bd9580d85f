// Following a sitting live in the browser: the secretary adds a decision on the drafting screen; a
// member watching the draft and the read-out of decisions ("Nolasīt lēmumus") show it within 3 s,
// each through its own browser context and the server's events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, SittingDetail } from '../../web/src/types.ts';
import { nr7 } from '../support/reference.ts';
import { DESKTOP, go, openPage, PHONE, saved, screenshot, startHarness, type Harness } from './browser.ts';

let h: Harness;
let sittingId = 0;
let member = '';
let secretary = '';
let guest = '';

beforeAll(async () => {
  h = await startHarness();
  // Item 3 is confidential, and an invited specialist attends: she follows the draft as a guest.
  const doc = { ...nr7(), invited: [{ name: 'M. Šteins', position: 'deputāts' }] };
  doc.agenda[2] = { ...doc.agenda[2]!, confidential: true };
  sittingId = (await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: doc })).body.id;
  const elita = (await h.t.call<Person[]>({ method: 'GET', url: '/api/people' })).body.find((p) => p.fullName === 'Elita Rancāne');
  await h.t.loginAs('member', elita?.id ?? null);
  await h.t.loginAs('secretary');
  const steins = (await h.t.call<Person[]>({ method: 'GET', url: '/api/people' })).body.find((p) => p.fullName === 'M. Šteins');
  await h.t.loginAs('guest', steins?.id ?? null);
  const users = (await h.t.call<Array<{ login: string; role: string }>>({ method: 'GET', url: '/api/users' })).body;
  member = users.find((u) => u.role === 'member')?.login ?? '';
  secretary = users.find((u) => u.role === 'secretary')?.login ?? '';
  guest = users.find((u) => u.role === 'guest')?.login ?? '';
});

afterAll(async () => {
  await h?.close();
});

const TEXT = 'Uzaicināt Valsts policijas pārstāvjus uz nākamo sēdi.';

describe('a sitting followed live', () => {
  it('a decision the secretary adds appears within 3 s on a member’s live view and on the read-out', async () => {
    const sec = await openPage(h, DESKTOP, secretary);
    const mem = await openPage(h, PHONE, member);
    const room = await openPage(h, DESKTOP, secretary);
    await go(sec.page, `${h.url}/#/sedes/${sittingId}`);

    // The member sees the draft read-only, her own decisions marked, and no editor.
    await go(mem.page, `${h.url}/#/sedes/${sittingId}`);
    expect(await mem.page.locator('textarea, input[type=text]').count()).toBe(0);
    expect(await mem.page.locator('.live-decision.mine').count()).toBe(2);
    expect(await mem.page.locator('.live-agenda > li h3').first().textContent()).toContain('Par vēstules sagatavošanu');

    // The read-out, opened from the drafting screen.
    await go(room.page, `${h.url}/#/sedes/${sittingId}`);
    await room.page.getByRole('link', { name: 'Nolasīt lēmumus' }).click();
    await room.page.waitForURL(/#\/sedes\/\d+\/lemumi$/);
    await room.page.getByRole('heading', { name: 'Sēdes Nr. 7 lēmumi' }).waitFor();
    expect(await room.page.locator('.read-out-decision').count()).toBe(6);
    expect(await room.page.locator('.read-out-decision').nth(1).locator('.read-out-meta').textContent()).toMatch(
      /^Atbildīgie: E\.\s?Rancāne · Termiņš: 09\.07\.2025\.$/u,
    );

    await sec.page.locator('#decisions').getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    await sec.page.keyboard.type(TEXT);
    await saved(sec.page);
    const started = Date.now();
    await Promise.all([
      mem.page.locator('.live-decision', { hasText: TEXT }).waitFor({ timeout: 3000 }),
      room.page.locator('.read-out-decision', { hasText: TEXT }).waitFor({ timeout: 3000 }),
    ]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await room.page.locator('.read-out-decision').last().textContent()).toBe(`7. ${TEXT}`);
    const stored = (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${sittingId}` })).body;
    expect(stored.decisions.map((d) => d.text)).toContain(TEXT);

    // An edit shows too.
    await sec.page.locator('#decisions .decision-text').last().fill(`${TEXT} Atbildīgā E. Rancāne.`);
    await saved(sec.page);
    await room.page.locator('.read-out-decision', { hasText: 'Atbildīgā E. Rancāne.' }).waitFor({ timeout: 3000 });

    await screenshot(mem.page, 'live-draft-phone');
    const wide = await openPage(h, DESKTOP, member);
    await go(wide.page, `${h.url}/#/sedes/${sittingId}`);
    await screenshot(wide.page, 'live-draft-desktop');

    for (const w of [sec, mem, room, wide]) {
      expect(w.errors).toEqual([]);
      await w.context.close();
    }
  }, 90_000);

  it('each follows through their own reader view: a guest sees a new confidential decision masked, a member in full', async () => {
    const mem = await openPage(h, DESKTOP, member);
    const gst = await openPage(h, PHONE, guest);
    await go(mem.page, `${h.url}/#/sedes/${sittingId}`);
    await go(gst.page, `${h.url}/#/sedes/${sittingId}`);
    const hidden = 'Ierobežotas pieejamības informācija';
    expect(await gst.page.locator('.live-agenda > li h3').nth(2).textContent()).toBe(hidden);
    const s = (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${sittingId}` })).body;
    const secret = 'Apmeklēt ģimeni Rotary ielā 5 kopā ar bāriņtiesu.';
    const added = await h.t.call<{ number: number }>({
      method: 'POST',
      url: `/api/sittings/${sittingId}/decisions`,
      payload: { text: secret, agendaItemId: s.agendaItems[2]?.id },
    });
    expect(added.status).toBe(201);
    await mem.page.locator('.live-decision', { hasText: secret }).waitFor({ timeout: 3000 });
    const masked = gst.page.locator(`.live-decision[data-decision]`, { hasText: `${added.body.number}. ${hidden}` });
    await masked.waitFor({ timeout: 3000 });
    expect(await gst.page.locator('main').innerText()).not.toContain('Rotary');
    for (const w of [mem, gst]) {
      expect(w.errors).toEqual([]);
      await w.context.close();
    }
  }, 90_000);
});
