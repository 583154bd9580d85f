// The drafting screen of a large sitting (40 items, 150 decisions) in real Chromium: from opening
// its address to the screen being usable (main[data-ready] and the first item shown), including
// the app's own requests; and until the whole agenda is on the page. The reference is the same
// browser navigating to a JSON document of the same server (GET /api/me): the navigation's floor.
import { generateLargeSitting } from './fixtures/large-sitting.ts';
import { missingLine, timedLine, type BenchCase, type Line } from './harness.ts';
import { openPage, startHarness } from '../test/e2e/browser.ts';

const NAMES = [
  'drafting screen of a 40-item sitting: usable (Chromium clock)',
  'the same, as Playwright sees it (wall clock)',
  'the same, until all 40 items are on the page',
];

export async function frontendLines(): Promise<Line[]> {
  let h: Awaited<ReturnType<typeof startHarness>>;
  try {
    h = await startHarness();
  } catch (error) {
    return NAMES.map((n) => missingLine(n, `Chromium: ${(error as Error).message.split('\n')[0]}`));
  }
  try {
    const { status, body } = await h.t.call<{ id: number }>({
      method: 'POST',
      url: '/api/sittings/import',
      payload: generateLargeSitting(),
    });
    if (status !== 201) throw new Error(`import failed: ${status}`);
    const { page, errors, context } = await openPage(h);
    // The reference navigates its own page of the same context: a JSON document makes the browser
    // ask for a favicon, which the app's page must not count as an error.
    const refPage = await context.newPage();
    const url = `${h.url}/#/sedes/${body.id}`;
    const floorOwnClock: BenchCase = {
      name: 'navigation to GET /api/me',
      run: async () => {
        await refPage.goto('about:blank');
        await refPage.goto(`${h.url}/api/me`);
        return refPage.evaluate(() => {
          const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return entry === undefined || entry.loadEventEnd === 0 ? performance.now() : entry.loadEventEnd;
        });
      },
    };
    const floorWall: BenchCase = {
      name: 'navigation to GET /api/me',
      run: async () => {
        await refPage.goto('about:blank');
        await refPage.goto(`${h.url}/api/me`);
      },
    };
    const options = { warmup: 3, count: 20 };
    return [
      await timedLine(
        NAMES[0]!,
        {
          name: 'usable',
          run: async () => {
            await page.goto('about:blank');
            await page.goto(url);
            await page.waitForSelector('main[data-ready="true"] .agenda-item');
            if (errors.length > 0) throw new Error(errors.join('\n'));
            return Number(await page.locator('main').getAttribute('data-ready-at'));
          },
        },
        floorOwnClock,
        undefined,
        options,
      ),
      await timedLine(
        NAMES[1]!,
        {
          name: 'wall',
          run: async () => {
            await page.goto('about:blank');
            await page.goto(url);
            await page.waitForSelector('main[data-ready="true"] .agenda-item');
          },
        },
        floorWall,
        undefined,
        options,
      ),
      await timedLine(
        NAMES[2]!,
        {
          name: 'all',
          run: async () => {
            await page.goto('about:blank');
            await page.goto(url);
            await page.waitForSelector('main[data-ready="true"] .agenda-item:nth-child(40)', { state: 'attached' });
            if (errors.length > 0) throw new Error(errors.join('\n'));
          },
        },
        floorWall,
        undefined,
        options,
      ),
    ];
  } catch (error) {
    return NAMES.map((n) => missingLine(n, (error as Error).message.split('\n')[0] ?? 'failed'));
  } finally {
    await h.close();
  }
}
