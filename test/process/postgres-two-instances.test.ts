// Two app processes on one PostgreSQL database, as behind a proxy: sessions, numbering and writes live
// in the database, so a mixed load through both loses or duplicates nothing, answers no 5xx, and a
// session made on one is valid on the other. Runs with TEST_DB=postgres.
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { seedUser } from '../support/http-session.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { onPostgres, postgresTestDatabase } from '../support/test-database.ts';

const servers: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

interface Session {
  cookie: string;
  csrf: string;
}

async function logIn(base: string, login: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(204);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the replies are read as the API documents them
async function call(base: string, session: Session, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
}

describe.runIf(onPostgres)('two app instances on one PostgreSQL database', () => {
  it('a mixed load through both: no lost or duplicated write, no 5xx, and a session from one is valid on the other', async () => {
    const url = await postgresTestDatabase();
    await seedUser(url, 'sekretare', 'secretary');
    servers.push(...(await Promise.all([startServer(url), startServer(url)])));
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const session = await logIn(a, 'sekretare');
    expect((await call(b, session, '/api/me')).status).toBe(200);

    const sittings = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(i % 2 === 0 ? a : b, session, '/api/sittings', { date: '2025-09-08' })),
    );
    expect(sittings.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(sittings.map((r) => r.body.number as number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const id = sittings[0]!.body.id as number;
    const load = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const base = i % 2 === 0 ? a : b;
        return i % 4 < 2
          ? call(base, session, `/api/sittings/${id}/agenda-items`, { title: `Jautājums ${i}` })
          : call(base, session, `/api/sittings/${id}`);
      }),
    );
    expect(load.filter((r) => r.status >= 500)).toEqual([]);
    const written = load.filter((r) => r.status === 201).map((r) => r.body.title as string);
    expect(written).toHaveLength(20);

    for (const base of [a, b]) {
      const sitting = (await call(base, session, `/api/sittings/${id}`)).body;
      const titles = sitting.agendaItems.map((x: { title: string }) => x.title).filter((t: string) => t.startsWith('Jautājums'));
      expect(titles.sort()).toEqual([...written].sort());
      const positions = sitting.agendaItems.map((x: { position: number }) => x.position).sort((x: number, y: number) => x - y);
      expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    }
  });
});
