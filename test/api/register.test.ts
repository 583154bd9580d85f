import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, withSession, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let people: Record<string, number>;
beforeEach(async () => {
  t = await testApp();
  await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  const list = (await t.call<Array<{ id: number; fullName: string }>>({ method: 'GET', url: '/api/people' })).body;
  people = Object.fromEntries(list.map((p) => [p.fullName, p.id]));
});
afterEach(async () => t.close());

const register = async (query = '') =>
  (await t.call({ method: 'GET', url: `/api/decisions${query}` })).body as Array<{ id: number; number: number; text: string }>;
const numbers = async (query = '') => (await register(query)).map((d) => d.number).sort();

describe('the decision register', () => {
  it('filters by status, owner, overdue, due range, sitting and text', async () => {
    expect(await numbers()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await numbers(`?owner=${people['Inga Kārkliņa']}`)).toEqual([4, 5]);
    expect(await numbers('?overdue=true')).toEqual([2, 4, 6]);
    expect(await numbers('?followedUp=false')).toEqual([1, 3]);
    expect(await numbers('?dueFrom=2025-07-10&dueTo=2025-12-31')).toEqual([6]);
    expect(await numbers('?sitting=7&status=open')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await numbers('?status=done')).toEqual([]);
  });

  it('text search ignores case and diacritics', async () => {
    expect(await numbers('?q=RANCANEI')).toEqual([2, 4]);
    expect(await numbers('?q=29-70%20euro')).toEqual([]);
    expect(await numbers('?q=dardedze')).toEqual([3]);
    expect(await numbers('?q=karklinai%20rancanei')).toEqual([4]);
    expect(await numbers('?q=100%25')).toEqual([]);
    expect(await numbers('?q=%25')).toEqual([]);
  });

  it('bad filters get 400 naming the field', async () => {
    const res = await t.call({ method: 'GET', url: '/api/decisions?dueFrom=2025-02-30' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('dueFrom');
    expect((await t.call({ method: 'GET', url: '/api/decisions?status=finished' })).body.field).toBe('query.status');
  });

  it('a decision comes with its full history of reviews and notes', async () => {
    const [d5] = (await register('?q=kopīgot%20izveidoto')) as Array<{ id: number }>;
    await t.call({ method: 'POST', url: `/api/decisions/${d5!.id}/notes`, payload: { note: 'Nosūtīts Bāriņtiesai.', date: '2025-07-20' } });
    const s8 = (await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    await t.call({
      method: 'POST',
      url: `/api/sittings/${s8.id}/reviews`,
      payload: { decisionId: d5!.id, status: 'in_progress', due: '2025-10-01' },
    });
    const detail = (await t.call({ method: 'GET', url: `/api/decisions/${d5!.id}` })).body;
    expect(detail).toMatchObject({ currentStatus: 'in_progress', currentDue: '2025-10-01', followedUp: true });
    expect(detail.history.map((h: { kind: string; date: string }) => `${h.kind} ${h.date}`)).toEqual([
      'decision 2025-07-08',
      'note 2025-07-20',
      'review 2025-09-08',
    ]);
    const future = await t.call({ method: 'POST', url: `/api/decisions/${d5!.id}/notes`, payload: { note: 'x', date: '2099-01-01' } });
    expect(future.status).toBe(400);
  });
});

describe('the register by prevention-plan activity', () => {
  /** Nr. 8: decisions 1–5 serve 5.3.1., 5.3., 5.30., 2.1. and none; item 3 (decision 4) is confidential. */
  const importNr8 = async () => {
    const doc = { ...nr7(), number: 8, date: '2025-09-08' };
    doc.agenda[2]!.confidential = true;
    const activities = ['5.3.1', '5.3.', '5.30.', '2.1.'];
    doc.decisions = doc.decisions.slice(0, 5).map((d, i) => (activities[i] === undefined ? d : { ...d, planActivity: activities[i] }));
    expect((await t.call({ method: 'POST', url: '/api/sittings/import', payload: doc })).status).toBe(201);
  };
  const activities = async (query: string) =>
    ((await register(`?sitting=8&${query}`)) as unknown as Array<{ number: number; planActivity: string | null }>)
      .map((d) => `${d.number} ${d.planActivity}`)
      .sort();

  it('an activity finds itself and the activities under it, with or without the trailing dot, but not 5.30.', async () => {
    await importNr8();
    expect(await activities('planActivity=5.3')).toEqual(['1 5.3.1.', '2 5.3.']);
    expect(await activities('planActivity=5.3.')).toEqual(['1 5.3.1.', '2 5.3.']);
    expect(await activities('planActivity=5.3.1')).toEqual(['1 5.3.1.']);
    expect(await activities('planActivity=5')).toEqual(['1 5.3.1.', '2 5.3.', '3 5.30.']);
    expect(await activities('planActivity=2.1&q=Rotary')).toEqual(['4 2.1.']);
    expect(await activities('planActivity=7')).toEqual([]);
    expect(await activities('')).toEqual(['1 5.3.1.', '2 5.3.', '3 5.30.', '4 2.1.', '5 null']);
  });

  it('an activity filter that is not a plan number gets 400 naming the field', async () => {
    for (const bad of ['pasākums%205', '5..3', '%25', '.5']) {
      const res = await t.call({ method: 'GET', url: `/api/decisions?planActivity=${bad}` });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('query.planActivity');
    }
  });

  it('the CSV carries the activity after the deadline, filtered like the register', async () => {
    await importNr8();
    const res = await t.inject({ method: 'GET', url: '/api/decisions.csv?planActivity=5.3' });
    const rows: string[][] = parse(res.rawPayload.toString('utf8'), { delimiter: ';', bom: true });
    expect(rows[0]![5]).toBe('Prevencijas plāna pasākums');
    expect(rows.slice(1).map((r) => [r[0]!.replace(/\u00a0/g, ' '), r[5]])).toEqual([
      ['Nr. 8, 1.', '5.3.1.'],
      ['Nr. 8, 2.', '5.3.'],
    ]);
  });

  it('a member sees a confidential decision’s activity; a guest may not use the register to learn it', async () => {
    await importNr8();
    expect(await activities('planActivity=2.1')).toEqual(['4 2.1.']);
    const guest = await t.loginAs('guest');
    for (const url of ['/api/decisions?planActivity=2.1', '/api/decisions.csv?planActivity=2.1']) {
      const res = await t.app.inject(withSession({ method: 'GET', url }, guest));
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('2.1.');
    }
  });
});

describe('what a person owes', () => {
  it('lists unfinished decisions they own, overdue first, and recently finished ones', async () => {
    const inga = people['Inga Kārkliņa']!;
    const actions = (await t.call({ method: 'GET', url: `/api/people/${inga}/actions` })).body;
    expect(actions.open.map((a: { reference: string; overdue: boolean }) => [a.reference.replace(/\u00a0/g, ' '), a.overdue])).toEqual([
      ['Nr. 7, 4.', true],
      ['Nr. 7, 5.', false],
    ]);
    const d4 = actions.open[0].decisionId;
    const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    await t.call({
      method: 'POST',
      url: `/api/decisions/${d4}/notes`,
      payload: { note: 'Sarunas notika.', status: 'done', date: yesterday },
    });
    const after = (await t.call({ method: 'GET', url: `/api/people/${inga}/actions` })).body;
    expect(after.open).toHaveLength(1);
    expect(after.recentlyFinished.map((a: { decisionId: number; status: string }) => [a.decisionId, a.status])).toEqual([[d4, 'done']]);
    expect((await t.call({ method: 'GET', url: '/api/people/999/actions' })).status).toBe(404);
  });

  it('names each action’s decision number and its other owners, leaving out the person herself', async () => {
    const inga = people['Inga Kārkliņa']!;
    const actions = (await t.call({ method: 'GET', url: `/api/people/${inga}/actions` })).body;
    const shown = actions.open.map((a: { number: number; owners: string[]; coOwners: string[] }) => [a.number, a.owners, a.coOwners]);
    expect(shown.length).toBeGreaterThan(0);
    for (const [number, owners, coOwners] of shown) {
      expect(number).toBeGreaterThan(0);
      expect(owners.some((o: string) => o.includes('Kārkliņa'))).toBe(true);
      expect(coOwners).toEqual(owners.filter((o: string) => !o.includes('Kārkliņa')));
    }
  });

  it('the calendar feed is valid iCalendar behind a secret token that can be rotated', async () => {
    const elita = people['Elita Rancāne']!;
    expect((await t.inject({ method: 'GET', url: `/api/people/${elita}/actions.ics?token=guess` })).statusCode).toBe(404);
    const { url } = (await t.call({ method: 'POST', url: `/api/people/${elita}/calendar-token` })).body;
    const path = new URL(url).pathname + new URL(url).search;
    const res = await t.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toMatch(/\r\n/);
    expect(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const [first, second] = events;
    expect(first!.startDate.toString()).toBe('2025-07-09');
    expect(first!.startDate.isDate).toBe(true);
    expect(first!.summary.replace(/\u00a0/g, ' ')).toContain('Nr. 7, 2.');
    expect(second!.description).toContain('I.Kārkliņai un E.Rancānei 09.07.2025. plkst. 17.00 piedalīties sarunās');
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);

    await t.call({ method: 'POST', url: `/api/people/${elita}/calendar-token` });
    expect((await t.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });

  it('the register CSV opens in Latvian Excel and round-trips through a CSV parser', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/decisions.csv' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows: string[][] = parse(res.rawPayload.toString('utf8'), { delimiter: ';', bom: true });
    expect(rows[0]).toEqual([
      'Lēmums',
      'Sēdes datums',
      'Lēmuma teksts',
      'Atbildīgie',
      'Termiņš',
      'Prevencijas plāna pasākums',
      'Statuss',
      'Nokavēts',
    ]);
    const texts = nr7().decisions.map((d) => d.text);
    expect(
      rows
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual([...texts].sort());
    const row4 = rows.find((r) => r[2]?.startsWith('I.Kārkliņai un E.Rancānei'));
    expect(row4).toEqual([
      expect.stringContaining('7, 4.'),
      '08.07.2025.',
      texts[3],
      'I.Kārkliņa, E.Rancāne',
      '09.07.2025.',
      '',
      'nav uzsākts',
      'jā',
    ]);
  });
});

describe('search across all minutes', () => {
  it('finds titles, proceedings, decisions and owners, ignoring case and diacritics', async () => {
    const hits = (await t.call({ method: 'GET', url: '/api/search?q=ranca' })).body as Array<{
      kind: string;
      position: number;
      sittingNumber: number;
    }>;
    expect(hits.map((h) => `${h.kind} ${h.position}`)).toEqual(['agendaItem 2', 'decision 2', 'decision 4']);
    const title = (await t.call({ method: 'GET', url: '/api/search?q=ROTARY%20kluba' })).body as Array<{
      kind: string;
      title: string | null;
    }>;
    expect(title[0]).toMatchObject({ kind: 'agendaItem', title: 'Par Cēsu klīnikas un Cēsu Rotary kluba sadarbību' });
    expect((await t.call({ method: 'GET', url: '/api/search?q=nekas%20tads' })).body).toEqual([]);
    expect((await t.call({ method: 'GET', url: '/api/search?q=x' })).status).toBe(400);
  });

  it('an edit is found at once, and a guest finds nothing confidential nor outside their sittings', async () => {
    const s = (await t.call({ method: 'GET', url: '/api/sittings' })).body[0];
    const detail = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    const item = detail.agendaItems[2];
    await t.call({
      method: 'PATCH',
      url: `/api/agenda-items/${item.id}`,
      payload: { version: item.version, proceedings: 'Īpašs vārds: zīļuks.', confidential: true },
    });
    expect((await t.call({ method: 'GET', url: '/api/search?q=ZILUKS' })).body).toHaveLength(1);

    const guestPerson = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Viesis Speciālists' } })).body;
    await t.call({ method: 'POST', url: `/api/sittings/${s.id}/attendance`, payload: { personId: guestPerson.id, role: 'invited' } });
    const guest = await t.loginAs('guest', guestPerson.id);
    const asGuest = async (q: string) => (await t.app.inject(withSession({ method: 'GET', url: `/api/search?q=${q}` }, guest))).json();
    expect(await asGuest('ziluks')).toEqual([]);
    expect(await asGuest('rotary')).toEqual([]);
    expect((await asGuest('dardedze')).length).toBeGreaterThan(0);
  });
});
