// axe-core checks every screen, logged out and in, at desktop and phone size: any violation fails
// the test, so a new one is caught the day it is made. axe is injected by the test itself (the
// context bypasses the app's Content-Security-Policy for that one script only).
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandedOverUser, Person } from '../../web/src/types.ts';
import { announceFirstAdminSetup } from '../../server/setup-link.ts';
import { withSession } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { ADMIN, DESKTOP, go, openPage, PHONE, startHarness, type Harness } from './browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let h: Harness;
let setupUrl = '';
let nr7Id = 0;
let draftId = 0;
let elita: Person;
const oneTime = new Map<string, string>();
/** A member linked to Elita Rancāne, who owns two of Nr. 7's decisions. */
const memberLogin = 'member2';

beforeAll(async () => {
  h = await startHarness(null);
  setupUrl = (await announceFirstAdminSetup(h.t.app, { publicUrl: null, host: '127.0.0.1' })) ?? '';
});

afterAll(async () => {
  await h?.close();
});

/** axe's violations on the page as it is now: rule id and the elements it found. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

const SIZES = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

describe('axe finds no violations before logging in', () => {
  for (const [size, viewport] of SIZES) {
    it(`on the login and first-admin screens (${size})`, async () => {
      const w = await openPage(h, viewport, null, { bypassCSP: true });
      w.allow(/status of (401|404|410)/);
      const { page } = w;
      await page.goto(setupUrl);
      await page.getByRole('heading', { name: 'Pirmā administratora izveide' }).waitFor();
      expect(await violations(page), 'setup').toEqual([]);
      await page.goto('about:blank');
      await page.goto(`${h.url}/`);
      await page.getByRole('heading', { name: 'Pieslēgšanās' }).waitFor();
      expect(await violations(page), 'login').toEqual([]);
      expect(w.errors).toEqual([]);
      await w.context.close();
    }, 90_000);
  }
});

describe('axe finds no violations once logged in', () => {
  beforeAll(async () => {
    const admin = await h.t.loginAs('admin');
    const call = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown) =>
      (
        await h.t.app.inject(withSession({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) }, admin))
      ).json() as T;
    nr7Id = (await call<{ id: number }>('POST', '/api/sittings/import', nr7())).id;
    draftId = (await call<{ id: number }>('POST', '/api/sittings', { date: '2025-09-08' })).id;
    elita = (await call<Person[]>('GET', '/api/people')).find((p) => p.fullName === 'Elita Rancāne') as Person;
    await h.t.loginAs('member', elita.id);
    for (const [login, role] of [
      ['loceklis.tel', 'member'],
      ['loceklis.dat', 'member'],
    ] as const) {
      const made = await call<HandedOverUser>('POST', '/api/users', { login, role, personId: elita.id });
      oneTime.set(login, made.oneTimePassword);
    }
  });

  for (const [size, viewport] of SIZES) {
    it(`on the change of a one-time password (${size})`, async () => {
      const w = await openPage(h, viewport, null, { bypassCSP: true });
      w.allow(/status of 401/);
      const { page } = w;
      const login = size === 'phone' ? 'loceklis.tel' : 'loceklis.dat';
      await go(page, `${h.url}/`);
      await page.getByLabel('Lietotājvārds').fill(login);
      await page.getByLabel('Parole').fill(oneTime.get(login) ?? '');
      await page.getByRole('button', { name: 'Pieslēgties' }).click();
      await page.getByRole('heading', { name: 'Nomainiet vienreizējo paroli' }).waitFor();
      expect(await violations(page), 'password change').toEqual([]);
      expect(w.errors).toEqual([]);
      await w.context.close();
    }, 90_000);

    it(`on every screen of the app (${size})`, async () => {
      const w = await openPage(h, viewport, ADMIN, { bypassCSP: true });
      const { page } = w;
      await go(page, `${h.url}/`);
      await page.evaluate((id) => localStorage.setItem('protokols:me', String(id)), elita.id);
      const screens: Array<[string, string]> = [
        ['sittings', '#/'],
        ['draft', `#/sedes/${draftId}`],
        ['draft Nr. 7', `#/sedes/${nr7Id}`],
        ['minutes', `#/sedes/${nr7Id}/protokols`],
        ['read-out of decisions', `#/sedes/${nr7Id}/lemumi`],
        ['actions', '#/uzdevumi'],
        ['register', '#/registrs'],
        ['people', '#/personas'],
        ['users', '#/lietotaji'],
        ['settings', '#/iestatijumi'],
        ['not found', '#/nav-tadas'],
      ];
      for (const [name, hash] of screens) {
        await go(page, `${h.url}/${hash}`);
        if (name === 'actions') await page.getByRole('heading', { name: /Jāizdara/ }).waitFor();
        expect(await violations(page), name).toEqual([]);
      }
      // The dialogs are screens of their own: the typography preview, the confirmation before signing.
      await go(page, `${h.url}/#/sedes/${nr7Id}`);
      await page.getByRole('button', { name: 'Labot noformējumu' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page), 'typography preview').toEqual([]);
      await page.keyboard.press('Escape');
      await go(page, `${h.url}/#/sedes/${nr7Id}/protokols`);
      await page.frameLocator('iframe.preview-frame').locator('.page').waitFor();
      const sign = page.getByRole('button', { name: 'Parakstīt protokolu' });
      await sign.scrollIntoViewIfNeeded();
      await sign.click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page), 'signing confirmation').toEqual([]);
      await page.keyboard.press('Escape');
      expect(w.errors).toEqual([]);
      await w.context.close();
    }, 90_000);

    it(`on a member's screens: a draft followed live, and what they owe (${size})`, async () => {
      const w = await openPage(h, viewport, memberLogin, { bypassCSP: true });
      const { page } = w;
      await go(page, `${h.url}/#/sedes/${nr7Id}`);
      await page.locator('.live-agenda').waitFor();
      expect(await violations(page), 'live draft').toEqual([]);
      await go(page, `${h.url}/#/uzdevumi`);
      await page.getByRole('heading', { name: /Jāizdara/ }).waitFor();
      expect(await violations(page), 'actions').toEqual([]);
      expect(w.errors).toEqual([]);
      await w.context.close();
    }, 90_000);
  }
});
