// One reader view on every channel: a guest invited only to a later sitting never receives the
// text, owners or notes of a confidential decision carried over from an earlier one; calendar
// feeds never carry it; and a member's reading of it is audited once per request.
import ICAL from 'ical.js';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText, htmlText } from '../minutes/helpers.ts';
import { testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { onPostgres } from '../support/test-database.ts';
import { nr7 } from '../support/reference.ts';

const RESTRICTED = 'Ierobežotas pieejamības informācija';
/** Distinctive parts of Nr. 7, 4. (taken under the confidential item 3): its text, an owner, its progress note, its review note. */
const SECRETS = ['Rotary', '17.00 piedal', 'Zvaigzn', 'Ozolu'];
const PROGRESS_NOTE = 'Mājas vizīte pie Ozolu ģimenes.';
const REVIEW_NOTE = 'Ozolu ģimenei piešķirts asistents.';

let t: TestApp;
let guest: Session;
/** A member who owns the confidential decision (Elita Rancāne). */
let member: Session;
let memberPerson: number;
/** A member who owns only a public decision (Guntars Norbuts). */
let publicMember: Session;
let nr6: number;
let nr7Id: number;
let nr8: number;
const decisions: Record<number, number> = {};

const as = (session: Session, options: InjectOptions) => t.app.inject(withSession(options, session));
const get = (session: Session, url: string) => as(session, { method: 'GET', url });
/** The feed as calendar apps read it: folded lines joined again (a fold could split a leaked word). */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/gu, '');
const plain = (text: string) => text.replace(/\u00a0/gu, ' ');

function expectNoSecret(body: string) {
  for (const secret of SECRETS) expect(plain(body)).not.toContain(secret);
}

beforeAll(async () => {
  t = await testApp();
  const guestPerson = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Māra Šteina', isMember: false } })).body;

  // Nr. 6: nothing confidential, nothing followed up.
  const six = { ...nr7(), number: 6, date: '2025-06-10', decisions: nr7().decisions.map(({ text }) => ({ text })) };
  nr6 = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: six })).body.id;

  // Nr. 7: item 3 is confidential, so decision 4 is too; the guest owns it with an outside owner, and decision 5 (public).
  const seven = nr7();
  seven.agenda[2]!.confidential = true;
  seven.decisions[3]!.owners = ['I.Kārkliņa', 'E.Rancāne', 'M.Šteina', 'V. Zvaigznīte'];
  seven.decisions[4] = { ...seven.decisions[4]!, owners: ['I.Kārkliņa', 'M.Šteina'], due: '2025-12-01' };
  seven.decisions[5]!.owners = ['G.Norbuts'];
  nr7Id = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: seven })).body.id;
  for (const d of (await t.call({ method: 'GET', url: `/api/sittings/${nr7Id}` })).body.decisions) decisions[d.number] = d.id;
  const note = await t.call({
    method: 'POST',
    url: `/api/decisions/${decisions[4]}/notes`,
    payload: { note: PROGRESS_NOTE, date: '2025-08-20' },
  });
  expect(note.status).toBe(201);

  // Nr. 8 has no confidential item of its own; it carries Nr. 7, 4. and reviews it. The guest attended only Nr. 8.
  const eight = (await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08', startTime: '14:00' } })).body;
  nr8 = eight.id;
  expect(eight.agendaItems.some((i: { confidential: boolean }) => i.confidential)).toBe(false);
  expect(eight.carryOver.map((c: { number: number }) => c.number)).toEqual([2, 4, 5, 6]);
  const invited = await t.call({
    method: 'POST',
    url: `/api/sittings/${nr8}/attendance`,
    payload: { personId: guestPerson.id, role: 'invited' },
  });
  expect(invited.status).toBe(201);
  const review = await t.call({
    method: 'POST',
    url: `/api/sittings/${nr8}/reviews`,
    payload: { decisionId: decisions[4], status: 'in_progress', due: '2025-10-15', note: REVIEW_NOTE },
  });
  expect(review.status).toBe(201);

  const people = (await t.call<Array<{ id: number; fullName: string }>>({ method: 'GET', url: '/api/people' })).body;
  const personId = (name: string) => people.find((p) => p.fullName === name)!.id;
  guest = await t.loginAs('guest', guestPerson.id);
  memberPerson = personId('Elita Rancāne');
  member = await t.loginAs('member', memberPerson);
  publicMember = await t.loginAs('member', personId('Guntars Norbuts'));

  // The world is as meant: members do read the secrets where the guest must not.
  const full = (await get(member, `/api/sittings/${nr8}`)).body;
  for (const secret of SECRETS) expect(plain(full)).toContain(secret);
});
afterAll(async () => t.close());

