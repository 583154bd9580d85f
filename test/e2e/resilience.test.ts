// Autosave under stress: a network drop while typing, a reload with unsent changes, two people
// editing the same agenda item, reordering by keyboard and drag, and a refused signature.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaItem, SittingDetail } from '../../web/src/types.ts';
import { go, openPage, saved, startHarness, type Harness } from './browser.ts';

let h: Harness;
let sittingNumber = 40;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/** A draft sitting with agenda items, made through the API: these tests are about what follows. */
async function draftWith(titles: string[]): Promise<SittingDetail> {
  sittingNumber += 1;
  const { body: sitting } = await h.t.call<SittingDetail>({
    method: 'POST',
    url: '/api/sittings',
    payload: { date: '2026-02-10', number: sittingNumber },
  });
  for (const title of titles) await h.t.call({ method: 'POST', url: `/api/sittings/${sitting.id}/agenda-items`, payload: { title } });
  return sitting;
}

async function server(id: number): Promise<SittingDetail> {
  return (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${id}` })).body;
}

async function saveState(page: Page): Promise<string> {
  return (await page.locator('#save-state').textContent()) ?? '';
}

const NETWORK_ERRORS = /Failed to load resource|net::ERR_/;

describe('autosave keeps every keystroke', () => {
  it('a network drop while typing loses nothing: the changes are queued and sent when the network is back', async () => {
    const s = await draftWith(['Par bērnu nometni']);
    const w = await openPage(h);
    w.allow(NETWORK_ERRORS);
    const { page, context } = w;
    await go(page, `${h.url}/#/sedes/${s.id}`);
    const item = page.locator('.agenda-item').first();
    const proceedings = item.getByLabel('Darba gaita');
    await proceedings.click();
    await page.keyboard.type('Pirmā daļa tiešsaistē. ');
    await saved(page);

    await context.setOffline(true);
    await page.keyboard.type('Otrā daļa bezsaistē – ar garumzīmēm: ā č ē ģ ī ķ ļ ņ š ū ž.');
    await item.getByLabel('Punkta nosaukums').press('End');
    await page.keyboard.type(' (labots)');
    await proceedings.press('Control+Enter');
    await page.keyboard.type('Uzdot sagatavot nometnes plānu.');
    await page.waitForFunction(() => document.getElementById('save-state')?.textContent === 'nav saglabāts', null, { timeout: 10_000 });
    const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('protokols:unsent:')).length);
    expect(queued).toBeGreaterThanOrEqual(2);
    const before = await server(s.id);
    expect(before.agendaItems[0]?.proceedings).toBe('Pirmā daļa tiešsaistē. ');
    expect(before.decisions).toHaveLength(0);

    await context.setOffline(false);
    await saved(page);
    const after = await server(s.id);
    expect(after.agendaItems[0]?.proceedings).toBe('Pirmā daļa tiešsaistē. Otrā daļa bezsaistē – ar garumzīmēm: ā č ē ģ ī ķ ļ ņ š ū ž.');
    expect(after.agendaItems[0]?.title).toBe('Par bērnu nometni (labots)');
    expect(after.decisions.map((d) => [d.number, d.text, d.agendaItemId])).toEqual([
      [1, 'Uzdot sagatavot nometnes plānu.', after.agendaItems[0]?.id],
    ]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('protokols:unsent:')))).toEqual([]);
    expect(w.errors).toEqual([]);
    await context.close();
  });

  it('unsent changes survive a reload (localStorage), and leaving warns first', async () => {
    const s = await draftWith(['Par skolas kavējumiem']);
    const w = await openPage(h);
    w.allow(NETWORK_ERRORS);
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${s.id}`);
    await page.route('**/api/agenda-items/**', (route) => route.abort());
    await page.locator('.agenda-item').first().getByLabel('Darba gaita', { exact: true }).click();
    await page.keyboard.type('Teksts, kas vēl nav nonācis serverī.');
    await page.waitForFunction(() => document.getElementById('save-state')?.textContent === 'nav saglabāts', null, { timeout: 10_000 });

    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    await page.waitForSelector('main[data-ready="true"]');
    expect(dialogs).toEqual(['beforeunload']);
    expect(await page.locator('.agenda-item').first().getByLabel('Darba gaita', { exact: true }).inputValue()).toBe(
      'Teksts, kas vēl nav nonācis serverī.',
    );
    expect((await server(s.id)).agendaItems[0]?.proceedings).toBe('');

    await page.unroute('**/api/agenda-items/**');
    await saved(page, 20_000);
    expect((await server(s.id)).agendaItems[0]?.proceedings).toBe('Teksts, kas vēl nav nonācis serverī.');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('two people editing the same item: the second sees both texts, nothing is silently overwritten', async () => {
    const s = await draftWith(['Par sadarbību ar policiju']);
    const a = await openPage(h);
    const b = await openPage(h);
    b.allow(/status of 409/);
    await go(a.page, `${h.url}/#/sedes/${s.id}`);
    await go(b.page, `${h.url}/#/sedes/${s.id}`);

    await a.page
      .locator('.agenda-item')
      .first()
      .getByLabel('Darba gaita', { exact: true })
      .fill('Teksts no A: policija piedalīsies nākamajā sēdē.');
    await saved(a.page);
    const boxB = b.page.locator('.agenda-item').first().getByLabel('Darba gaita', { exact: true });
    await boxB.click();
    await b.page.keyboard.type('Teksts no B: policija nepiedalīsies.');
    const conflict = b.page.locator('.agenda-item').first().locator('.conflict');
    await conflict.waitFor();

    // Theirs in the editor, mine in the box; the server still has A's text.
    expect(await boxB.inputValue()).toBe('Teksts no A: policija piedalīsies nākamajā sēdē.');
    expect(await conflict.locator('textarea.mine').inputValue()).toBe('Teksts no B: policija nepiedalīsies.');
    expect(await conflict.textContent()).toContain('Kāds cits pa to laiku ir mainījis šo ierakstu');
    expect(await saveState(b.page)).toBe('nav saglabāts');
    expect((await server(s.id)).agendaItems[0]?.proceedings).toBe('Teksts no A: policija piedalīsies nākamajā sēdē.');

    // The choice survives a reload.
    b.page.on('dialog', (d) => void d.accept());
    await b.page.reload();
    await b.page.waitForSelector('main[data-ready="true"]');
    await conflict.waitFor();
    expect(await conflict.locator('textarea.mine').inputValue()).toBe('Teksts no B: policija nepiedalīsies.');

    await conflict.getByRole('button', { name: 'Saglabāt manu versiju' }).click();
    await saved(b.page);
    expect(await conflict.count()).toBe(0);
    expect((await server(s.id)).agendaItems[0]?.proceedings).toBe('Teksts no B: policija nepiedalīsies.');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});

