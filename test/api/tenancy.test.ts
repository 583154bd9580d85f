// Two groups on one host: nothing of group B reaches or changes through group A's accounts, the
// host admin manages groups without reading their minutes, and a login held in two groups needs
// its group's slug.
import type { InjectOptions } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts.ts';
import { logIn, snapshot, TEST_PASSWORD, testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

/** Strings only group B's records hold: none may appear in an answer to group A. */
const B_MARKERS = ['zzbeta', 'rancāne', 'norbuts'];
const PDF = Buffer.from(await (await PDFDocument.create()).save());

let t: TestApp;
let host: Session;
let bAdmin: Session;
let groupB: number;
let aSittingId: number;

type Kind = 'sitting' | 'item' | 'decision' | 'attendance' | 'review' | 'person' | 'user';
/** Group B's records by kind, each with its current version. */
const bRecords = new Map<Kind, Array<{ id: number; version: number }>>();

const asB = async (options: InjectOptions) => {
  const res = await t.app.inject(withSession(options, bAdmin));
  return { status: res.statusCode, body: res.body === '' ? undefined : res.json() };
};

/** Every row that is group B's, by table: its own, and those hanging off its sittings, decisions, people and accounts. */
async function groupBRows(): Promise<Record<string, unknown[]>> {
  const all = await snapshot(t.db);
  const ids = (table: string) =>
    new Set((all[table] ?? []).filter((r) => (r as { group_id?: number }).group_id === groupB).map((r) => (r as { id: number }).id));
  const sittings = ids('sittings');
  const people = ids('people');
  const users = ids('users');
  const decisions = new Set(
    (all.decisions ?? []).filter((r) => sittings.has((r as { sitting_id: number }).sitting_id)).map((r) => (r as { id: number }).id),
  );
  const items = new Set(
    (all.agenda_items ?? []).filter((r) => sittings.has((r as { sitting_id: number }).sitting_id)).map((r) => (r as { id: number }).id),
  );
  const ofB = (table: string, row: Record<string, unknown>) =>
    (table === 'groups' && row.id === groupB) ||
    row.group_id === groupB ||
    sittings.has(row.sitting_id as number) ||
    decisions.has(row.decision_id as number) ||
    items.has(row.agenda_item_id as number) ||
    people.has(row.person_id as number) ||
    users.has(row.user_id as number);
  // A's own writes change A's data version, sessions and audit trail, never B's rows.
  return Object.fromEntries(
    Object.entries(all).map(([table, rows]) => [table, rows.filter((r) => ofB(table, r as Record<string, unknown>))]),
  );
}

/** The kind of record a route's `:id` names, read from its path. */
function kindOf(url: string): Kind | null {
  const kinds: Array<[RegExp, Kind]> = [
    [/^\/api\/sittings\/:id/u, 'sitting'],
    [/^\/api\/agenda-items\/:id/u, 'item'],
    [/^\/api\/decisions\/:id/u, 'decision'],
    [/^\/api\/attendance\/:id/u, 'attendance'],
    [/^\/api\/reviews\/:id/u, 'review'],
    [/^\/api\/people\/:id/u, 'person'],
    [/^\/api\/users\/:id/u, 'user'],
  ];
  return kinds.find(([pattern]) => pattern.test(url))?.[1] ?? null;
}

/** A request that would succeed on a record of the caller's own group, aimed at `id` with its `version`. */
function requestFor(method: string, url: string, id: number, version: number): InjectOptions {
  const path = url.replace(':id', String(id)).replace(':n', '1').replace(':token', 'a'.repeat(43));
  const key = `${method} ${url}`;
  const bodies: Record<string, unknown> = {
    'PATCH /api/users/:id': { version, role: 'chair', active: false },
    'POST /api/users/:id/password-reset': { version },
    'PATCH /api/people/:id': { version, position: 'Zzalpha amats' },
    'PATCH /api/sittings/:id': { version, place: 'Zzalpha vieta' },
    'POST /api/sittings/:id/attendance': { name: 'Zzalpha Viesis', role: 'invited' },
    'PATCH /api/attendance/:id': { version, role: 'absent', reason: 'slims' },
    'POST /api/sittings/:id/agenda-items': { title: 'Zzalpha punkts' },
    'PATCH /api/agenda-items/:id': { version, proceedings: 'Zzalpha teksts.' },
    'POST /api/agenda-items/:id/move': { version, to: 1 },
    'POST /api/sittings/:id/decisions': { text: 'Zzalpha lēmums.' },
    'PATCH /api/decisions/:id': { version, text: 'Zzalpha labots.' },
    'POST /api/decisions/:id/move': { version, to: 1 },
    'POST /api/sittings/:id/decisions/renumber': { version },
    'POST /api/sittings/:id/reviews': { decisionId: bRecords.get('decision')![0]!.id, status: 'done' },
    'PATCH /api/reviews/:id': { version, status: 'in_progress' },
    'POST /api/sittings/:id/sign': { version },
    'POST /api/sittings/:id/amend': { version, reason: 'Zzalpha iemesls.' },
    'POST /api/decisions/:id/notes': { note: 'Zzalpha piezīme.' },
  };
  if (key === 'POST /api/sittings/:id/signed-copy')
    return { method, url: `${path}?fileName=kopija.pdf`, payload: PDF, headers: { 'content-type': 'application/pdf' } };
  if (method === 'DELETE') return { method, url: `${path}?version=${version}` };
  if (key === 'GET /api/people/:id/actions.ics') return { method, url: `${path}?token=nav-derigs` };
  return bodies[key] === undefined
    ? { method: method as InjectOptions['method'], url: path }
    : { method, url: path, payload: bodies[key] as Record<string, unknown> };
}

beforeAll(async () => {
  t = await testApp('admin');
  aSittingId = (await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-03-01', number: 1 } })).body.id;

  host = await t.loginAs('host_admin');
  const created = await t.app.inject(
    withSession(
      { method: 'POST', url: '/api/groups', payload: { name: 'Zzbeta novada sadarbības grupa', municipality: 'Zzbeta novads' } },
      host,
    ),
  );
  expect(created.statusCode).toBe(201);
  groupB = created.json().id;
  await createUser(t.db, groupB, { login: 'zzbeta-admin', password: TEST_PASSWORD, role: 'admin' }, t.app.passwords);
  bAdmin = await logIn(t.app, 'zzbeta-admin');

  // B's history: a signed sitting from the reference document, and a draft that follows its decisions up.
  const signed = await asB({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), signed: true } });
  expect(signed.status).toBe(201);
  const draft = (await asB({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08', place: 'Zzbeta zāle' } })).body;
  await asB({ method: 'POST', url: `/api/sittings/${draft.id}/attendance`, payload: { name: 'Zzbeta Viesis', role: 'invited' } });
  await asB({ method: 'POST', url: `/api/sittings/${draft.id}/agenda-items`, payload: { title: 'Zzbeta punkts' } });
  await asB({ method: 'POST', url: `/api/sittings/${draft.id}/decisions`, payload: { text: 'Zzbeta lēmums.' } });
  const carried = (await asB({ method: 'GET', url: `/api/sittings/${draft.id}` })).body.carryOver[0].decisionId as number;
  expect(
    (await asB({ method: 'POST', url: `/api/sittings/${draft.id}/reviews`, payload: { decisionId: carried, status: 'done' } })).status,
  ).toBe(201);
  await asB({ method: 'POST', url: `/api/decisions/${carried}/notes`, payload: { note: 'Zzbeta piezīme.' } });
  await asB({ method: 'POST', url: '/api/users', payload: { login: 'zzbeta-lietotajs', role: 'member' } });

  const rows = await groupBRows();
  const pick = (table: string) => (rows[table] ?? []).map((r) => r as { id: number; version: number });
  bRecords.set('sitting', pick('sittings'));
  bRecords.set('item', pick('agenda_items'));
  bRecords.set('decision', pick('decisions'));
  bRecords.set('attendance', pick('attendance'));
  bRecords.set('review', pick('decision_reviews'));
  bRecords.set('person', pick('people'));
  bRecords.set('user', pick('users'));
  for (const [kind, records] of bRecords) expect(records.length, kind).toBeGreaterThan(0);
});

afterAll(async () => t?.close());

const leaks = (body: string) => B_MARKERS.filter((marker) => body.toLowerCase().includes(marker));

describe("group A's admin and group B's records", () => {
  it("every route, aimed at each of group B's records of its kind, answers 4xx, shows nothing of B and changes none of B's rows", async () => {
    const before = await groupBRows();
    // They end or replace the caller's own session (accounts.test.ts covers them).
    const own = new Set(['POST /api/session', 'DELETE /api/session', 'POST /api/me/password']);
    let tried = 0;
    for (const route of t.app.apiRoutes) {
      if (own.has(`${route.method} ${route.url}`)) continue;
      const kind = kindOf(route.url);
      const targets = kind === null ? [{ id: 0, version: 1 }] : (bRecords.get(kind) ?? []);
      for (const target of targets) {
        const res = await t.inject(requestFor(route.method, route.url, target.id, target.version));
        const name = `${route.method} ${route.url} with ${kind ?? 'no'} id ${target.id}: ${res.statusCode}`;
        expect(leaks(res.body), name).toEqual([]);
        if (kind !== null) expect(res.statusCode, `${name} ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(await groupBRows()).toEqual(before);
  });

  it("records of group B named in a body are refused: a review of B's decision, an account or owner linked to B's person, a decision under B's agenda item", async () => {
    const before = await groupBRows();
    const bDecision = bRecords.get('decision')![0]!.id;
    const bPerson = bRecords.get('person')![0]!.id;
    const review = await t.call({
      method: 'POST',
      url: `/api/sittings/${aSittingId}/reviews`,
      payload: { decisionId: bDecision, status: 'done' },
    });
    expect(review.status).toBeGreaterThanOrEqual(400);
    const account = await t.call({
      method: 'POST',
      url: '/api/users',
      payload: { login: 'sasaistits', role: 'member', personId: bPerson },
    });
    expect(account.status).toBe(400);
    const owned = await t.call({
      method: 'POST',
      url: `/api/sittings/${aSittingId}/decisions`,
      payload: { text: 'Zzalpha lēmums.', owners: [{ personId: bPerson }] },
    });
    expect(owned.status).toBe(400);
    const underBItem = await t.call({
      method: 'POST',
      url: `/api/sittings/${aSittingId}/decisions`,
      payload: { text: 'Zzalpha lēmums.', agendaItemId: bRecords.get('item')![0]!.id },
    });
    expect(underBItem.status).toBe(400);
    for (const res of [review, account, owned, underBItem]) expect(leaks(JSON.stringify(res.body))).toEqual([]);
    expect(await groupBRows()).toEqual(before);
  });

  it("lists only the group's own sittings, people and accounts", async () => {
    const sittings = (await t.call<Array<{ id: number }>>({ method: 'GET', url: '/api/sittings' })).body;
    expect(sittings.map((s) => s.id)).toEqual([aSittingId]);
    for (const url of [
      '/api/sittings',
      '/api/people',
      '/api/users',
      '/api/decisions',
      '/api/search?q=zzbeta',
      '/api/audit',
      '/api/group',
    ]) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(leaks(res.body), url).toEqual([]);
    }
  });

  it("group B's admin sees B's sittings and settings, not A's", async () => {
    const sittings = (await asB({ method: 'GET', url: '/api/sittings' })).body as Array<{ id: number }>;
    expect(sittings.map((s) => s.id).sort()).toEqual(
      bRecords
        .get('sitting')!
        .map((s) => s.id)
        .sort(),
    );
    expect((await asB({ method: 'GET', url: '/api/group' })).body).toMatchObject({ id: groupB, name: 'Zzbeta novada sadarbības grupa' });
  });
});

describe('the host admin', () => {
  it('lists the groups with how many sittings, people and accounts each holds', async () => {
    const res = await t.app.inject(withSession({ method: 'GET', url: '/api/groups' }, host));
    expect(res.statusCode).toBe(200);
    const b = res.json().find((g: { id: number }) => g.id === groupB);
    expect(b).toMatchObject({
      slug: 'zzbeta-novada-sadarbibas-grupa',
      municipality: 'Zzbeta novads',
      sittings: bRecords.get('sitting')!.length,
      people: bRecords.get('person')!.length,
      users: 2,
    });
  });

  it("is refused every route of a group's minutes, people, decisions and accounts", async () => {
    const sittingId = bRecords.get('sitting')![0]!.id;
    for (const url of [
      '/api/sittings',
      `/api/sittings/${sittingId}`,
      '/api/people',
      '/api/decisions',
      '/api/users',
      '/api/audit',
      '/api/search?q=ranca',
    ]) {
      const res = await t.app.inject(withSession({ method: 'GET', url }, host));
      expect(res.statusCode, url).toBe(403);
    }
  });
});

describe('a login held in two groups', () => {
  it('logs in only as login@slug; a login unique on the host logs in as it is', async () => {
    await createUser(t.db, t.groupId, { login: 'janis', password: TEST_PASSWORD, role: 'member' }, t.app.passwords);
    await createUser(t.db, groupB, { login: 'janis', password: 'cita-parole-12345', role: 'member' }, t.app.passwords);
    const plain = await t.app.inject({ method: 'POST', url: '/api/session', payload: { login: 'janis', password: TEST_PASSWORD } });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().message).toContain('lietotājvārds@grupa');

    const slugOf = async (session: Session) => (await t.app.inject(withSession({ method: 'GET', url: '/api/group' }, session))).json().slug;
    const inB = await logIn(t.app, `janis@${await slugOf(bAdmin)}`, 'cita-parole-12345');
    expect((await t.app.inject(withSession({ method: 'GET', url: '/api/group' }, inB))).json().id).toBe(groupB);
    const aSlug = (await t.call({ method: 'GET', url: '/api/group' })).body.slug as string;
    const inA = await logIn(t.app, `janis@${aSlug}`);
    expect((await t.app.inject(withSession({ method: 'GET', url: '/api/group' }, inA))).json().id).toBe(t.groupId);
    // B's password does not open A's account.
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: `janis@${aSlug}`, password: 'cita-parole-12345' },
    });
    expect(wrong.statusCode).toBe(400);

    expect((await logIn(t.app, 'zzbeta-admin')).cookie).not.toBe('');
  });

  it('a group may hold a login another group holds, but not twice', async () => {
    const again = await t.app.inject(
      withSession({ method: 'POST', url: '/api/users', payload: { login: 'zzbeta-lietotajs', role: 'member' } }, bAdmin),
    );
    expect(again.statusCode).toBe(409);
    const inA = await t.call({ method: 'POST', url: '/api/users', payload: { login: 'zzbeta-lietotajs', role: 'member' } });
    expect(inA.status).toBe(201);
  });

  it('counts failures against one account alike, typed as login or as login@slug', async () => {
    const slug = (await asB({ method: 'GET', url: '/api/group' })).body.slug as string;
    const attempt = (login: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '198.51.100.7',
        payload: { login, password: 'nepareiza-parole' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('zzbeta-admin')).statusCode).toBe(400);
    expect((await attempt(`zzbeta-admin@${slug}`)).statusCode).toBe(429);
  });
});
