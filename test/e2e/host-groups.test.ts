// The host admin's screen: the host's groups with their counts and nothing of their minutes; a new
// group comes with the link that makes its first admin, who then works in that group alone; a
// group's own users never see "Grupas".
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latvianOrder } from '../../server/domain/latvian-order.ts';
import { createUser } from '../../server/services/accounts.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { DESKTOP, go, openPage, PHONE, ready, screenshot, startHarness, type Harness, type Watched } from './browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const HOST = 'serveris.admin';
const SECRETARY = 'secretary1';
const NEW_GROUP = { name: 'Ādažu novada sadarbības grupa', municipality: 'Ādažu novads', slug: 'adazu-novada-sadarbibas-grupa' };
const FIRST_GROUPS_PERSON = 'Pirmās Grupas Persona';

let h: Harness;
let host: Watched;
let setupLink = '';

beforeAll(async () => {
  // Group 1 holds a secretary (testApp's account), a sitting and a person; the host admin's account is there too.
  h = await startHarness('secretary');
  expect((await h.t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2026-10-01', number: 1 } })).status).toBe(201);
  expect((await h.t.call({ method: 'POST', url: '/api/people', payload: { fullName: FIRST_GROUPS_PERSON } })).status).toBe(201);
  await createUser(h.t.db, h.t.groupId, { login: HOST, password: TEST_PASSWORD, role: 'host_admin', personId: null }, h.t.app.passwords);
});

afterAll(async () => {
  await h?.close();
});

const visibleNav = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Galvenā izvēlne' })
    .getByRole('link')
    .evaluateAll((links) => links.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => a.textContent));
const cells = async (page: Page, slug: string) => page.locator(`tr[data-group="${slug}"] td`).allTextContents();

async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    interface AxeResults {
      violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

describe('the host admin', () => {
  it('logs in and lands on "Grupas": the groups in Latvian order with their counts, and only Grupas in the menu', async () => {
    host = await openPage(h, DESKTOP, null, { bypassCSP: true });
    host.allow(/status of 401/); // GET /api/me before logging in
    const { page } = host;
    await go(page, `${h.url}/`);
    await page.getByLabel('Lietotājvārds').fill(HOST);
    await page.getByLabel('Parole').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Pieslēgties' }).click();
    await page.getByRole('heading', { name: 'Grupas', exact: true }).waitFor();
    await ready(page);
    expect(page.url()).toMatch(/#\/grupas$/u);
    expect(await visibleNav(page)).toEqual(['Grupas']);
    expect(await page.getByRole('button', { name: 'Iziet' }).isVisible()).toBe(true);

    const first = (await h.t.call({ method: 'GET', url: '/api/group' })).body as { name: string; slug: string };
    // Group 1: one sitting, one person, two accounts (its secretary and the host admin).
    expect(await cells(page, first.slug)).toEqual([first.name, 'Cēsu novads', first.slug, '1', '1', '2', '']);
    // Nothing of a group's minutes or people is on the screen, nor was asked for.
    expect(await page.locator('main').textContent()).not.toContain(FIRST_GROUPS_PERSON);
    expect(host.errors).toEqual([]);
  });

  it('adds a group: an empty name gets the server’s Latvian message beside the field, then the group and its setup link appear', async () => {
    const { page } = host;
    host.allow(/status of 400/);
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Jauna grupa' }) });
    await form.getByLabel('Novads').fill(NEW_GROUP.municipality);
    await form.getByRole('button', { name: 'Izveidot grupu' }).click();
    const name = form.getByLabel('Nosaukums');
    await form.getByText('Nedrīkst būt tukšs.').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    // The message is the name field's own, read out with it.
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Nedrīkst būt tukšs.');
    expect(await page.locator(`tr[data-group="${NEW_GROUP.slug}"]`).count()).toBe(0);

    await name.fill(NEW_GROUP.name);
    await form.getByRole('button', { name: 'Izveidot grupu' }).click();
    await page.locator(`tr[data-group="${NEW_GROUP.slug}"]`).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(await cells(page, NEW_GROUP.slug)).toEqual([
      NEW_GROUP.name,
      NEW_GROUP.municipality,
      NEW_GROUP.slug,
      '0',
      '0',
      '0',
      'Jauna iestatīšanas saite',
    ]);
    await page.getByText('Pirmā administratora saite — derīga 1 stundu, vienreiz').waitFor();
    setupLink = (await page.locator('output.setup-link').textContent()) ?? '';
    expect(setupLink).toMatch(new RegExp(`^${h.url.replace(/\./gu, '\\.')}/#/setup/[A-Za-z0-9_-]{43}$`, 'u'));

    const names = await page.locator('tr[data-group] td:first-child').allTextContents();
    expect(names).toEqual([...names].sort(latvianOrder));
    expect(names[0]).toBe(NEW_GROUP.name); // Ā before B, not after Z as in byte order
    await screenshot(page, 'host-groups');
    expect(await violations(page), 'axe on Grupas').toEqual([]);
    expect(host.errors).toEqual([]);
  });
});

describe('on a phone', () => {
  it('the groups screen and its top bar fit the width, and axe finds nothing', async () => {
    const w = await openPage(h, PHONE, HOST, { bypassCSP: true });
    await go(w.page, `${h.url}/`);
    await w.page.getByRole('heading', { name: 'Grupas', exact: true }).waitFor();
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(await w.page.getByRole('link', { name: 'Mainīt paroli' }).isVisible()).toBe(true);
    await screenshot(w.page, 'host-groups-phone');
    expect(await violations(w.page), 'axe on Grupas (phone)').toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe('the host admin’s own account', () => {
  it('changes their own password from the top bar, and logs out', async () => {
    const { page } = host;
    await page.getByRole('link', { name: 'Mainīt paroli' }).click();
    await page.getByRole('heading', { name: 'Mainīt paroli' }).waitFor();
    await ready(page);
    await page.getByLabel('Pašreizējā parole').fill(TEST_PASSWORD);
    await page.getByLabel('Jaunā parole', { exact: true }).fill('servera-jauna-parole');
    await page.getByLabel('Jaunā parole vēlreiz').fill('servera-jauna-parole');
    await page.getByRole('button', { name: 'Nomainīt paroli' }).click();
    await page.getByText('Parole nomainīta.').waitFor();
    expect(await visibleNav(page)).toEqual(['Grupas']);

    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.getByRole('heading', { name: 'Pieslēgšanās' }).waitFor();
    await page.getByLabel('Lietotājvārds').fill(HOST);
    await page.getByLabel('Parole').fill('servera-jauna-parole');
    await page.getByRole('button', { name: 'Pieslēgties' }).click();
    await page.getByRole('heading', { name: 'Grupas', exact: true }).waitFor();
    await ready(page);
    expect(host.errors).toEqual([]);
  });
});

describe('the new group’s setup link', () => {
  it('makes the new group’s first admin, who sees their empty group and none of the first group’s data', async () => {
    const w = await openPage(h, DESKTOP, null);
    const { page } = w;
    await go(page, setupLink);
    await page.getByRole('heading', { name: 'Pirmā administratora izveide' }).waitFor();
    await page.getByLabel('Lietotājvārds').fill('adazi.admin');
    await page.getByLabel('Parole', { exact: true }).fill('adazu-gara-parole');
    await page.getByLabel('Parole vēlreiz').fill('adazu-gara-parole');
    await page.getByRole('button', { name: 'Izveidot administratoru' }).click();
    await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
    await ready(page);
    await page.getByText('Vēl nav nevienas sēdes.').waitFor();
    expect(await visibleNav(page)).not.toContain('Grupas');
    expect(await (await page.request.get(`${h.url}/api/group`)).json()).toMatchObject({ name: NEW_GROUP.name });
    expect((await page.request.get(`${h.url}/api/groups`)).status()).toBe(403);

    await go(page, `${h.url}/#/personas`);
    await page.getByRole('heading', { name: 'Personas', exact: true }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(FIRST_GROUPS_PERSON);
    expect(w.errors).toEqual([]);
    await w.context.close();

    // The host admin sees the account counted (and no more offer of a link); the link does not work twice.
    await host.page.reload();
    await ready(host.page);
    expect((await cells(host.page, NEW_GROUP.slug)).slice(3)).toEqual(['0', '0', '1', '']);
    const again = await openPage(h, DESKTOP, null);
    again.allow(/status of 404/);
    again.allow(/status of 401/);
    await go(again.page, setupLink);
    await again.page.getByText('Iestatīšanas saite nav derīga').waitFor();
    expect(again.errors).toEqual([]);
    await again.context.close();
  });
});

describe('a group’s own users', () => {
  it('a secretary of the first group sees their sittings, no "Grupas", and is refused the host’s list', async () => {
    const w = await openPage(h, DESKTOP, SECRETARY);
    const { page } = w;
    await go(page, `${h.url}/`);
    await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
    expect(await page.locator('table.sittings-table tbody tr').count()).toBe(1);
    const nav = await visibleNav(page);
    expect(nav).toContain('Sēdes');
    expect(nav).not.toContain('Grupas');
    expect((await page.request.get(`${h.url}/api/groups`)).status()).toBe(403);
    // A typed address does not open it either: the screen is not among a group's routes.
    await go(page, `${h.url}/#/grupas`);
    await page.getByRole('heading', { name: 'Lapa nav atrasta' }).waitFor();
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
