// Signing as it is really used: a confirmation first, one message after, the list saying whose
// signature is still missing; the follow-up panel showing what the owners reported; the note
// beside a deadline the text already names; and the small things around logging in and out.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, SittingDetail } from '../../web/src/types.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { ADMIN, DESKTOP, go, openPage, ready, saved, startHarness, type Harness } from './browser.ts';

let h: Harness;
let nr7Id = 0;
let secretary = '';
let chair = '';

beforeAll(async () => {
  h = await startHarness();
  const imported = await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  expect(imported.status).toBe(201);
  nr7Id = imported.body.id;
  await h.t.loginAs('secretary');
  await h.t.loginAs('chair');
  const users = (await h.t.call<Array<{ login: string; role: string }>>({ method: 'GET', url: '/api/users' })).body;
  secretary = users.find((u) => u.role === 'secretary')?.login ?? '';
  chair = users.find((u) => u.role === 'chair')?.login ?? '';
});

afterAll(async () => {
  await h?.close();
});

const sitting = async (id: number) => (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${id}` })).body;

/** The state the sittings list shows for sitting `id`. */
async function listedState(page: Page, id: number): Promise<string> {
  await go(page, `${h.url}/#/`);
  const row = page.locator('tr', { has: page.locator(`a[href="#/sedes/${id}"]`) });
  return ((await row.locator('td[data-label="Stāvoklis"]').textContent()) ?? '').trim();
}

