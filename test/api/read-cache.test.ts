// The read cache of the hot reads (a sitting with its carry-over, the register, search, actions): a
// write anywhere in the group, through any app instance on the database, is seen at the next read;
// a reading of confidential text is audited from the cache too; no reader is served another's view;
// ETags give 304 until the next write; READ_CACHE=off computes every read afresh and sends no ETag.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataVersion } from '../../server/repositories/data-version.ts';
import { carriedDecisions } from '../../server/services/carry-over.ts';
import type * as CarryOver from '../../server/services/carry-over.ts';
import { ReadCache } from '../../server/services/read-cache.ts';
import { readerFor } from '../../server/services/readers.ts';
import { logIn, testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

vi.mock('../../server/services/carry-over.ts', async (importOriginal) => {
  const original = await importOriginal<typeof CarryOver>();
  return { ...original, carriedDecisions: vi.fn(original.carriedDecisions) };
});

/** How many times a sitting's carry-over list was computed since the last call. */
function carryOverComputations(): number {
  const n = vi.mocked(carriedDecisions).mock.calls.length;
  vi.mocked(carriedDecisions).mockClear();
  return n;
}

interface Sitting {
  id: number;
  version: number;
  place: string;
  agendaItems: Array<{ id: number; version: number; title: string; confidential: boolean }>;
  decisions: Array<{ id: number; number: number; version: number }>;
  carryOver: Array<{ decisionId: number }>;
}

const groupVersion = async (t: TestApp) => dataVersion(t.db, (await t.call({ method: 'GET', url: '/api/group' })).body.id);
const confidentialReads = async (t: TestApp) =>
  (await t.db.selectFrom('audit_log').select('id').where('action', '=', 'read_confidential').execute()).length;

async function importNr7(t: TestApp, confidentialItem3 = false): Promise<Sitting> {
  const doc = nr7();
  if (confidentialItem3) doc.agenda[2]!.confidential = true;
  const { body } = await t.call({ method: 'POST', url: '/api/sittings/import', payload: doc });
  return (await t.call<Sitting>({ method: 'GET', url: `/api/sittings/${body.id}` })).body;
}

describe('a write anywhere in the group is seen at the next read, through either of two app instances', () => {
  let dir: string;
  /** Cached, and the one the writes go through unless told. */
  let a: TestApp;
  /** A second instance on the same database file, with its own cache. */
  let b: TestApp;
  /** A third, with the cache off: what a fresh read gives. */
  let fresh: TestApp;
  let sessionB: Session;
  let sessionFresh: Session;
  let s7: Sitting;
  let s8: Sitting;
  let rancane: number;

  const via = (t: TestApp, session: Session) => (options: InjectOptions) => t.app.inject(withSession(options, session));
  const injectB = (options: InjectOptions) => via(b, sessionB)(options);
  const injectFresh = (options: InjectOptions) => via(fresh, sessionFresh)(options);
  const urls = () => [
    `/api/sittings/${s7.id}`,
    `/api/sittings/${s8.id}`,
    '/api/decisions',
    '/api/decisions?status=open',
    `/api/people/${rancane}/actions`,
    '/api/search?q=Cēsu',
  ];
  type Reads = Record<string, { body: unknown; etag: string | undefined }>;
  async function readAll(inject: (o: InjectOptions) => Promise<LightMyRequestResponse>): Promise<Reads> {
    const reads: Reads = {};
    for (const url of urls()) {
      const res = await inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      reads[url] = { body: res.json(), etag: res.headers.etag as string | undefined };
    }
    return reads;
  }
  const current = async () => (await readAll(injectFresh))[`/api/sittings/${s7.id}`]!.body as Sitting;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'protokols-read-cache-'));
    const databasePath = join(dir, 'protokols.db');
    a = await testApp('admin', { databasePath });
    b = await testApp(null, { databasePath });
    fresh = await testApp(null, { databasePath, readCache: false });
    sessionB = await logIn(b.app, 'admin1');
    sessionFresh = await logIn(fresh.app, 'admin1');
    s7 = await importNr7(a);
    s8 = (await a.call<Sitting>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    expect(s8.carryOver.length).toBeGreaterThan(0);
    const people = (await a.call<Array<{ id: number; fullName: string }>>({ method: 'GET', url: '/api/people' })).body;
    rancane = people.find((p) => p.fullName.includes('Rancāne'))!.id;
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), fresh?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const writes: Array<{ kind: string; changes: (u: ReturnType<typeof urls>) => string[]; write: () => Promise<LightMyRequestResponse> }> = [
    {
      kind: 'a sitting field',
      changes: (u) => [u[1]!],
      write: async () =>
        a.inject({ method: 'PATCH', url: `/api/sittings/${s8.id}`, payload: { version: s8.version, place: 'Cēsis, Raunas iela 4' } }),
    },
    {
      kind: 'attendance',
      changes: (u) => [u[1]!],
      write: async () => {
        const guest = (await a.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Māra Šteina', isMember: false } })).body;
        return a.inject({ method: 'POST', url: `/api/sittings/${s8.id}/attendance`, payload: { personId: guest.id, role: 'invited' } });
      },
    },
    {
      kind: 'an agenda item',
      changes: (u) => [u[0]!, u[5]!],
      write: async () => {
        const item = (await current()).agendaItems[3]!;
        return a.inject({
          method: 'PATCH',
          url: `/api/agenda-items/${item.id}`,
          payload: { version: item.version, title: 'Par atbalstu bērniem' },
        });
      },
    },
    {
      kind: 'a decision',
      changes: (u) => [u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!],
      write: async () => {
        const d = (await current()).decisions[1]!;
        return a.inject({
          method: 'PATCH',
          url: `/api/decisions/${d.id}`,
          payload: { version: d.version, text: 'Sagatavot vēstuli Cēsu ministrijām.' },
        });
      },
    },
    {
      kind: 'a progress note',
      changes: (u) => [u[4]!],
      write: async () => {
        const d = (await current()).decisions[1]!;
        return a.inject({
          method: 'POST',
          url: `/api/decisions/${d.id}/notes`,
          payload: { note: 'Vēstule nosūtīta.', date: '2025-08-20' },
        });
      },
    },
    {
      kind: 'a review',
      changes: (u) => [u[1]!, u[2]!, u[3]!, u[4]!],
      write: async () => {
        const d = (await current()).decisions[1]!;
        return a.inject({
          method: 'POST',
          url: `/api/sittings/${s8.id}/reviews`,
          payload: { decisionId: d.id, status: 'done', note: 'Izpildīts.' },
        });
      },
    },
    {
      kind: 'a person renamed',
      changes: (u) => [u[0]!],
      write: async () => {
        const person = (await a.call({ method: 'GET', url: `/api/people/${rancane}` })).body;
        return a.inject({
          method: 'PATCH',
          url: `/api/people/${rancane}`,
          payload: { version: person.version, fullName: 'Elita Rancāne-Kalniņa' },
        });
      },
    },
    {
      kind: 'the group settings',
      changes: () => [],
      write: async () => {
        const group = (await a.call({ method: 'GET', url: '/api/group' })).body;
        return a.inject({ method: 'PATCH', url: '/api/group', payload: { version: group.version, defaultPlace: 'Cēsis' } });
      },
    },
    {
      kind: 'a signature',
      changes: (u) => [u[0]!],
      write: async () => a.inject({ method: 'POST', url: `/api/sittings/${s7.id}/sign`, payload: { version: (await current()).version } }),
    },
  ];

  for (const { kind, changes, write } of writes) {
    it(`a write of ${kind} invalidates every cached read of the group, and a changed ETag tells the browser`, async () => {
      const before = await readAll(a.inject);
      const beforeB = await readAll(injectB);
      const res = await write();
      expect(res.statusCode, res.body).toBeLessThan(300);
      const [after, afterB, now] = [await readAll(a.inject), await readAll(injectB), await readAll(injectFresh)];
      for (const url of urls()) {
        expect(after[url]!.body, url).toEqual(now[url]!.body);
        expect(afterB[url]!.body, url).toEqual(now[url]!.body);
        expect(after[url]!.etag, url).toMatch(/^W\/"/u);
        expect(after[url]!.etag, url).not.toBe(before[url]!.etag);
        expect(afterB[url]!.etag, url).toBe(after[url]!.etag);
        expect(now[url]!.etag, url).toBeUndefined();
      }
      for (const url of changes(urls())) {
        expect(after[url]!.body, url).not.toEqual(before[url]!.body);
        expect(afterB[url]!.body, url).not.toEqual(beforeB[url]!.body);
      }
    });
  }

  it("a write through the second instance is seen by the first's cache at its next read", async () => {
    const url = `/api/sittings/${s8.id}`;
    const cached = (await a.call<Sitting>({ method: 'GET', url })).body;
    expect((await a.call<Sitting>({ method: 'GET', url })).body).toEqual(cached);
    const res = await injectB({ method: 'PATCH', url, payload: { version: cached.version, place: 'Priekuļi' } });
    expect(res.statusCode).toBe(200);
    expect((await a.call<Sitting>({ method: 'GET', url })).body.place).toBe('Priekuļi');
  });
});

describe('the cache keeps what each reader may see apart, and audits every confidential reading', () => {
  let t: TestApp;
  let s7: Sitting;
  let member: Session;
  let attendingGuest: Session;
  let otherGuest: Session;
  const get = (session: Session, url: string, headers: Record<string, string> = {}) =>
    t.app.inject(withSession({ method: 'GET', url, headers }, session));
  const rancane = async () =>
    (await t.call<Array<{ id: number; fullName: string }>>({ method: 'GET', url: '/api/people' })).body.find((p) =>
      p.fullName.includes('Rancāne'),
    )!.id;

  beforeEach(async () => {
    t = await testApp();
    s7 = await importNr7(t, true);
    const person = async (fullName: string) =>
      (await t.call({ method: 'POST', url: '/api/people', payload: { fullName, isMember: false } })).body.id as number;
    const [came, stayed] = [await person('Māra Šteina'), await person('Ilze Ozola')];
    expect(
      (await t.call({ method: 'POST', url: `/api/sittings/${s7.id}/attendance`, payload: { personId: came, role: 'invited' } })).status,
    ).toBe(201);
    member = await t.loginAs('member');
    attendingGuest = await t.loginAs('guest', came);
    otherGuest = await t.loginAs('guest', stayed);
    carryOverComputations();
  });
  afterEach(async () => t.close());

  it('a repeated read is computed once, and each reading of confidential text from the cache is audited', async () => {
    const url = `/api/sittings/${s7.id}`;
    const audited = await confidentialReads(t);
    const first = await get(member, url);
    const second = await get(member, url);
    expect(carryOverComputations()).toBe(1);
    expect(second.body).toBe(first.body);
    expect(first.body).toContain('Rotary');
    expect(await confidentialReads(t)).toBe(audited + 2);
    const notModified = await get(member, url, { 'if-none-match': first.headers.etag as string });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(await confidentialReads(t)).toBe(audited + 3);
  });

  it('reading confidential text and logging in do not change the data version; a write does', async () => {
    const version = await groupVersion(t);
    await get(member, `/api/sittings/${s7.id}`);
    await get(member, '/api/decisions');
    await get(member, '/api/search?q=Rotary');
    await t.loginAs('member');
    await t.app.inject({ method: 'POST', url: '/api/session', payload: { login: 'nav-tāda', password: 'nepareiza-parole' } });
    expect(await groupVersion(t)).toBe(version);
    await t.call({ method: 'PATCH', url: `/api/sittings/${s7.id}`, payload: { version: s7.version, place: 'Cēsis' } });
    expect(await groupVersion(t)).toBeGreaterThan(version);
  });

  it("a guest's cached view is never served to a member or another guest, nor theirs to a guest", async () => {
    const url = `/api/sittings/${s7.id}`;
    const asMember = await get(member, url);
    const asGuest = await get(attendingGuest, url);
    expect(asMember.body).toContain('Rotary');
    expect(asGuest.statusCode).toBe(200);
    expect(asGuest.body).not.toContain('Rotary');
    expect((await get(otherGuest, url)).statusCode).toBe(404);
    expect((await get(member, url)).body).toBe(asMember.body);
    expect((await get(attendingGuest, url)).body).toBe(asGuest.body);
    expect(asGuest.headers.etag).not.toBe(asMember.headers.etag);
    // A member's ETag does not make a guest's read 304, nor a guest's another's.
    expect((await get(attendingGuest, url, { 'if-none-match': asMember.headers.etag as string })).statusCode).toBe(200);
    expect((await get(otherGuest, url, { 'if-none-match': asGuest.headers.etag as string })).statusCode).toBe(404);

    const search = '/api/search?q=Rotary';
    const memberHits = await get(member, search);
    expect(memberHits.body).toContain('Rotary');
    expect((await get(attendingGuest, search)).body).not.toContain('Rotary');
    expect((await get(otherGuest, search)).json()).toEqual([]);
    expect((await get(member, search)).body).toBe(memberHits.body);
  });

  it("one member's cached actions are not served to another member who may not see them", async () => {
    const owner = await t.loginAs('member', await rancane());
    const url = `/api/people/${await rancane()}/actions`;
    expect((await get(owner, url)).statusCode).toBe(200);
    expect((await get(member, url)).statusCode).toBe(403);
  });

  it('a matching ETag gets 304 until a write, then 200 with a new ETag', async () => {
    const owner = await t.loginAs('member', await rancane());
    const asOwner = (options: InjectOptions) => t.app.inject(withSession(options, owner));
    for (const [inject, url] of [
      [t.inject, `/api/sittings/${s7.id}`],
      [t.inject, '/api/decisions'],
      [t.inject, '/api/search?q=Cēsu'],
      [asOwner, '/api/me/actions'],
    ] as const) {
      const first = await inject({ method: 'GET', url });
      const etag = first.headers.etag as string;
      expect(first.statusCode, url).toBe(200);
      expect(first.headers['cache-control'], url).toBe('private, no-cache');
      expect((await inject({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode, url).toBe(304);
      expect((await inject({ method: 'GET', url, headers: { 'if-none-match': `"other", ${etag}` } })).statusCode, url).toBe(304);
      expect((await inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } })).statusCode, url).toBe(200);
    }
    const url = `/api/sittings/${s7.id}`;
    const etag = (await t.inject({ method: 'GET', url })).headers.etag as string;
    // Compressed or not, the same tag; a 304 has no body to compress.
    const first = await t.inject({ method: 'GET', url });
    const packed = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': '"other"' } });
    expect(packed.headers['content-encoding']).toBe('br');
    expect(packed.headers.etag).toBe(etag);
    expect(JSON.parse(brotliDecompressSync(packed.rawPayload).toString('utf8'))).toEqual(first.json());
    const notModified = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect([notModified.statusCode, notModified.rawPayload.length]).toEqual([304, 0]);
    await t.call({ method: 'PATCH', url, payload: { version: s7.version, place: 'Cēsis' } });
    const after = await t.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.json().place).toBe('Cēsis');
    expect(after.headers.etag).not.toBe(etag);
  });

  it('keeps at most its bound of views, dropping the least recently used', async () => {
    const cache = new ReadCache({ enabled: true, maxEntries: 2 });
    const groupId = (await t.call({ method: 'GET', url: '/api/group' })).body.id;
    const reader = readerFor({ userId: null, personId: null, role: 'admin' });
    let computed = 0;
    const read = (request: string) =>
      cache.read(t.db, groupId, reader, request, async () => {
        computed += 1;
        return { request };
      });
    await read('a');
    await read('b');
    await read('a');
    await read('c');
    expect(cache.size).toBe(2);
    expect(computed).toBe(3);
    await read('a');
    expect(computed).toBe(3);
    await read('b');
    expect(computed).toBe(4);

    const small = new ReadCache({ enabled: true, maxChars: 40 });
    const sized = (request: string, length: number) =>
      small.read(t.db, groupId, reader, request, async () => {
        computed += 1;
        return 'x'.repeat(length);
      });
    computed = 0;
    await sized('a', 15);
    await sized('b', 15);
    await sized('c', 15);
    expect(small.size).toBe(2);
    await sized('too big', 100);
    expect(small.size).toBe(2);
    await sized('b', 15);
    await sized('c', 15);
    expect(computed).toBe(4);
  });
});

describe('READ_CACHE=off', () => {
  it('computes every read afresh and sends no ETag', async () => {
    for (const readCache of [false, true]) {
      const t = await testApp('admin', { readCache });
      try {
        const s7 = await importNr7(t);
        const url = `/api/sittings/${s7.id}`;
        const first = await t.inject({ method: 'GET', url });
        carryOverComputations();
        // A change behind the app's back (it bumps no data version): only a fresh read sees it.
        await sql`update sittings set place = ${'Vidrižu pagasts'} where id = ${s7.id}`.execute(t.db);
        const second = await t.inject({ method: 'GET', url, headers: { 'if-none-match': String(first.headers.etag) } });
        if (readCache) {
          expect(first.headers.etag).toBeDefined();
          expect(second.statusCode).toBe(304);
          expect((await t.inject({ method: 'GET', url })).json().place).toBe(s7.place);
          expect(carryOverComputations()).toBe(0);
        } else {
          expect(first.headers.etag).toBeUndefined();
          expect(second.headers.etag).toBeUndefined();
          expect(second.statusCode).toBe(200);
          expect(second.json().place).toBe('Vidrižu pagasts');
          expect(carryOverComputations()).toBe(1);
        }
      } finally {
        await t.close();
      }
    }
  });
});
