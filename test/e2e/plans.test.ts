// The prevention plan's screens in the browser: the plan with its goals and activities, an
// activity's page with its linked decisions, and recording its status for a year from the evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedPlan, sitting2026 } from '../plans/story.ts';
import { go, openPage, ready, screenshot, startHarness, type Harness } from './browser.ts';

let h: Harness;
let activity: Record<string, number>;

beforeAll(async () => {
  h = await startHarness();
  activity = (await importedPlan(h.t)).activity;
  await sitting2026(h.t, 12, '2026-03-10', [
    {
      title: 'Par EMU: skola ieviešanu',
      decisions: [{ text: 'Izglītības pārvaldei ieviest EMU: skola trīs skolās.', planActivity: '5.3.1' }],
    },
  ]);
});
afterAll(async () => h?.close());

describe('the prevention plan screens', () => {
  it('show the plan by goal, an activity with its decisions, and record its 2026 status from the evidence', async () => {
    const w = await openPage(h);
    const { page } = w;
    await go(page, `${h.url}/`);
    await page.getByRole('link', { name: 'Prevencijas plāns' }).click();
    await ready(page);
    await page.getByRole('link', { name: /Cēsu novada bērnu seksuālas izmantošanas prevencijas plāns/u }).click();
    await ready(page);
    expect(await page.locator('.plan-goal h2').count()).toBe(8);
    await page.getByLabel('Gads').selectOption('2026');
    await page.getByRole('link', { name: '5.3.1.', exact: true }).click();
    await ready(page);
    await page.getByText('Lēmums Nr. 12, 1.').waitFor();

    await page.getByLabel('Statuss', { exact: true }).selectOption('ongoing');
    await page.getByRole('button', { name: 'Pievienot paveiktajam' }).click();
    expect(await page.getByLabel('Paveiktais').inputValue()).toContain('Izglītības pārvaldei ieviest EMU: skola trīs skolās.');
    await page.getByRole('button', { name: 'Saglabāt statusu' }).click();
    await page.getByText('Statuss saglabāts.').waitFor();
    await screenshot(page, 'plan-activity');
    const status = await h.t.call({ method: 'GET', url: `/api/plan-activities/${activity['5.3.1.']}/status/2026` });
    expect(status.body.status.status).toBe('ongoing');
    expect(w.errors).toEqual([]);
  });
});
