// What the browser tests share: the app listening on a free port over an in-memory database, the
// front end built once, Debian's Chromium through playwright-core, a logged-in page, and a watch
// on the console that fails a test on any error it was not told to expect.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import type { Role } from '../../server/db/database.ts';
import { TEST_PASSWORD, testApp, type TestApp } from '../support/app.ts';
import { REPO_ROOT } from '../support/reference.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'artifacts', 'screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface Harness {
  t: TestApp;
  url: string;
  browser: Browser;
  /** The browser's language, and the locale of the pages it opens. */
  locale: string;
  close: () => Promise<void>;
}

/**
 * `role`: the account testApp() makes and logs in (`admin1` for an admin); null for a fresh installation.
 * `locale`: the browser's language (`--lang`) and its pages' locale; `en-US` proves that nothing
 * Latvian on screen comes from the browser.
 */
export async function startHarness(role: Role | null = 'admin', locale = 'lv-LV'): Promise<Harness> {
  const [t, browser] = await Promise.all([
    (async () => {
      await buildWeb();
      const app = await testApp(role);
      await app.app.listen({ host: '127.0.0.1', port: 0 });
      return app;
    })(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--lang=${locale}`,
      ],
    }),
  ]);
  const address = t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    t,
    url: `http://127.0.0.1:${port}`,
    browser,
    locale,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions not expected by `allow`. */
  errors: string[];
  allow: (pattern: RegExp) => void;
}

/** testApp() makes this admin account; `null` opens the page logged out. */
export const ADMIN = 'admin1';

/**
 * A fresh browser context and page, logged in (the session cookie is shared with the page), with a
 * console watch. The server sends the Content-Security-Policy itself (default-src 'self'), so a
 * violation shows up here as a console error; `bypassCSP` lets a test inject its own script (axe).
 */
export async function openPage(
  h: Harness,
  viewport = DESKTOP,
  login: string | null = ADMIN,
  options: { bypassCSP?: boolean } = {},
): Promise<Watched> {
  const context = await h.browser.newContext({ viewport, acceptDownloads: true, locale: h.locale, bypassCSP: options.bypassCSP === true });
  if (login !== null) {
    const res = await context.request.post(`${h.url}/api/session`, { data: { login, password: TEST_PASSWORD } });
    if (res.status() !== 204) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((r) => r.test(m.text()))) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { page, context, errors, allow: (r) => allowed.push(r) };
}

/** Navigates within the app and waits for the screen to be ready. */
export async function go(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await ready(page);
}

export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('main[data-ready="true"]');
}

/** Waits until every change has reached the server. */
export async function saved(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => document.getElementById('save-state')?.textContent === 'saglabāts', null, { timeout });
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Spaces, including the non-breaking ones of short names, do not matter when comparing names. */
export const squeeze = (s: string): string => s.replace(/\s/gu, '');