describe('reordering', () => {
  it('agenda items move by keyboard and by drag; decisions renumber by themselves', async () => {
    const s = await draftWith(['Pirmais', 'Otrais', 'Trešais']);
    // Tall enough that source and target of the drag are on screen together.
    const w = await openPage(h, { width: 1366, height: 2600 });
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${s.id}`);
    const titles = async () => (await server(s.id)).agendaItems.map((i: AgendaItem) => i.title);

    await page.locator('.agenda-item').nth(2).getByLabel('Punkta nosaukums').focus();
    await page.keyboard.press('Alt+ArrowUp');
    const titlesOnScreen = () =>
      page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('.agenda-item .item-title')].map((i) => i.value));
    await expect.poll(titlesOnScreen, { timeout: 5000 }).toEqual(['Pirmais', 'Trešais', 'Otrais']);
    expect(await titles()).toEqual(['Pirmais', 'Trešais', 'Otrais']);
    // Focus stays with the moved item.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Trešais');

    // Dropped on the lower half of the last item: it goes after it.
    const last = page.locator('.agenda-item').nth(2);
    const box = await last.boundingBox();
    await page
      .locator('.agenda-item')
      .nth(0)
      .locator('.drag-handle')
      .dragTo(last, { targetPosition: { x: 200, y: (box?.height ?? 100) - 20 } });
    await expect.poll(titlesOnScreen, { timeout: 5000 }).toEqual(['Trešais', 'Otrais', 'Pirmais']);
    expect(await titles()).toEqual(['Trešais', 'Otrais', 'Pirmais']);

    const item = page.locator('.agenda-item').first();
    await item.getByLabel('Darba gaita').press('Control+Enter');
    await page.keyboard.type('Lēmums A');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('Lēmums B');
    await saved(page);
    await item.locator('.decision').nth(1).getByRole('button', { name: 'Pārvietot lēmumu augšup' }).click();
    await expect
      .poll(() => item.locator('.decision-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)), { timeout: 5000 })
      .toEqual(['Lēmums B', 'Lēmums A']);
    expect((await server(s.id)).decisions.map((d) => [d.number, d.text])).toEqual([
      [1, 'Lēmums B'],
      [2, 'Lēmums A'],
    ]);
    expect(await item.locator('.decision-no').allTextContents()).toEqual(['1.', '2.']);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('numbering', () => {
  it('a decision typed under an item not yet saved keeps its number when a later decision is saved first', async () => {
    const s = await draftWith([]);
    const w = await openPage(h);
    const { page } = w;
    // The new item's creation is held back, so its decision must wait for it.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/sittings/${s.id}/agenda-items`, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await go(page, `${h.url}/#/sedes/${s.id}`);
    await page.getByRole('button', { name: '+ Pievienot darba kārtības punktu' }).click();
    await page.keyboard.type('Par nometni');
    const item = page.locator('.agenda-item').first();
    await item.getByLabel('Darba gaita').click();
    await item.getByLabel('Darba gaita').press('Control+Enter');
    await page.keyboard.type('Lēmums zem punkta');
    const loose = page.locator('#decisions');
    await loose.getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    await page.keyboard.type('Lēmums bez punkta');
    // Long enough for the later decision's own save to have gone out if nothing held it.
    await page.waitForTimeout(2000);
    expect((await server(s.id)).decisions).toEqual([]);
    release();
    await saved(page);
    expect((await server(s.id)).decisions.map((d) => [d.number, d.text])).toEqual([
      [1, 'Lēmums zem punkta'],
      [2, 'Lēmums bez punkta'],
    ]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('signing', () => {
  it('signing unfinished minutes is refused with the list of what is missing', async () => {
    const s = await draftWith([]);
    const w = await openPage(h);
    w.allow(/status of 409/);
    await go(w.page, `${h.url}/#/sedes/${s.id}/protokols`);
    await w.page.getByRole('button', { name: 'Parakstīt protokolu' }).click();
    await w.page.getByRole('dialog', { name: 'Parakstīt protokolu?' }).getByRole('button', { name: 'Parakstīt', exact: true }).click();
    const message = w.page.getByText(/Protokolu nevar parakstīt: trūkst/);
    await message.waitFor();
    expect(await message.textContent()).toContain('sēdes vadītājs');
    expect((await server(s.id)).state).toBe('draft');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
