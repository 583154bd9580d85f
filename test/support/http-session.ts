// A logged-in client of a real server process: fetch with the session cookie and CSRF token.
import { openDatabase } from '../../server/db/open.ts';
import type { Role } from '../../server/db/database.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { createUser } from '../../server/services/accounts.ts';
import { TEST_PASSWORD, testHasher } from './app.ts';

/** Adds an account straight to a database file, before the server starts (cheaply hashed: the server upgrades it at the first login). */
export async function seedUser(databasePath: string, login: string, role: Role): Promise<void> {
  const db = await openDatabase(databasePath);
  try {
    await createUser(db, (await ensureGroup(db)).id, { login, password: TEST_PASSWORD, role }, testHasher());
  } finally {
    await db.destroy();
  }
}

export interface HttpClient {
  json: (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function httpLogin(base: string, login: string): Promise<HttpClient> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: TEST_PASSWORD }),
  });
  if (res.status !== 204) throw new Error(`login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return {
    json: async (path, init = {}) => {
      const r = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: { cookie, 'x-csrf-token': me.csrfToken, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() };
    },
  };
}
