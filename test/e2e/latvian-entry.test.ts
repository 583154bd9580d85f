// Dates, times and files entered the Latvian way in a browser set to English (issue 15, items 3
// and 4): typed 09.07.2025. and 14.00, stored as ISO, shown back as typed; a new sitting with the
// previous chair, recorder and times; the agenda item's fields before its buttons in the Tab
// order; attendance folded to one line; only members offered as members.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, SittingDetail } from '../../web/src/types.ts';
import { nr7 } from '../support/reference.ts';
import { DESKTOP, go, openPage, ready, saved, startHarness, type Harness, type Watched } from './browser.ts';

let h: Harness;
let w: Watched;
let draftId = 0;
let nr7Id = 0;

beforeAll(async () => {
  h = await startHarness('admin', 'en-US');
  const imported = await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  expect(imported.status).toBe(201);
  nr7Id = imported.body.id;
  w = await openPage(h, DESKTOP);
});

afterAll(async () => {
  await h?.close();
});

const sitting = async (id: number) => (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${id}` })).body;

/** Types into a field as a person would: select what is there, type, leave with Tab. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

const describedText = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('in a browser set to English', () => {
  it('the browser speaks English, and no field is left to its date, time or file controls', async () => {
    const { page } = w;
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await go(page, `${h.url}/#/`);
    expect(await page.locator('input[type=date], input[type=time], input[type=file]:not([hidden])').count()).toBe(0);
  });

  it('a new sitting dated 09.07.2025. starts with the previous sitting’s chair, recorder, place and times', async () => {
    const { page } = w;
    await typeInto(page, page.getByLabel('Sēdes datums'), '09.07.2025.');
    await page.getByRole('button', { name: 'Jauna sēde' }).click();
    await page.waitForURL(/#\/sedes\/\d+$/);
    await ready(page);
    draftId = Number(/sedes\/(\d+)/.exec(page.url())?.[1]);
    const header = page.locator('#header');
    expect(await header.getByLabel('Datums').inputValue()).toBe('09.07.2025.');
    expect(await header.getByLabel('Sākums (plkst.)').inputValue()).toBe('14.00');
    expect(await header.getByLabel('Beigas (plkst.)').inputValue()).toBe('16.00');
    expect(await header.getByLabel('Sēdes vadītājs').locator('option:checked').textContent()).toContain('Guntars Norbuts');
    expect(await header.getByLabel('Protokolētājs').locator('option:checked').textContent()).toContain('Elita Rancāne');
    expect(await sitting(draftId)).toMatchObject({
      date: '2025-07-09',
      startTime: '14:00',
      endTime: '16:00',
      chair: { name: 'Guntars Norbuts' },
      recorder: { name: 'Elita Rancāne' },
    });
  });

  it('times typed as 9.30 and 14.00 and a deadline typed as 9.7.2025 are stored as ISO and shown back the Latvian way after a reload', async () => {
    const { page } = w;
    const header = page.locator('#header');
    await typeInto(page, header.getByLabel('Sākums (plkst.)'), '9.30');
    await typeInto(page, header.getByLabel('Beigas (plkst.)'), '14.00');
    const loose = page.locator('#decisions');
    await loose.getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    await page.keyboard.type('Sagatavot vēstuli ministrijām.');
    await typeInto(page, loose.locator('.decision').last().getByLabel('Termiņš', { exact: true }), '9.7.2025');
    await saved(page);
    const stored = await sitting(draftId);
    expect(stored).toMatchObject({ date: '2025-07-09', startTime: '09:30', endTime: '14:00' });
    expect(stored.decisions.map((d) => d.due)).toEqual(['2025-07-09']);

    await page.reload();
    await ready(page);
    expect(await header.getByLabel('Datums').inputValue()).toBe('09.07.2025.');
    expect(await header.getByLabel('Sākums (plkst.)').inputValue()).toBe('09.30');
    expect(await header.getByLabel('Beigas (plkst.)').inputValue()).toBe('14.00');
    const due = loose.locator('.decision').last().getByLabel('Termiņš', { exact: true });
    expect(await due.inputValue()).toBe('09.07.2025.');
    // The label stays exactly “Termiņš”; the format is said in its description.
    expect(await describedText(due)).toContain('09.07.2025.');
  });

  it('a date or time that cannot be read is flagged on the field in Latvian and not saved', async () => {
    const { page } = w;
    const header = page.locator('#header');
    const date = header.getByLabel('Datums');
    await typeInto(page, date, '31.02.2025.');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(date)).toContain('Datumu nevar nolasīt');
    const end = header.getByLabel('Beigas (plkst.)');
    await typeInto(page, end, '2 PM');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(end)).toContain('Laiku nevar nolasīt');
    await saved(page);
    expect(await sitting(draftId)).toMatchObject({ date: '2025-07-09', endTime: '14:00' });

    await typeInto(page, date, '2025-07-09');
    expect(await date.getAttribute('aria-invalid')).toBeNull();
    expect(await date.inputValue()).toBe('09.07.2025.');
    expect(await describedText(date)).not.toContain('nevar nolasīt');
    await typeInto(page, end, '14');
    expect(await end.inputValue()).toBe('14.00');
    await saved(page);
  });

  it('Tab goes from “Punkta nosaukums” to “Ziņotājs” and then “Darba gaita”; ↑ ↓ ✕ come after', async () => {
    const { page } = w;
    await page.getByRole('button', { name: '+ Pievienot darba kārtības punktu' }).click();
    const item = page.locator('.agenda-item').last();
    const title = item.getByLabel('Punkta nosaukums');
    await title.focus();
    await page.keyboard.type('Par bērna situāciju');
    const focusedLabel = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Ziņotājs (nav obligāti)');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Darba gaita');
    // The buttons are still reachable by keyboard, after the item's fields.
    const order = await item.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('input, textarea, button')].map((e) => e.getAttribute('aria-label') ?? e.className),
    );
    expect(order.indexOf('Pārvietot punktu augšup')).toBeGreaterThan(order.indexOf('proceedings'));
    await saved(page);
  });

  it('attendance folds to one line at 1366×768, and the list offers only members not yet listed', async () => {
    const { page } = w;
    await h.t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Māris Šteins', position: 'deputāts', isMember: false } });
    await go(page, `${h.url}/#/sedes/${draftId}`);
    const attendance = page.locator('#attendance');
    expect(await attendance.locator('summary').textContent()).toContain('Piedalās 5, nepiedalās 0, pieaicināti 0');
    const box = await attendance.boundingBox();
    expect(box?.height ?? 1000).toBeLessThan(140);
    expect((box?.y ?? 1000) + (box?.height ?? 0)).toBeLessThan(DESKTOP.height);

    await attendance.locator('summary').click();
    const options = () => attendance.getByLabel('Grupas loceklis no saraksta').locator('option').allTextContents();
    expect(await options()).toEqual(['— izvēlieties —']);
    const people = (await h.t.call<Person[]>({ method: 'GET', url: '/api/people' })).body;
    expect(people.some((p) => p.fullName === 'Māris Šteins' && !p.isMember)).toBe(true);
    await attendance.getByRole('button', { name: 'Izņemt Kristīne Berga no saraksta' }).click();
    await expect.poll(options).toEqual(['— izvēlieties —', 'Kristīne Berga']);
    expect(await attendance.locator('summary').textContent()).toContain('Piedalās 4');
    expect(w.errors).toEqual([]);
  });

  it('the signed copy is chosen with a Latvian button that then names the file', async () => {
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${nr7Id}/protokols`);
    const upload = page.getByRole('group', { name: 'Parakstītā kopija (PDF vai eDoc/ASiC-E)' });
    expect(await upload.textContent()).toContain('Fails nav izvēlēts');
    const chooser = page.waitForEvent('filechooser');
    await upload.getByRole('button', { name: 'Izvēlēties failu…' }).click();
    await (await chooser).setFiles({ name: 'Protokols_Nr_7.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
    await upload.getByText('Protokols_Nr_7.pdf').waitFor();
    expect(await page.locator('input[type=file]:visible').count()).toBe(0);
    expect(w.errors).toEqual([]);
  });
});
