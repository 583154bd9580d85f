// The drafting screen of a large sitting (40 items, 150 decisions) in real Chromium: from opening
// its address to the screen being usable (main[data-ready] and the first item shown), including
// the app's own requests; and until the whole agenda is on the page.
import { generateLargeSitting } from './fixtures/large-sitting.ts';
import type { BenchCase } from './harness.ts';
import { openPage, startHarness } from '../test/e2e/browser.ts';

export async function frontendCases(): Promise<{ cases: BenchCase[]; close: () => Promise<void> }> {
  const h = await startHarness();
  const doc = generateLargeSitting();
  const { status, body } = await h.t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: doc });
  if (status !== 201) throw new Error(`import failed: ${status}`);
  const { page, errors } = await openPage(h);
  const url = `${h.url}/#/sedes/${body.id}`;
  return {
    cases: [
      {
        // The browser's own clock: from the start of navigation to the screen being usable.
        name: 'open the drafting screen of a 40-item sitting: usable (Chromium clock)',
        targetMs: 1000,
        run: async () => {
          await page.goto('about:blank');
          await page.goto(url);
          await page.waitForSelector('main[data-ready="true"] .agenda-item');
          if (errors.length > 0) throw new Error(errors.join('\n'));
          return Number(await page.locator('main').getAttribute('data-ready-at'));
        },
      },
      {
        name: 'the same, as Playwright sees it (wall clock, with its overhead)',
        run: async () => {
          await page.goto('about:blank');
          await page.goto(url);
          await page.waitForSelector('main[data-ready="true"] .agenda-item');
        },
      },
      {
        name: 'the same, until all 40 items are on the page',
        run: async () => {
          await page.goto('about:blank');
          await page.goto(url);
          await page.waitForSelector('main[data-ready="true"] .agenda-item:nth-child(40)', { state: 'attached' });
          if (errors.length > 0) throw new Error(errors.join('\n'));
        },
      },
    ],
    close: h.close,
  };
}
