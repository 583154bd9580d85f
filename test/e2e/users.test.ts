// A fresh installation run for real: the setup link makes the first admin, who adds a chair, a
// secretary and a member on the users screen; each logs in, replaces the one-time password and
// sees what the role allows; deactivating one ends their session at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SYSTEM } from '../../server/services/audit.ts';
import { addPerson } from '../../server/services/people.ts';
import { announceFirstAdminSetup } from '../../server/setup-link.ts';
import { DESKTOP, go, openPage, PHONE, ready, screenshot, startHarness, type Harness, type Watched } from './browser.ts';

let h: Harness;
let setupUrl = '';

const STAFF = [
  { login: 'janis.berzins', role: 'chair', person: 'Jānis Bērziņš', typed: 'bērz', password: 'jāņa-paša-parole' },
  { login: 'ilze.kalnina', role: 'secretary', person: 'Ilze Kalniņa', typed: 'ilze', password: 'ilzes-pašas-parole' },
  { login: 'anna.liepa', role: 'member', person: 'Anna Liepa', typed: 'liep', password: 'annas-pašas-parole' },
] as const;
const oneTime = new Map<string, string>();
/** The member's page, kept open to see their session end. */
let members: Watched;

beforeAll(async () => {
  h = await startHarness(null);
  for (const { person } of STAFF) await addPerson(h.t.db, h.t.groupId, SYSTEM, { fullName: person, isMember: true });
  const address = h.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  setupUrl = (await announceFirstAdminSetup(h.t.app, { publicUrl: null, host: '127.0.0.1' })) ?? '';
  expect(setupUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#/setup/`));
});

afterAll(async () => {
  await h?.close();
});

const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
let admin: Watched;

describe('a fresh installation', () => {
  it('the setup link creates the first admin, linked to a new person, and then stops working', async () => {
    admin = await openPage(h, DESKTOP, null);
    const { page } = admin;
    await go(page, setupUrl);
    await page.getByRole('heading', { name: 'Pirmā administratora izveide' }).waitFor();
    await screenshot(page, 'setup');
    await page.getByLabel('Lietotājvārds').fill('inese.ozola');
    await page.getByLabel('Parole', { exact: true }).fill('ineses-gara-parole');
    await page.getByLabel('Parole vēlreiz').fill('cita-parole-12');
    await page.getByRole('button', { name: 'Izveidot administratoru' }).click();
    await page.getByText('Paroles nesakrīt').waitFor();
    await page.getByLabel('Parole vēlreiz').fill('ineses-gara-parole');
    await page.getByRole('combobox', { name: 'Saistītā persona (nav obligāti)' }).fill('Inese Ozola');
    await page.getByRole('option', { name: 'Pievienot jaunu personu “Inese Ozola”' }).click();
    await page.getByRole('button', { name: 'Izveidot administratoru' }).click();
    await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/$/);
    expect(await navLink(page, 'Lietotāji').isVisible()).toBe(true);

    const again = await openPage(h, DESKTOP, null);
    again.allow(/status of 404/);
    again.allow(/status of 401/);
    await go(again.page, setupUrl);
    await again.page.getByText('Iestatīšanas saite nav derīga').waitFor();
    expect(again.errors).toEqual([]);
    await again.context.close();
  });

  it('the admin adds a chair, a secretary and a member on the users screen, each linked to a person chosen by name', async () => {
    const { page } = admin;
    await navLink(page, 'Lietotāji').click();
    await ready(page);
    await page.getByRole('heading', { name: 'Lietotāji', exact: true }).waitFor();
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Pievienot lietotāju' }) });
    for (const s of STAFF) {
      await form.getByLabel('Lietotājvārds').fill(s.login);
      await form.getByLabel('Loma', { exact: true }).selectOption(s.role);
      await form.getByRole('combobox', { name: 'Saistītā persona' }).fill(s.typed);
      await page.getByRole('option', { name: s.person, exact: true }).click();
      await form.getByRole('button', { name: 'Pievienot lietotāju' }).click();
      const shown = page.locator('.one-time-password');
      await page.getByText('Vienreizējā parole — parādīta tikai vienreiz').waitFor();
      await page.locator('tr', { hasText: s.login }).waitFor();
      await expect.poll(async () => page.locator('.notice-warn').textContent()).toContain(s.login);
      oneTime.set(s.login, (await shown.textContent()) ?? '');
      const row = page.locator(`tr[data-login="${s.login}"]`);
      expect(await row.textContent()).toContain(s.person);
      expect(await row.textContent()).toContain('nav bijusi');
    }
    await screenshot(page, 'users');
    for (const otp of oneTime.values()) expect(otp).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(admin.errors).toEqual([]);
  });

  it('each logs in, must replace the one-time password first, and sees what the role allows', async () => {
    for (const s of STAFF) {
      const w = await openPage(h, s.role === 'member' ? PHONE : DESKTOP, null);
      w.allow(/status of 401/); // GET /api/me before logging in
      const { page } = w;
      await go(page, `${h.url}/`);
      await page.getByLabel('Lietotājvārds').fill(s.login);
      await page.getByLabel('Parole').fill(oneTime.get(s.login) ?? '');
      await page.getByRole('button', { name: 'Pieslēgties' }).click();
      await page.getByRole('heading', { name: 'Nomainiet vienreizējo paroli' }).waitFor();
      if (s.role === 'member') await screenshot(page, 'password-change-phone');
      await page.getByLabel('Vienreizējā parole').fill(oneTime.get(s.login) ?? '');
      await page.getByLabel('Jaunā parole', { exact: true }).fill(s.password);
      await page.getByLabel('Jaunā parole vēlreiz').fill(s.password);
      await page.getByRole('button', { name: 'Nomainīt paroli' }).click();
      if (s.role === 'member') {
        // A member on a phone lands on what they owe; the sittings are one tap away.
        await page.getByRole('heading', { name: 'Mani uzdevumi', exact: true }).waitFor();
        await ready(page);
        await navLink(page, 'Sēdes').click();
      }
      await page.getByRole('heading', { name: 'Sēdes', exact: true }).waitFor();
      await ready(page);

      const newSitting = await page.getByRole('button', { name: 'Jauna sēde' }).count();
      const visible = async (name: string) => navLink(page, name).isVisible();
      expect(await visible('Lietotāji'), s.login).toBe(false);
      expect(await visible('Iestatījumi'), s.login).toBe(false);
      if (s.role === 'secretary') {
        expect(newSitting).toBe(1);
        expect(await visible('Personas')).toBe(true);
      } else {
        expect(newSitting, s.login).toBe(0);
        expect(await visible('Personas'), s.login).toBe(false);
        expect(await visible('Lēmumu reģistrs'), s.login).toBe(true);
      }
      // The screen a role may not use is refused by the server too.
      const users = await page.request.get(`${h.url}/api/users`);
      expect(users.status()).toBe(403);
      expect(w.errors).toEqual([]);
      if (s.role === 'member') members = w;
      else await w.context.close();
    }

    // The admin sees their last logins and that each has their own password now.
    await admin.page.reload();
    await ready(admin.page);
    for (const s of STAFF) {
      const row = admin.page.locator(`tr[data-login="${s.login}"]`);
      expect(await row.textContent()).not.toContain('nav bijusi');
      expect(await row.textContent()).not.toContain('gaida paroles nomaiņu');
    }
  });

  it('a person’s page shows their account', async () => {
    const { page } = admin;
    await navLink(page, 'Personas').click();
    await ready(page);
    await page.locator('summary', { hasText: 'Ilze Kalniņa' }).click();
    await page.getByText('Lietotāja konts: ilze.kalnina (sekretārs)').waitFor();
    await navLink(page, 'Lietotāji').click();
    await ready(page);
  });

  it('deactivating a user ends their session at once: their next action lands on the login screen', async () => {
    const { page } = admin;
    const row = page.locator('tr[data-login="anna.liepa"]');
    await row.getByRole('button', { name: 'Deaktivizēt' }).click();
    await row.getByText('deaktivizēts').waitFor();
    expect(await row.getByRole('button', { name: 'Aktivizēt' }).count()).toBe(1);

    members.allow(/status of 401/);
    await members.page.getByRole('link', { name: 'Mani uzdevumi' }).click();
    const dialog = members.page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Sesija ir beigusies' }).waitFor();
    // Nor can she log in again.
    members.allow(/status of 400/);
    await dialog.getByLabel('Lietotājvārds').fill('anna.liepa');
    await dialog.getByLabel('Parole').fill('annas-pašas-parole');
    await dialog.getByRole('button', { name: 'Pieslēgties' }).click();
    await dialog.getByText('Nepareizs lietotājvārds vai parole.').waitFor();
    expect(members.errors).toEqual([]);
    await members.context.close();

    // The last active admin cannot step down.
    const self = page.locator('tr[data-login="inese.ozola"]');
    admin.allow(/status of 409/);
    await self.getByRole('button', { name: 'Deaktivizēt' }).click();
    await self.getByText('pēdējais aktīvais administrators').waitFor();
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});
