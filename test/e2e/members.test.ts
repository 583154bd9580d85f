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

beforeAll(async () => {
  h = await startHarness();
  const imported = await h.t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  expect(imported.status).toBe(201);
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
    await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
    // A member may not open sittings or edit the directory.
    expect(await page.getByRole('button', { name: 'Jauna sēde' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Personas' }).isVisible()).toBe(false);

    await page.getByRole('link', { name: 'Mani uzdevumi' }).click();
    await ready(page);
    await page.getByRole('heading', { name: 'Jāizdara (2)' }).waitFor();
    const cards = page.locator('.action');
    expect((await cards.locator('strong').allTextContents()).map(squeeze)).toEqual(['Nr.7,2.', 'Nr.7,4.']);
    expect(await cards.first().textContent()).toContain('sagatavot vēstules projektu ministrijām');

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
