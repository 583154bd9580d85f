// The secretary records sitting Nr. 7 through the UI, by typing and clicking, then previews,
// downloads and signs it; what the server stored must be the reference document.
import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import { PDFDocument } from 'pdf-lib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SittingDocument } from '../../server/interchange/sitting-document.ts';
import { nr7 } from '../support/reference.ts';
import { createUser } from '../../server/services/accounts.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { DESKTOP, go, openPage, PHONE, ready, saved, screenshot, squeeze, startHarness, type Harness, type Watched } from './browser.ts';

const doc = nr7();
let h: Harness;
let w: Watched;
let sittingId = 0;

beforeAll(async () => {
  h = await startHarness();
  await createUser(h.t.db, h.t.groupId, { login: 'sekretare', password: TEST_PASSWORD, role: 'secretary' }, h.t.app.passwords);
  await createUser(h.t.db, h.t.groupId, { login: 'vaditajs', password: TEST_PASSWORD, role: 'chair' }, h.t.app.passwords);
  w = await openPage(h, DESKTOP, null);
  // Logged out, the app's first GET /api/me answers 401 before the login form shows.
  w.allow(/status of 401/);
});

afterAll(async () => {
  await h?.close();
});

/** Every person of the reference sitting, as the directory should hold them. */
function referencePeople(): Array<{ name: string; position: string }> {
  return doc.members.map((m) => ({ name: m.name, position: m.position ?? '' }));
}

/**
 * Types a long text: real key presses for the start of each line and for every line break, the
 * rest of a long line inserted at once (as dictation or a paste would), to keep the suite quick.
 */
async function typeText(page: Page, text: string): Promise<void> {
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line.slice(0, 40));
    if (line.length > 40) await page.keyboard.insertText(line.slice(40));
  }
}

async function addDecision(
  page: Page,
  scope: Locator,
  text: string,
  owners: string[],
  due: string | undefined,
  planActivity?: string,
): Promise<void> {
  await typeText(page, text);
  const decision = scope.locator('.decision').last();
  for (const owner of owners) {
    const combo = decision.getByRole('combobox', { name: 'Atbildīgie' });
    await combo.click();
    // Type a few letters of the surname and take the first suggestion, as a person would.
    await page.keyboard.type(owner.split('.').pop()?.slice(0, 5) ?? owner);
    await decision.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
  }
  if (due !== undefined) await decision.getByLabel('Termiņš').fill(due);
  if (planActivity !== undefined) {
    await decision.getByLabel('Plāna pas.').click();
    await page.keyboard.type(planActivity);
    await page.keyboard.press('Tab');
  }
}

