// "Labot noformējumu": the secretary types Nr. 7's proceedings and decisions with their original
// quirks; the corrections are offered with a preview, for one item (Ctrl+Shift+L) or the whole
// sitting, saved like typing, and undone with one click.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SittingDetail } from '../../web/src/types.ts';
import { nr7 } from '../support/reference.ts';
import { DESKTOP, go, openPage, saved, screenshot, startHarness, type Harness } from './browser.ts';

const NBSP = '\u00a0';
const doc = nr7();
const item = { title: doc.agenda[1]!.title, proceedings: doc.agenda[1]!.proceedings ?? '' }; // E.Rancāne, 29-70, “Apelsīns”, “Dardedze”
const decision = doc.decisions[2]!.text; // Neuzsākt sadarbību ar Centrs “Dardedze” …
const nextSitting = doc.decisions[0]!.text; // … sasaukt š.g. 8.septembrī.

let h: Harness;
let sittingId = 0;

beforeAll(async () => {
  h = await startHarness();
  sittingId = (await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-07-08' } })).body.id;
});

afterAll(async () => {
  await h?.close();
});

const stored = async () => (await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${sittingId}` })).body;

/** Types a line by key presses, a long rest inserted at once (as dictation would). */
async function typeText(page: Page, text: string): Promise<void> {
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line.slice(0, 60));
    if (line.length > 60) await page.keyboard.insertText(line.slice(60));
  }
}

describe('Labot noformējumu', () => {
  it('offers the corrections with a preview, for an item or the whole sitting, and undoes them', async () => {
    const w = await openPage(h, DESKTOP);
    const { page } = w;
    await go(page, `${h.url}/#/sedes/${sittingId}`);
    await page.getByRole('button', { name: '+ Pievienot darba kārtības punktu' }).click();
    await page.keyboard.type(item.title);
    const agendaItem = page.locator('.agenda-item').first();
    const proceedings = agendaItem.getByLabel('Darba gaita', { exact: true });
    await proceedings.click();
    await typeText(page, item.proceedings);
    await page.keyboard.press('Control+Enter');
    await typeText(page, decision);
    await page.getByRole('button', { name: '+ Pievienot lēmumu' }).click();
    await typeText(page, nextSitting);
    await saved(page);
    const loose = page.locator('#decisions .decision-text');
    expect(await proceedings.inputValue()).toBe(item.proceedings);

    // Ctrl+Shift+L in an item offers that item's corrections only; Escape leaves everything as typed.
    await proceedings.focus();
    await page.keyboard.press('Control+Shift+L');
    const dialog = page.getByRole('dialog', { name: 'Labot noformējumu šajā punktā?' });
    await dialog.waitFor();
    const listed = await dialog.locator('li').allTextContents();
    expect(listed.some((l) => l.startsWith(`E.Rancāne → E.${NBSP}Rancāne`))).toBe(true);
    expect(listed.some((l) => l.startsWith('29-70 → 29–70'))).toBe(true);
    expect(listed.some((l) => l.startsWith('“Dardedze” → „Dardedze”') && l.includes('2×'))).toBe(true);
    expect(listed.some((l) => l.includes('š.g.'))).toBe(false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await proceedings.inputValue()).toBe(item.proceedings);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('proceedings'))).toBe(true);

    // The whole sitting, from the button: Enter applies, and the fields save as if typed.
    await page.getByRole('button', { name: 'Labot noformējumu' }).click();
    const whole = page.getByRole('dialog', { name: 'Labot noformējumu visā sēdē?' });
    await whole.waitFor();
    expect((await whole.locator('li').allTextContents()).some((l) => l.startsWith(`š.g. → š.${NBSP}g.`))).toBe(true);
    await screenshot(page, 'typography-preview-desktop');
    await page.keyboard.press('Enter');
    await page.getByText(/Noformējums labots \(\d+ vietās\)/).waitFor();
    const fixedProceedings = await proceedings.inputValue();
    expect(fixedProceedings).toContain(`E.${NBSP}Rancāne informē`);
    expect(fixedProceedings).toContain('izmaksas ir 29–70 euro');
    expect(fixedProceedings).toContain('Centrs „Dardedze” piedāvā');
    expect(fixedProceedings).toContain('18.06.2025.');
    expect(await agendaItem.locator('.decision-text').inputValue()).toContain('Centrs „Dardedze”, jo');
    expect(await loose.inputValue()).toBe(`Nākamās BTA sadarbības grupas sēdes sasaukt š.${NBSP}g. 8.septembrī.`);
    await saved(page);
    let s = await stored();
    expect(s.agendaItems[0]?.proceedings).toBe(fixedProceedings);
    expect(s.decisions.map((d) => d.text)).toContain(`Nākamās BTA sadarbības grupas sēdes sasaukt š.${NBSP}g. 8.septembrī.`);

    // Undo puts back exactly what was typed, on screen and on the server.
    await page.getByRole('button', { name: 'Atsaukt' }).click();
    await page.getByText('Noformējuma labojumi atsaukti.').waitFor();
    expect(await proceedings.inputValue()).toBe(item.proceedings);
    expect(await loose.inputValue()).toBe(nextSitting);
    await saved(page);
    s = await stored();
    expect(s.agendaItems[0]?.proceedings).toBe(item.proceedings);
    expect(s.decisions.map((d) => d.text).sort()).toEqual([decision, nextSitting].sort());

    // Nothing left to correct is said so, without a dialog.
    await page.getByRole('button', { name: 'Labot noformējumu' }).click();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Labot noformējumu' }).click();
    await page.getByText('Noformējums visā sēdē ir kārtībā: nav ko labot.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 90_000);
});