/** The text that describes a control, through its aria-describedby. */
const description = (page: Page, selector: ReturnType<Page['locator']>) =>
  selector.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('the follow-up panel and the deadline note', () => {
  it('shows each carried decision’s status before the sitting and the owner’s last progress note', async () => {
    const before = await sitting(nr7Id);
    const letter = before.decisions.find((d) => d.text.startsWith('E.Rancānei līdz'));
    for (const [note, date] of [
      ['Projekts iesākts.', '2025-07-20'],
      ['Vēstules projekts nosūtīts grupai saskaņošanai.', '2025-08-01'],
    ] as const) {
      const res = await h.t.call({
        method: 'POST',
        url: `/api/decisions/${letter?.id}/notes`,
        payload: { note, status: 'in_progress', date },
      });
      expect(res.status).toBe(201);
    }
    const next = await h.t.call<SittingDetail>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } });
    const w = await openPage(h);
    await go(w.page, `${h.url}/#/sedes/${next.body.id}`);
    const row = w.page.locator('#carry-over .carry').filter({ hasText: 'sagatavot vēstules projektu' });
    const progress = row.locator('.carry-progress');
    expect(await progress.locator('.carry-status').textContent()).toBe('izpilde turpinās');
    expect(await progress.locator('.carry-note').textContent()).toBe(
      'Pēdējā atbildīgo piezīme (01.08.2025.): Vēstules projekts nosūtīts grupai saskaņošanai.',
    );
    // The earlier note is there too, folded away.
    expect(await progress.locator('details').textContent()).toContain('Projekts iesākts.');
    // A decision nobody reported on says so.
    const silent = w.page.locator('#carry-over .carry').filter({ hasNotText: 'sagatavot vēstules projektu' }).first();
    expect(await silent.locator('.carry-note').textContent()).toBe('Atbildīgie piezīmes nav ierakstījuši.');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('says beside “Termiņš” when the decision’s text already names the deadline, and only then', async () => {
    const w = await openPage(h);
    const { page } = w;
    const draft = (await h.t.call<SittingDetail>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-10-06' } })).body;
    await go(page, `${h.url}/#/sedes/${draft.id}`);
    const loose = page.locator('#decisions');
    await loose.getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    await page.keyboard.type('Sagatavot vēstuli ministrijām.');
    const decision = loose.locator('.decision').last();
    const due = decision.getByLabel('Termiņš', { exact: true });
    await due.fill('2025-11-20');
    await saved(page);
    expect(await description(page, due)).toBe('Datums, piemēram, 09.07.2025.');
    expect(await decision.locator('.due-note').isVisible()).toBe(false);

    await decision.locator('.decision-text').fill('Līdz 20.11.2025. sagatavot vēstuli ministrijām.');
    await saved(page);
    await decision.locator('.due-note').waitFor();
    // The format hint and the note together: the label stays exactly “Termiņš”.
    expect(await description(page, due)).toBe(
      'Datums, piemēram, 09.07.2025. Termiņš jau minēts lēmuma tekstā — atsevišķa rinda protokolā netiks drukāta.',
    );

    // Nr. 7's decisions name their owners and dates: the note shows as soon as the screen opens.
    await go(page, `${h.url}/#/sedes/${nr7Id}`);
    const named = page.locator('.decision').filter({ has: page.locator('input[data-kind=date]') });
    expect(await description(page, named.first().getByLabel('Termiņš', { exact: true }))).toContain('Termiņš jau minēts lēmuma tekstā');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('signing', () => {
  it('asks first, says it once, and the list waits for the chair, then for nobody', async () => {
    const draft = (
      await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: 5, date: '2025-05-05' } })
    ).body;
    const w = await openPage(h, DESKTOP, secretary);
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${draft.id}/protokols`);
    expect(await page.getByRole('link', { name: '← Atpakaļ uz sēdes melnrakstu' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Parakstīt protokolu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Parakstīt protokolu?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('to vairs nevarēs mainīt');
    // Escape (or "Atcelt") signs nothing.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await sitting(draft.id)).state).toBe('draft');

    await page.getByRole('button', { name: 'Parakstīt protokolu' }).click();
    await dialog.getByRole('button', { name: 'Parakstīt', exact: true }).click();
    await page.getByText(/Protokols parakstīts \(1\. versija/).waitFor();
    expect(
      await page
        .locator('.notice')
        .filter({ hasText: /parakstīts/i })
        .count(),
    ).toBe(1);
    expect(await page.locator('.notice').first().textContent()).toContain('gaida vadītāja parakstu');
    await page.getByRole('link', { name: '← Atpakaļ uz sēdi' }).waitFor();
    expect(await listedState(page, draft.id)).toBe('gaida vadītāja parakstu');
    // The signed sitting's screen is no longer a draft.
    await go(page, `${h.url}/#/sedes/${draft.id}`);
    expect(await page.locator('legend').first().textContent()).toBe('Sēdes protokols');
    expect(w.errors).toEqual([]);
    await w.context.close();

    const c = await openPage(h, DESKTOP, chair);
    await go(c.page, `${h.url}/#/sedes/${draft.id}/protokols`);
    await c.page.getByRole('button', { name: 'Parakstīt protokolu' }).click();
    await c.page.getByRole('dialog', { name: 'Parakstīt protokolu?' }).getByRole('button', { name: 'Parakstīt', exact: true }).click();
    await c.page.getByText(/un vairs nav maināms\.$/).waitFor();
    expect(await listedState(c.page, draft.id)).toBe('parakstīts');
    expect(c.errors).toEqual([]);
    await c.context.close();
  });

  it('the list shows “gaida protokolētāja parakstu” when only the chair has signed', async () => {
    const other = (
      await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: 4, date: '2025-04-07' } })
    ).body;
    const { version } = await sitting(other.id);
    expect((await h.t.call({ method: 'POST', url: `/api/sittings/${other.id}/sign`, payload: { version, as: 'chair' } })).status).toBe(200);
    const w = await openPage(h);
    expect(await listedState(w.page, other.id)).toBe('gaida protokolētāja parakstu');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('logging in and out', () => {
  it('before login there is no navigation nor save badge, the skip link is in the banner, and a wrong password reads plainly', async () => {
    const w = await openPage(h, DESKTOP, null);
    w.allow(/status of 401/);
    w.allow(/status of 400/);
    const { page } = w;
    await go(page, `${h.url}/`);
    expect(await page.getByRole('navigation', { name: 'Galvenā izvēlne' }).count()).toBe(0);
    expect(await page.locator('#save-state').isVisible()).toBe(false);
    expect(await page.getByRole('banner').locator('.skip-link').count()).toBe(1);
    await page.getByLabel('Lietotājvārds').fill(secretary);
    await page.getByLabel('Parole').fill('nepareiza-parole');
    await page.getByRole('button', { name: 'Pieslēgties' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Nepareizs lietotājvārds vai parole.');
    await page.getByLabel('Parole').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Pieslēgties' }).click();
    await page.getByRole('navigation', { name: 'Galvenā izvēlne' }).waitFor();
    expect(await page.locator('#save-state').isVisible()).toBe(true);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('logging out from a screen aborts no request and leaves no error in the console', async () => {
    const w = await openPage(h, DESKTOP, ADMIN);
    // The fresh start page asks who is logged in, and is told nobody.
    w.allow(/status of 401/);
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${nr7Id}`);
    const aborted: string[] = [];
    const refused: string[] = [];
    page.on('requestfailed', (r) => aborted.push(`${r.method()} ${new URL(r.url()).pathname}`));
    page.on('response', (r) => r.status() === 401 && refused.push(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.getByRole('heading', { name: 'Pieslēgšanās' }).waitFor();
    await ready(page);
    expect(aborted).toEqual([]);
    expect(refused).toEqual(['/api/me']);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('the people list counts the people it shows, as they are added', async () => {
    const w = await openPage(h);
    const { page } = w;
    await go(page, `${h.url}/#/personas`);
    const count = (await h.t.call<Person[]>({ method: 'GET', url: '/api/people' })).body.length;
    await page.getByRole('heading', { name: `Saraksts (${count})` }).waitFor();
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Jauna persona' }) });
    await form.getByLabel('Vārds, uzvārds').fill('Jānis Bērziņš');
    await form.getByRole('button', { name: 'Pievienot personu' }).click();
    await page.getByRole('heading', { name: `Saraksts (${count + 1})` }).waitFor();
    expect(await page.locator('.people-list > li').count()).toBe(count + 1);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
