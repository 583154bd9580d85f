import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { go, openPage, startHarness, type Harness } from './browser.ts';

let h: Harness;
let attended: number;
let other: number;

beforeAll(async () => {
  h = await startHarness();
  const doc = { ...nr7(), number: 8, date: '2025-09-08', invited: [{ name: 'M. Šteins', position: 'deputāts' }] };
  doc.agenda[2] = { ...doc.agenda[2]!, confidential: true };
  attended = (await h.t.call({ method: 'POST', url: '/api/sittings/import', payload: doc })).body.id;
  other = (await h.t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: 9, date: '2025-10-13' } })).body.id;
  const people = (await h.t.call({ method: 'GET', url: '/api/people' })).body as Array<{ id: number; fullName: string }>;
  await createUser(
    h.t.db,
    h.t.groupId,
    {
      login: 'viesis',
      password: TEST_PASSWORD,
      role: 'guest',
      personId: people.find((p) => p.fullName === 'M. Šteins')!.id,
    },
    h.t.app.passwords,
  );
});
afterAll(async () => h.close());

describe('an invited specialist (guest) in the browser', () => {
  it('sees only the sitting they attended, and never the confidential item', async () => {
    const w = await openPage(h, undefined, 'viesis');
    await go(w.page, `${h.url}/#/`);
    const list = await w.page.locator('main').innerText();
    expect(list).toContain('08.09.2025');
    expect(list).not.toContain('13.10.2025');
    for (const url of [`${h.url}/#/sedes/${attended}`, `${h.url}/#/sedes/${attended}/protokols`]) {
      await go(w.page, url);
      // The draft is followed live, through the same reader view as every other channel.
      if (url.endsWith(`/sedes/${attended}`)) expect(await w.page.locator('.live-agenda').count()).toBe(1);
      // Everything on screen: the text, the values of (read-only) fields, and the preview frame.
      const frames = await Promise.all(
        w.page
          .frames()
          .map((f) =>
            f
              .evaluate(() =>
                [
                  document.body.innerText,
                  ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value),
                ].join('\n'),
              )
              .catch(() => ''),
          ),
      );
      const text = frames.join('\n');
      expect(text).toContain('Par Bērnu seksuālās izmantošanas prevences plāna izpildi');
      expect(text).toContain('Ierobežotas pieejamības informācija');
      expect(text).not.toContain('Rotary');
      expect(text).not.toContain('Cēsu klīnikas');
    }
    await go(w.page, `${h.url}/#/sedes/${other}`);
    expect(await w.page.locator('main').innerText()).not.toContain('Rotary');
    // The sitting not attended answers 404, as if it did not exist; nothing else may fail.
    expect(w.errors.filter((e) => !(e.includes('404 (Not Found)') && e.endsWith(`/api/sittings/${other})`)))).toEqual([]);
    await w.context.close();
  });
});