describe('a guest invited only to a later sitting never receives a confidential decision of an earlier one', () => {
  it('in the sitting JSON the carried decision keeps its reference and due date; its text, owners and notes give way to the phrase', async () => {
    const res = await get(guest, `/api/sittings/${nr8}`);
    expect(res.statusCode).toBe(200);
    expectNoSecret(res.body);
    const s = res.json();
    const carried = s.carryOver.find((c: { number: number }) => c.number === 4);
    expect(carried).toMatchObject({ text: RESTRICTED, owners: [], notes: [], due: '2025-07-09', confidential: true });
    expect(plain(carried.reference)).toBe('Nr. 7, 4.');
    expect(carried.review).toMatchObject({ status: 'in_progress', due: '2025-10-15', note: null });
    expect(s.reviews.find((r: { decisionId: number }) => r.decisionId === decisions[4]).note).toBeNull();
    // Public decisions carried alongside stay readable.
    expect(s.carryOver.find((c: { number: number }) => c.number === 5).text).toMatch(/kopīgot izveidoto dokumentu/u);
  });

  it('in the minutes, HTML or DOCX, whichever version they ask for, the follow-up table hides it', async () => {
    for (const query of ['', '?version=full', '?version=public']) {
      const html = await get(guest, `/api/sittings/${nr8}/minutes.html${query}`);
      const docx = await get(guest, `/api/sittings/${nr8}/minutes.docx${query}`);
      expect(html.statusCode).toBe(200);
      expect(docx.statusCode).toBe(200);
      expectNoSecret(html.body);
      const docxBody = await docxText(docx.rawPayload);
      expectNoSecret(docxBody);
      for (const text of [htmlText(html.body), docxBody]) {
        expect(text).toContain(RESTRICTED);
        expect(text).toContain('kopīgot izveidoto dokumentu');
      }
    }
  });

  it('the register, its CSV and a decision’s history are closed to guests (403)', async () => {
    for (const url of ['/api/decisions', '/api/decisions.csv', `/api/decisions/${decisions[4]}`]) {
      const res = await get(guest, url);
      expect(res.statusCode).toBe(403);
      expectNoSecret(res.body);
    }
  });

  it('search finds nothing of it', async () => {
    for (const q of ['rotary', 'zvaigznite', 'ozolu', 'karklinai rancanei']) {
      const res = await get(guest, `/api/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([]);
    }
    expect((await get(guest, `/api/search?q=${encodeURIComponent('iepriekšējo')}`)).json()).not.toEqual([]);
  });

  it('their own actions show it, though they own it, by reference and due date only', async () => {
    const res = await get(guest, '/api/me/actions');
    expect(res.statusCode).toBe(200);
    expectNoSecret(res.body);
    const open = res.json().open as Array<{ reference: string; text: string }>;
    const secret = open.find((a) => plain(a.reference) === 'Nr. 7, 4.');
    expect(secret).toMatchObject({ text: RESTRICTED, owners: [], notes: [], due: '2025-10-15', confidential: true });
    expect(open.find((a) => plain(a.reference) === 'Nr. 7, 5.')?.text).toMatch(/kopīgot izveidoto dokumentu/u);
  });

  it('their calendar feed, by the secret URL or by their session, carries the reference, the due date and the phrase only', async () => {
    const token = await as(guest, { method: 'POST', url: '/api/me/calendar-token' });
    expect(token.statusCode).toBe(201);
    const url = new URL(token.json().url);
    const byToken = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
    const bySession = await get(guest, '/api/me/actions.ics');
    for (const res of [byToken, bySession]) {
      expect(res.statusCode).toBe(200);
      expectNoSecret(unfolded(res.body));
      const event = confidentialEvent(res.body);
      expect(plain(event.summary)).toBe(`Nr. 7, 4. ${RESTRICTED}`);
      expect(event.startDate.toString()).toBe('2025-10-15');
      expect(unfolded(res.body)).toContain('kopīgot izveidoto dokumentu');
    }
  });

  it('they may not export the sitting (403)', async () => {
    const res = await get(guest, `/api/sittings/${nr8}/export`);
    expect(res.statusCode).toBe(403);
    expectNoSecret(res.body);
  });
});

function confidentialEvent(ics: string) {
  const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  const event = events.find((e) => plain(e.summary).startsWith('Nr. 7, 4.'));
  expect(event).toBeDefined();
  return event!;
}

describe('the calendar feed goes to outside calendar services', () => {
  it('so a member’s feed too carries a confidential decision’s reference, due date and the phrase, never its text or owners', async () => {
    const token = await as(member, { method: 'POST', url: '/api/me/calendar-token' });
    const url = new URL(token.json().url);
    for (const res of [await t.app.inject({ method: 'GET', url: url.pathname + url.search }), await get(member, '/api/me/actions.ics')]) {
      expect(res.statusCode).toBe(200);
      expectNoSecret(unfolded(res.body));
      const event = confidentialEvent(res.body);
      expect(plain(event.summary)).toBe(`Nr. 7, 4. ${RESTRICTED}`);
      expect(plain(event.description)).toBe(`Lēmums Nr. 7, 4.: ${RESTRICTED}`);
      // The member's public decision keeps its text.
      expect(unfolded(res.body)).toContain('sagatavot vēstules projektu');
    }
  });
});

describe('the full minutes of a sitting that carries a confidential decision', () => {
  it('carry the restricted-access marking, though the sitting has no confidential item of its own; the public version does not', async () => {
    const full = await get(member, `/api/sittings/${nr8}/minutes.html`);
    expect(full.body).toContain(`<p class="marking">${RESTRICTED}</p>`);
    expect(full.body).toContain('Rotary');
    const docx = await docxText((await get(member, `/api/sittings/${nr8}/minutes.docx`)).rawPayload);
    expect(docx).toContain(RESTRICTED);
    expect(docx).toContain('Rotary');
    const publicHtml = await get(member, `/api/sittings/${nr8}/minutes.html?version=public`);
    expect(publicHtml.body).not.toContain('class="marking"');
    expect((await get(member, `/api/sittings/${nr6}/minutes.html`)).body).not.toContain('class="marking"');
  });
});

describe('a member’s reading of confidential text', () => {
  const confidentialReads = () =>
    t.db.selectFrom('audit_log').selectAll().where('action', '=', 'read_confidential').orderBy('id').execute();
  /** The read_confidential records one request left. */
  async function readsOf(session: Session, url: string) {
    const before = (await confidentialReads()).length;
    const res = await get(session, url);
    expect(res.statusCode).toBe(200);
    return (await confidentialReads()).slice(before);
  }

  const channels: Array<[string, () => string, string, () => number | null]> = [
    ['the sitting JSON with its carry-over list', () => `/api/sittings/${nr8}`, 'sitting', () => nr8],
    ['the full minutes as HTML', () => `/api/sittings/${nr8}/minutes.html`, 'sitting', () => nr8],
    ['the full minutes as DOCX', () => `/api/sittings/${nr8}/minutes.docx?version=full`, 'sitting', () => nr8],
    ['the export', () => `/api/sittings/${nr8}/export`, 'sitting', () => nr8],
    ['the earlier sitting’s JSON', () => `/api/sittings/${nr7Id}`, 'sitting', () => nr7Id],
    ['search', () => '/api/search?q=rotary', 'search', () => null],
    ['the register', () => '/api/decisions', 'register', () => null],
    ['the register CSV', () => '/api/decisions.csv', 'register', () => null],
    ['one decision with its history', () => `/api/decisions/${decisions[4]}`, 'decision', () => decisions[4]!],
    ['my actions', () => '/api/me/actions', 'actions', () => memberPerson],
  ];

  it.each(channels)(
    'through %s leaves exactly one audit record, without the text or the query',
    async (_name, url, recordType, recordId) => {
      const records = await readsOf(member, url());
      expect(records).toHaveLength(1);
      const [record] = records;
      expect(record).toMatchObject({ action: 'read_confidential', record_type: recordType, before: null, after: null });
      expect(record!.record_id).toBe(recordId());
      expect(record!.user_id).not.toBeNull();
      expect(JSON.stringify(record)).not.toMatch(/rotary|Ozolu|Zvaigzn/iu);
    },
  );

  // The DOCX is laid out on a thread while the record is written: the file must still wait for it.
  it.skipIf(onPostgres)(
    'is on the record before the full minutes go out: where the record cannot be written, no file is sent',
    async () => {
      await sql`create trigger refuse_confidential_reads before insert on audit_log when new.action = 'read_confidential'
      begin select raise(abort, 'the audit trail cannot be written'); end`.execute(t.db);
      try {
        for (const format of ['docx', 'html']) {
          const res = await get(member, `/api/sittings/${nr8}/minutes.${format}`);
          expect(res.statusCode, format).toBe(500);
          expect(res.headers['content-type'], format).toMatch(/^application\/json/u);
          expectNoSecret(res.body);
        }
        // Public text needs no record, and goes out.
        expect((await get(member, `/api/sittings/${nr8}/minutes.docx?version=public`)).statusCode).toBe(200);
      } finally {
        await sql`drop trigger refuse_confidential_reads`.execute(t.db);
      }
      expect((await get(member, `/api/sittings/${nr8}/minutes.docx`)).statusCode).toBe(200);
    },
  );

  it('reading only public text leaves no such record, on any channel', async () => {
    for (const url of [
      `/api/sittings/${nr6}`,
      `/api/sittings/${nr6}/minutes.html`,
      `/api/sittings/${nr6}/minutes.docx`,
      `/api/sittings/${nr6}/export`,
      `/api/sittings/${nr8}/minutes.html?version=public`,
      '/api/search?q=dardedze',
      '/api/decisions?q=dardedze',
      '/api/decisions.csv?q=dardedze',
      `/api/decisions/${decisions[3]}`,
      '/api/me/actions.ics',
    ]) {
      expect(await readsOf(member, url), url).toEqual([]);
    }
    const mine = await get(publicMember, '/api/me/actions');
    expect(mine.json().open.length).toBeGreaterThan(0);
    expect(await readsOf(publicMember, '/api/me/actions')).toEqual([]);
  });
});
