// The mail's screens in Chromium: the secretary sends the invitation from the drafting screen, the
// admin reads the outbox and previews a mail, and an outside owner opens the mailed link without a
// login, adds a note and marks the decision done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueAllReminders } from '../../server/services/mail/reminders.ts';
import { mailFixture, type MailFixture } from '../support/mail-fixture.ts';
import { DESKTOP, go, openPage, PHONE, screenshot, startHarness, type Harness } from './browser.ts';

let h: Harness;
let f: MailFixture;

beforeAll(async () => {
  h = await startHarness('admin');
  f = await mailFixture(h.t);
});
afterAll(async () => {
  await h?.close();
});

describe('e-mail in the front end', () => {
  it('the invitation is sent from the drafting screen, and the outbox lists it with a preview', async () => {
    const { page, errors } = await openPage(h, DESKTOP);
    await go(page, `${h.url}/#/sedes/${f.draftId}`);
    await page.getByRole('button', { name: 'Nosūtīt uzaicinājumu' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Nosūtīt' }).click();
    await page.getByText('Uzaicinājums nosūtīts 3 dalībniekiem.').first().waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Izsūtne', exact: true }).click();
    await page.getByRole('heading', { name: 'Izsūtne' }).waitFor();
    const rows = page.locator('table.outbox tbody tr');
    expect(await rows.filter({ hasText: 'uzaicinājums' }).count()).toBe(3);
    await rows.filter({ hasText: 'peteris@example.lv' }).getByRole('link').click();
    await page.getByRole('heading', { name: /^Uzaicinājums uz sēdi Nr.\s2/u }).waitFor();
    expect(await page.locator('iframe.preview-frame').count()).toBe(1);
    await page.getByText('Teksta versija').click();
    expect(await page.locator('pre.mail-text').textContent()).toContain('Par iepriekšējo sēžu lēmumu izpildi');
    await screenshot(page, 'outbox', true);

    await page.getByLabel('Atbildes adrese (sekretārs)').fill('sekretare@example.lv');
    await page.getByRole('button', { name: 'Saglabāt iestatījumus' }).click();
    await page.getByText('Iestatījumi saglabāti.').waitFor();
    expect((await h.t.call({ method: 'GET', url: '/api/mail/settings' })).body).toMatchObject({ replyTo: 'sekretare@example.lv' });
    expect(errors).toEqual([]);
  });

  it("an outside owner's link opens without a login; the note is saved and the decision marked done", async () => {
    await enqueueAllReminders(h.t.db, '2026-12-03', { baseUrl: h.url, from: 'protokols@example.lv' });
    const row = await h.t.db
      .selectFrom('outbox')
      .select('text_body')
      .where('recipient', '=', 'ilze.liepa@skola.example.lv')
      .executeTakeFirstOrThrow();
    const link = /(http:\/\/\S+#\/izpilde\/\S+)/u.exec(row.text_body)![1]!;
    const { page, errors } = await openPage(h, PHONE, null);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Lēmumu izpilde' }).waitFor();
    await page.getByText('Sagatavot vēstuli ministrijai.').waitFor();
    await screenshot(page, 'outside-owner-phone', true);
    await page.getByLabel('Piezīme par izpildi').fill('Vēstule nosūtīta.');
    await page.getByLabel('Lēmums ir izpildīts').check();
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await page.getByText('Paldies! Piezīme saglabāta.').waitFor();
    await page.getByText('Jums nav neizpildītu lēmumu.').waitFor();
    const detail = (await h.t.call({ method: 'GET', url: `/api/decisions/${f.decisions.letter}` })).body;
    expect(detail.currentStatus).toBe('done');
    expect(errors).toEqual([]);
  });
});