describe('recording a whole sitting in the browser', () => {
  it('the secretary logs in on the login screen', async () => {
    const { page } = w;
    await go(page, `${h.url}/`);
    await page.getByLabel('Lietotājvārds').waitFor();
    await screenshot(page, 'login-desktop');
    await page.getByLabel('Lietotājvārds').fill('sekretare');
    await page.getByLabel('Parole').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Pieslēgties' }).click();
    await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
    expect(await page.getByText('sekretare').first().isVisible()).toBe(true);
    expect(w.errors).toEqual([]);
  });

  it('the directory is filled in on the Personas screen', async () => {
    const { page } = w;
    await go(page, `${h.url}/#/personas`);
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Jauna persona' }) });
    for (const p of referencePeople()) {
      await form.getByLabel('Vārds, uzvārds').fill(p.name);
      await form.getByLabel('Amats').fill(p.position);
      await form.getByRole('button', { name: 'Pievienot personu' }).click();
      await page.getByText(`Pievienots: ${p.name}.`).waitFor();
    }
    const { body } = await h.t.call<Array<{ fullName: string; isMember: boolean }>>({ method: 'GET', url: '/api/people' });
    expect(body.map((p) => p.fullName).sort()).toEqual(
      referencePeople()
        .map((p) => p.name)
        .sort(),
    );
    expect(body.every((p) => p.isMember)).toBe(true);
  });

  it('“Jauna sēde” opens the drafting screen with the API defaults', async () => {
    const { page } = w;
    await go(page, `${h.url}/#/`);
    await page.getByLabel('Sēdes datums').fill(doc.date);
    await page.getByRole('button', { name: 'Jauna sēde' }).click();
    await page.waitForURL(/#\/sedes\/\d+$/);
    await ready(page);
    sittingId = Number(/sedes\/(\d+)/.exec(page.url())?.[1]);
    expect(await page.getByLabel('Vieta').inputValue()).toBe('Cēsīs, Cēsu novadā');
    // The active members are listed as present.
    expect(await page.locator('.attendee input[type=checkbox]:checked').count()).toBe(doc.members.length);
  });

  it('the whole of Nr. 7 is typed in, and the server stores exactly the reference document', async () => {
    const { page } = w;
    const started = performance.now();
    const header = page.locator('#header');
    await header.getByLabel('Numurs').fill(String(doc.number));
    await header.getByLabel('Sākums (plkst.)').fill(doc.startTime);
    await header.getByLabel('Beigas (plkst.)').fill(doc.endTime ?? '');
    await header.getByLabel('Sēdes vadītājs').selectOption({ label: `${doc.chair?.name} (${doc.chair?.position})` });
    await header.getByLabel('Protokolētājs').selectOption({ label: `${doc.recorder?.name} (${doc.recorder?.position})` });

    // Decision 1 belongs to no agenda item: it is entered first so that it keeps number 1.
    const loose = page.locator('#decisions');
    const [first, ...rest] = doc.decisions;
    await loose.getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    await addDecision(page, loose, first?.text ?? '', [], first?.due);

    for (const [i, item] of doc.agenda.entries()) {
      await page.getByRole('button', { name: '+ Pievienot darba kārtības punktu' }).click();
      await page.keyboard.type(item.title);
      const card = page.locator('.agenda-item').nth(i);
      await card.getByLabel('Darba gaita').click();
      await typeText(page, item.proceedings ?? '');
      for (const d of rest.filter((x) => x.agendaItem === i + 1)) {
        // Ctrl+Enter in the proceedings starts a decision under this item.
        await card.getByLabel('Darba gaita').press('Control+Enter');
        await addDecision(page, card, d.text, d.owners ?? [], d.due);
      }
    }
    const last = rest.find((d) => d.agendaItem === undefined);
    await loose.getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    // The last one serves a prevention-plan activity, typed without its trailing dot.
    await addDecision(page, loose, last?.text ?? '', [], last?.due, '5.3.1');
    await saved(page);
    expect(await loose.locator('.decision').last().getByLabel('Plāna pas.').inputValue()).toBe('5.3.1.');
    console.log('typed in', Math.round(performance.now() - started), 'ms');

    // The numbers on screen run 1..6 in the reference order.
    const numbers = await page.locator('.decision .decision-no').allTextContents();
    expect(numbers.sort()).toEqual(['1.', '2.', '3.', '4.', '5.', '6.']);

    const { status, body } = await h.t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${sittingId}/export` });
    expect(status).toBe(200);
    expect(body).toMatchObject({ number: doc.number, date: doc.date, place: doc.place, startTime: doc.startTime, endTime: doc.endTime });
    expect(body.chair).toEqual(doc.chair);
    expect(body.recorder).toEqual(doc.recorder);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...body.members].sort(byName)).toEqual([...doc.members].sort(byName));
    expect(body.absent ?? []).toEqual([]);
    expect(body.invited ?? []).toEqual([]);
    expect(body.agenda.map((a) => ({ title: a.title, proceedings: a.proceedings, confidential: a.confidential }))).toEqual(
      doc.agenda.map((a) => ({ title: a.title, proceedings: a.proceedings, confidential: false })),
    );
    expect(
      body.decisions.map((d) => ({
        text: d.text,
        owners: (d.owners ?? []).map(squeeze),
        due: d.due ?? null,
        agendaItem: d.agendaItem ?? null,
      })),
    ).toEqual(
      doc.decisions.map((d) => ({
        text: d.text,
        owners: (d.owners ?? []).map(squeeze),
        due: d.due ?? null,
        agendaItem: d.agendaItem ?? null,
      })),
    );
    expect(body.decisions.map((d) => d.planActivity ?? null)).toEqual(doc.decisions.map((d) => (d === last ? '5.3.1.' : null)));
    // The picture of the README (docs/drafting-screen.png): the second item with its proceedings and decision.
    // Its scroll margin keeps it clear of the sticky top bar; the 6rem leave a little room above.
    await page
      .locator('.agenda-item')
      .nth(1)
      .evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, 24);
      });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await screenshot(page, 'drafting-screen');
    expect(w.errors).toEqual([]);
  }, 120_000);

  it('the preview shows the minutes, and the downloaded DOCX holds their text', async () => {
    const { page } = w;
    await page.getByRole('link', { name: /Protokols: priekšskatīt/ }).click();
    await ready(page);
    const frame = page.frameLocator('iframe.preview-frame');
    await frame.getByText('SĒDES PROTOKOLS').waitFor();
    expect(await frame.locator('body').textContent()).toContain('Par Bērnu seksuālās izmantošanas prevences plāna izpildi');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Lejupielādēt DOCX (pilnā versija)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const { value } = await mammoth.extractRawText({ buffer: await readFile(await download.path()) });
    expect(value).toContain('SĒDES PROTOKOLS');
    expect(value).toContain('Par Cēsu klīnikas un Cēsu Rotary kluba sadarbību');
    expect(value).toContain('Neuzsākt sadarbību ar Centrs “Dardedze”, jo nav finanšu līdzekļi.');
    expect(squeeze(value)).toContain(squeeze('Sēdes vadītājs'));
    expect(w.errors).toEqual([]);
  });

  it('signing locks the minutes and lists the signed version', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Parakstīt protokolu' }).click();
    await page.getByRole('dialog', { name: 'Parakstīt protokolu?' }).getByRole('button', { name: 'Parakstīt', exact: true }).click();
    await page.getByText(/Protokols parakstīts \(1\. versija/).waitFor();
    await page.locator('.signatures').getByText('1. versija').waitFor();
    const { body } = await h.t.call<{ state: string }>({ method: 'GET', url: `/api/sittings/${sittingId}` });
    expect(body.state).toBe('signed');
    // The drafting screen is now read-only.
    await go(page, `${h.url}/#/sedes/${sittingId}`);
    expect(await page.locator('.agenda-item').first().getByLabel('Darba gaita', { exact: true }).isDisabled()).toBe(true);
    expect(w.errors).toEqual([]);
  });

  it('the signed copy is uploaded, and an amendment reopens the minutes keeping the signed version', async () => {
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${sittingId}/protokols`);
    const upload = page.getByRole('group', { name: 'Parakstītā kopija (PDF vai eDoc/ASiC-E)' });
    const chooser = page.waitForEvent('filechooser');
    await upload.getByRole('button', { name: 'Izvēlēties failu…' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'Protokols_Nr_7_parakstits.pdf',
      mimeType: 'application/pdf',
      // A real PDF: a signed copy must be built like one.
      buffer: Buffer.from(await (await PDFDocument.create()).save()),
    });
    await upload.getByText('Protokols_Nr_7_parakstits.pdf').waitFor();
    await page.getByRole('button', { name: 'Augšupielādēt' }).click();
    await page.getByText(/Augšupielādēts: Protokols_Nr_7_parakstits\.pdf/).waitFor();
    // Only the chair (or an admin) may reopen signed minutes.
    expect(await page.getByLabel('Grozījuma iemesls').count()).toBe(0);

    const chair = await openPage(h, DESKTOP, 'vaditajs');
    await go(chair.page, `${h.url}/#/sedes/${sittingId}/protokols`);
    await chair.page.getByLabel('Grozījuma iemesls').fill('Labota ziņotāja amata nosaukuma kļūda.');
    await chair.page.getByRole('button', { name: 'Atvērt labošanai (grozījums)' }).click();
    await chair.page.waitForURL(new RegExp(`#/sedes/${sittingId}$`));
    expect(chair.errors).toEqual([]);
    await chair.context.close();
    // The secretary can edit again.
    await go(page, `${h.url}/#/sedes/${sittingId}`);
    expect(await page.locator('.agenda-item').first().getByLabel('Darba gaita', { exact: true }).isDisabled()).toBe(false);
    const { body } = await h.t.call<Array<{ version: number; amendmentReason: string | null }>>({
      method: 'GET',
      url: `/api/sittings/${sittingId}/signatures`,
    });
    expect(body.map((s) => [s.version, s.amendmentReason])).toEqual([[1, 'Labota ziņotāja amata nosaukuma kļūda.']]);
    expect(w.errors).toEqual([]);
  });

  it('the main screens fit a 1366×768 screen and a 390×844 phone', async () => {
    const me = (await h.t.call<Array<{ id: number; fullName: string }>>({ method: 'GET', url: '/api/people' })).body.find(
      (p) => p.fullName === 'Elita Rancāne',
    );
    const screens: Array<[string, string]> = [
      ['sittings', '#/'],
      ['draft', `#/sedes/${sittingId}`],
      ['minutes', `#/sedes/${sittingId}/protokols`],
      ['read-out', `#/sedes/${sittingId}/lemumi`],
      ['actions', '#/uzdevumi'],
      ['register', '#/registrs'],
      ['people', '#/personas'],
      ['users', '#/lietotaji'],
      ['settings', '#/iestatijumi'],
    ];
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const v = await openPage(h, viewport);
      await v.page.goto(`${h.url}/`);
      await v.page.evaluate((id) => localStorage.setItem('protokols:me', String(id)), me?.id ?? 0);
      for (const [name, hash] of screens) {
        await go(v.page, `${h.url}/${hash}`);
        if (name === 'actions') await v.page.getByRole('heading', { name: /Jāizdara/ }).waitFor();
        // Nothing may stick out sideways on a phone.
        const overflow = await v.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} on ${label} is wider than the screen`).toBeLessThanOrEqual(0);
        await screenshot(v.page, `${name}-${label}`);
        if (name === 'draft') {
          await v.page.locator('.agenda-item').nth(1).scrollIntoViewIfNeeded();
          // Items off screen are laid out on the frame after they scroll in (content-visibility).
          await v.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          await screenshot(v.page, `draft-agenda-${label}`);
        }
      }
      expect(v.errors).toEqual([]);
      await v.context.close();
    }
  });
});
