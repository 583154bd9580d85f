// A member logs in and finds what they owe; the secretary follows earlier decisions up at the next
// sitting with one click per decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actions, Person, SittingDetail } from '../../web/src/types.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { go, openPage, PHONE, ready, saved, squeeze, startHarness, type Harness } from './browser.ts';

let h: Harness;
let elita: Person;
let memberLogin = '';
let nr7Id = 0;

beforeAll(async () => {
  h = await startHarness();
  const imported = await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  expect(imported.status).toBe(201);
  nr7Id = imported.body.id;
  const people = (await h.t.call<Person[]>({ method: 'GET', url: '/api/people' })).body;
  elita = people.find((p) => p.fullName === 'Elita Rancāne') as Person;
  await h.t.loginAs('member', elita.id);
  const users = (await h.t.call<Array<{ login: string; role: string }>>({ method: 'GET', url: '/api/users' })).body;
  memberLogin = users.find((u) => u.role === 'member')?.login ?? '';
});

afterAll(async () => {
  await h?.close();
});

describe('a member on a phone', () => {
  it('logs in, finds what they owe (overdue first), adds a progress note, gets the calendar link, and logs out', async () => {
    const w = await openPage(h, PHONE, null);
    w.allow(/status of 401/);
    const { page } = w;
    await go(page, `${h.url}/`);
    await page.getByLabel('Lietotājvārds').fill(memberLogin);
    await page.getByLabel('Parole').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Pieslēgties' }).click();
    // On a phone a member lands on what they owe, not on the list of sittings.
    await page.getByRole('heading', { name: 'Jāizdara (2)' }).waitFor();
    await ready(page);
    expect(page.url()).toMatch(/#\/uzdevumi$/);
    expect(await page.getByRole('heading', { name: 'Mani uzdevumi', level: 1 }).isVisible()).toBe(true);
    expect(await page.locator('[data-nav="uzdevumi"]').getAttribute('aria-current')).toBe('page');
    // The labels say what they are; the co-owners leave the member herself out.
    const cards = page.locator('.action');
    expect(await cards.locator('strong').allTextContents()).toEqual(['Sēde Nr. 7, lēmums 2.', 'Sēde Nr. 7, lēmums 4.']);
    expect(await cards.first().textContent()).toContain('sagatavot vēstules projektu ministrijām');
    expect(await cards.first().textContent()).not.toContain('līdzatbildīgie');
    const together = squeeze((await cards.nth(1).locator('.muted').textContent()) ?? '');
    expect(together).toContain('līdzatbildīgie:I.Kārkliņa');
    expect(together).not.toContain('Rancāne');

    // A member may not open sittings or edit the directory.
    await page.getByRole('link', { name: 'Sēdes', exact: true }).click();
    await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Jauna sēde' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Personas' }).isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Mani uzdevumi' }).click();
    await ready(page);
    await page.getByRole('heading', { name: 'Jāizdara (2)' }).waitFor();

    const first = cards.first();
    await first.getByText('Pievienot piezīmi par izpildi').click();
    await first.getByLabel('Piezīme par izpildi').fill('Vēstules projekts nosūtīts grupai saskaņošanai.');
    await first.getByLabel('Statuss').selectOption('in_progress');
    await first.getByRole('button', { name: 'Pievienot piezīmi' }).click();
    await page.getByText('Vēstules projekts nosūtīts grupai saskaņošanai.').waitFor();
    const actions = (await h.t.call<Actions>({ method: 'GET', url: `/api/people/${elita.id}/actions` })).body;
    const noted = actions.open.find((a) => a.text.startsWith('E.Rancānei līdz'));
    expect(noted?.notes.map((n) => n.note)).toContain('Vēstules projekts nosūtīts grupai saskaņošanai.');
    expect(noted?.status).toBe('in_progress');

    await page.getByRole('button', { name: 'Izveidot kalendāra saiti' }).click();
    expect(await page.getByLabel('Kalendāra saite').inputValue()).toMatch(/\/actions\.ics\?token=/);

    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.getByRole('heading', { name: 'Pieslēgšanās' }).waitFor();
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('the minutes preview on a phone', () => {
  it('fits the phone’s width: the A4 text flows inside the frame, nothing is cut off on the right', async () => {
    const w = await openPage(h, PHONE, memberLogin);
    await go(w.page, `${h.url}/#/sedes/${nr7Id}/protokols`);
    const frame = w.page.locator('iframe.preview-frame');
    const box = await frame.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(PHONE.width);
    const inner = w.page.frameLocator('iframe.preview-frame');
    await inner.locator('.page').waitFor();
    const preview = (await frame.elementHandle())?.contentFrame();
    const sizes = await (
      await preview
    )?.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      page: document.querySelector('.page')?.getBoundingClientRect().right ?? Infinity,
      width: document.documentElement.clientWidth,
    }));
    expect(sizes?.overflow).toBeLessThanOrEqual(0);
    expect(sizes?.page).toBeLessThanOrEqual(sizes?.width ?? 0);
    expect(await inner.locator('.item-title', { hasText: 'Par Cēsu klīnikas un Cēsu Rotary kluba sadarbību' }).isVisible()).toBe(true);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('search', () => {
  it('finds minutes regardless of case and diacritics: “ranca” finds Rancāne', async () => {
    const w = await openPage(h);
    await go(w.page, `${h.url}/#/`);
    await w.page.getByLabel('Vārds vai frāze (darba kārtībā, darba gaitā, lēmumos)').fill('ranca');
    const hits = w.page.locator('.hits li');
    await hits.first().waitFor();
    expect(await hits.first().textContent()).toContain('Sēde Nr. 7, 08.07.2025.');
    expect(await w.page.locator('.hits mark').first().textContent()).toBe('Rancā');
    await w.page.getByLabel('Vārds vai frāze (darba kārtībā, darba gaitā, lēmumos)').fill('PSIHIATRS');
    await w.page.getByText(/Atrasts: 1\./).waitFor();
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('the next sitting', () => {
  it('lists the carried decisions; one click records a follow-up, with a note', async () => {
    const w = await openPage(h);
    const { page } = w;
    await go(page, `${h.url}/#/`);
    await page.getByLabel('Sēdes datums').fill('2025-09-08');
    await page.getByRole('button', { name: 'Jauna sēde' }).click();
    await page.waitForURL(/#\/sedes\/\d+$/);
    await ready(page);
    const id = Number(/sedes\/(\d+)/.exec(page.url())?.[1]);

    const section = page.locator('#carry-over');
    await section.getByRole('heading', { name: 'Iepriekšējo lēmumu izpildes kontrole' }).waitFor();
    const row = section.locator('.carry').filter({ hasText: 'sagatavot vēstules projektu' });
    await row.getByRole('button', { name: 'izpildīts', exact: true }).click();
    expect(await row.getByRole('button', { name: 'izpildīts', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await row.getByLabel('Piezīme (nav obligāti)').fill('Vēstule nosūtīta 10.07.2025.');
    await saved(page);

    const sitting = (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${id}` })).body;
    const carried = sitting.carryOver?.find((c) => c.text.includes('sagatavot vēstules projektu'));
    expect(carried?.review).toMatchObject({ status: 'done', note: 'Vēstule nosūtīta 10.07.2025.' });
    expect(sitting.agendaItems[0]?.followUp).toBe(true);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
