// The decision register in the browser: filtering by prevention-plan activity, which finds the
// activity and those under it, and the CSV link carrying the same selection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nr7 } from '../support/reference.ts';
import { go, openPage, ready, squeeze, startHarness, type Harness } from './browser.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const doc = nr7();
  const activities = ['5.3.1', '5.3.', '5.30.'];
  doc.decisions = doc.decisions.map((d, i) => (activities[i] === undefined ? d : { ...d, planActivity: activities[i] }));
  expect((await h.t.call({ method: 'POST', url: '/api/sittings/import', payload: doc })).status).toBe(201);
});
afterAll(async () => h?.close());

describe('the register screen', () => {
  it('shows each decision’s plan activity and filters by an activity and those under it', async () => {
    const w = await openPage(h);
    // The refused filter at the end answers 400, which the browser logs.
    w.allow(/status of 400/);
    const { page } = w;
    await go(page, `${h.url}/`);
    await page.getByRole('link', { name: 'Lēmumu reģistrs' }).click();
    await ready(page);
    const rows = page.locator('.register-table tbody tr');
    expect(await rows.count()).toBe(6);

    await page.getByLabel('Prevencijas plāna pasākums').fill('5.3');
    await page.getByRole('button', { name: 'Atlasīt' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.register-table tbody tr').length === 2);
    const shown = await rows.evaluateAll((trs) =>
      (trs as HTMLTableRowElement[]).map((tr) => [tr.cells[0]?.textContent ?? '', tr.cells[5]?.textContent ?? '']),
    );
    expect(shown.map(([reference, activity]) => [squeeze(reference!), activity])).toEqual([
      ['Nr.7,1.', '5.3.1.'],
      ['Nr.7,2.', '5.3.'],
    ]);
    expect(await page.getByRole('link', { name: 'Lejupielādēt CSV' }).getAttribute('href')).toBe('/api/decisions.csv?planActivity=5.3');

    await page.getByLabel('Prevencijas plāna pasākums').fill('pasākums');
    await page.getByRole('button', { name: 'Atlasīt' }).click();
    await page.getByRole('alert').waitFor();
    expect(w.errors).toEqual([]);
  });
});
