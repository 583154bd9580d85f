// A group ready for mail: members, an invited specialist and an outside owner with addresses, a
// signed sitting whose decisions (one confidential) carry over into a second, draft sitting.
import type { TestApp } from './app.ts';

/** The confidential decision's text and item title: no mail may carry either. */
export const SECRET_DECISION = 'Nodrošināt Zelmas Kārkliņas ģimenei krīzes centra pakalpojumu.';
export const SECRET_ITEM = 'Par nepilngadīgās Zelmas Kārkliņas drošību';

export interface MailFixture {
  people: Record<'anna' | 'janis' | 'elita' | 'peteris' | 'ilze', number>;
  decisions: Record<'secret' | 'letter' | 'centres', number>;
  /** The signed first sitting and the draft second one. */
  firstId: number;
  draftId: number;
}

export async function mailFixture(t: TestApp): Promise<MailFixture> {
  const ok = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
    const res = await t.call({ method, url, payload });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const person = async (fullName: string, email: string | null, isMember: boolean) =>
    (await ok('POST', '/api/people', { fullName, email, isMember, position: 'speciāliste' })).id as number;
  const people = {
    anna: await person('Anna Bērziņa', 'anna@example.lv', true),
    janis: await person('Jānis Kalniņš', 'janis@example.lv', true),
    elita: await person('Elita Rancāne', null, true),
    peteris: await person('Pēteris Ozols', 'peteris@example.lv', false),
    ilze: await person('Ilze Liepa', 'ilze.liepa@skola.example.lv', false),
  };
  // Anna has an account: her reminders link into the app; Ilze has none: hers carry a signed link.
  await t.loginAs('member', people.anna);

  const first = await ok('POST', '/api/sittings', {
    date: '2026-11-02',
    startTime: '14:00',
    endTime: '16:00',
    chairId: people.janis,
    recorderId: people.anna,
  });
  const secretItem = await ok('POST', `/api/sittings/${first.id}/agenda-items`, {
    title: SECRET_ITEM,
    confidential: true,
    proceedings: 'Bāriņtiesa informēja par situāciju ģimenē.',
  });
  const publicItem = await ok('POST', `/api/sittings/${first.id}/agenda-items`, { title: 'Par psihiskās veselības atbalstu' });
  const decision = async (text: string, owner: number, due: string, agendaItemId: number) =>
    (await ok('POST', `/api/sittings/${first.id}/decisions`, { text, owners: [{ personId: owner }], due, agendaItemId })).id as number;
  const decisions = {
    secret: await decision(SECRET_DECISION, people.anna, '2026-12-10', secretItem.id),
    letter: await decision('Sagatavot vēstuli ministrijai.', people.ilze, '2026-12-10', publicItem.id),
    centres: await decision('Apzināt pusaudžu resursu centrus.', people.janis, '2026-12-03', publicItem.id),
  };
  const signed = (await t.call({ method: 'GET', url: `/api/sittings/${first.id}` })).body;
  await ok('POST', `/api/sittings/${first.id}/sign`, { version: signed.version });

  const draft = await ok('POST', '/api/sittings', {
    date: '2026-12-01',
    startTime: '10:00',
    endTime: '12:00',
    place: 'Cēsīs, Raunas ielā 4',
  });
  await ok('POST', `/api/sittings/${draft.id}/attendance`, { personId: people.peteris, role: 'invited' });
  return { people, decisions, firstId: first.id, draftId: draft.id };
}
