// Writes that arrive together, on the engine the suite runs on (TEST_DB): every "highest number + 1"
// is taken under a lock, so parallel requests get distinct consecutive numbers, or a 409, never a 500;
// on PostgreSQL a connection killed under the server costs at most the request that held it.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/postgres.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { onPostgres, openTestDatabase } from '../support/test-database.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const PARALLEL = 20;
const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

async function newDraft(): Promise<{ id: number }> {
  const res = await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } });
  expect(res.status).toBe(201);
  return res.body;
}

describe('numbers taken in parallel', () => {
  it(`${PARALLEL} parallel new sittings get distinct consecutive numbers or 409, never 500`, async () => {
    const replies = await times(PARALLEL, () => t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } }));
    expect(replies.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    const numbers = replies
      .filter((r) => r.status === 201)
      .map((r) => r.body.number as number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(numbers.length).toBeGreaterThan(0);
  });

  it('two sittings asking for the same number at once: one gets it, the other 409 with a Latvian message', async () => {
    const replies = await times(6, () => t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08', number: 42 } }));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(replies.find((r) => r.status === 409)?.body.message).toMatch(/Nr\. 42 jau ir/u);
  });

  it(`${PARALLEL} parallel agenda items get positions 1..${PARALLEL}`, async () => {
    const { id } = await newDraft();
    const replies = await times(PARALLEL, (i) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: `Jautājums ${i}` } }),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(PARALLEL).fill(201));
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    const positions = sitting.agendaItems.map((a: { position: number }) => a.position).sort((a: number, b: number) => a - b);
    // The carry-over item a new sitting may hold counts too: positions are 1..n without a gap or a twin.
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    expect(positions.length).toBeGreaterThanOrEqual(PARALLEL);
  });

  it(`${PARALLEL} parallel decisions get numbers 1..${PARALLEL}`, async () => {
    const { id } = await newDraft();
    const replies = await times(PARALLEL, (i) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: `Lēmums ${i}` } }),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(PARALLEL).fill(201));
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    expect(sitting.decisions.map((d: { number: number }) => d.number).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: PARALLEL }, (_, i) => i + 1),
    );
  });

  it(`${PARALLEL} parallel invited specialists get distinct places in the attendance list`, async () => {
    const { id } = await newDraft();
    const replies = await times(PARALLEL, (i) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/attendance`, payload: { name: `Speciālists Nr${i}`, role: 'invited' } }),
    );
    expect(replies.filter((r) => r.status !== 201)).toEqual([]);
    const ordinals = await t.db.selectFrom('attendance').select('ordinal').where('sitting_id', '=', id).orderBy('ordinal').execute();
    expect(ordinals.map((o) => o.ordinal)).toEqual(Array.from({ length: ordinals.length }, (_, i) => i + 1));
  });
});

describe('a fresh database', () => {
  it('instances starting together make one first group, not one each', async () => {
    const db = await openTestDatabase();
    try {
      const groups = await times(PARALLEL, () => ensureGroup(db));
      expect(new Set(groups.map((g) => g.id)).size).toBe(1);
      expect(await db.selectFrom('groups').select('id').execute()).toHaveLength(1);
    } finally {
      await db.destroy();
    }
  });
});

describe.runIf(onPostgres)('a lost PostgreSQL connection', () => {
  /** Ends the server's connections to its database from outside, as a restart or an administrator would. */
  async function killConnections(): Promise<number> {
    const { rows: me } = await sql<{ db: string }>`select current_database() as db`.execute(t.db);
    const admin = openPostgres(`${process.env.TEST_POSTGRES_SERVER}/postgres`, { max: 1 });
    try {
      const { rows } = await sql<{ killed: boolean }>`
        select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = ${me[0]!.db} and pid <> pg_backend_pid()`.execute(
        admin,
      );
      return rows.length;
    } finally {
      await admin.destroy();
    }
  }

  it('idle connections killed under the server: the next requests are served on new ones', async () => {
    const { id } = await newDraft();
    await times(5, () => t.call({ method: 'GET', url: `/api/sittings/${id}` }));
    expect(await killConnections()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const replies = await times(5, (i) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: `Pēc ${i}` } }),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(5).fill(201));
  });

  it('connections killed while writes are under way cost at most those requests, and the server keeps serving', async () => {
    const { id } = await newDraft();
    const writes = times(PARALLEL, (i) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: `Laikā ${i}` } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await killConnections();
    const replies = await writes;
    // A write whose connection went before its commit ran again; one lost during the commit is 503.
    expect(replies.filter((r) => r.status !== 201 && r.status !== 503)).toEqual([]);
    expect(replies.filter((r) => r.status === 503).length).toBeLessThanOrEqual(1);
    const after = await t.call({ method: 'GET', url: `/api/sittings/${id}` });
    expect(after.status).toBe(200);
    const positions = after.body.agendaItems.map((a: { position: number }) => a.position).sort((a: number, b: number) => a - b);
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    expect(after.body.agendaItems.filter((a: { title: string }) => a.title.startsWith('Laikā')).length).toBe(
      replies.filter((r) => r.status === 201).length,
    );
  });
});
