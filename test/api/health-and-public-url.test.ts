// GET /health for load balancers, and PUBLIC_URL as the base of every absolute link the app gives out.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { onPostgres } from '../support/test-database.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The app over a database file in a temporary folder, told that file is its database (on PostgreSQL there is no file). */
async function overFile(): Promise<{ t: TestApp; file: string }> {
  dir = mkdtempSync(path.join(tmpdir(), 'protokols-health-'));
  const file = path.join(dir, 'protokols.db');
  t = await testApp(null, { databasePath: file, databaseFile: onPostgres ? null : file });
  return { t, file };
}

describe('GET /health', () => {
  it('answers 200 {"status":"ok"} without a login, uncached, when the database answers and every migration has run', async () => {
    const { t } = await overFile();
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it.skipIf(onPostgres)(
    'answers 503 once the database file is moved away from its configured path, though SQLite still reads it',
    async () => {
      const { t, file } = await overFile();
      renameSync(file, `${file}.moved`);
      // The open descriptor still answers: only the path shows that a restart would find nothing.
      expect((await sql<{ one: number }>`select 1 as one`.execute(t.db)).rows).toEqual([{ one: 1 }]);
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable' });
      expect(res.headers['cache-control']).toBe('no-store');
      renameSync(`${file}.moved`, file);
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    },
  );

  it('answers 503 when a migration the app knows has not run on the database', async () => {
    const { t } = await overFile();
    const last = Object.keys(migrations).at(-1)!;
    // On PostgreSQL the app's role may not touch the migration table: the owner (the URL's user) does it.
    await t.db.transaction().execute(async (trx) => {
      if (onPostgres) await sql`set local role none`.execute(trx);
      await sql`delete from kysely_migration where name = ${last}`.execute(trx);
    });
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
  });

  it('answers 503 when the database does not answer', async () => {
    t = await testApp(null);
    await t.db.destroy();
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    t = undefined;
  });

  it.skipIf(onPostgres)(
    'stays out of the request log at info, which a probe every few seconds would flood, and logs a warning when the file is gone (SQLite)',
    async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'protokols-health-'));
      const file = path.join(dir, 'protokols.db');
      const lines: string[] = [];
      t = await testApp(null, {
        databasePath: file,
        databaseFile: file,
        logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
      });
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect(lines.filter((line) => line.includes('/health'))).toEqual([]);
      await t.app.inject({ method: 'GET', url: '/api/me' });
      expect(lines.some((line) => line.includes('/api/me'))).toBe(true);
      renameSync(file, `${file}.moved`);
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
      expect(lines.map((line) => JSON.parse(line) as { level: number; msg: string })).toContainEqual(
        expect.objectContaining({ level: 40, msg: 'health: the database is not ready' }),
      );
    },
  );

  it('is not under /api and not a route that needs a login', async () => {
    t = await testApp(null);
    expect(t.app.apiRoutes.some((route) => route.url.includes('health'))).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(404);
  });
});

describe('links the app gives out', () => {
  const calendarLink = async (t: TestApp, headers: Record<string, string> = {}) => {
    const person = await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Inga Kārkliņa', isMember: true } });
    const res = await t.inject({ method: 'POST', url: `/api/people/${person.body.id}/calendar-token`, headers });
    expect(res.statusCode).toBe(201);
    return new URL(res.json().url as string);
  };

  it('a calendar link starts with PUBLIC_URL when it is set, whatever host the request named', async () => {
    t = await testApp('secretary', { publicUrl: 'https://protokols.cesis.lv' });
    const link = await calendarLink(t, { host: '10.0.0.5:3000' });
    expect(link.href).toMatch(/^https:\/\/protokols\.cesis\.lv\/api\/people\/\d+\/actions\.ics\?token=/u);
  });

  it('PUBLIC_URL with a path keeps the path in front of the link', async () => {
    t = await testApp('secretary', { publicUrl: 'https://cesis.lv/protokols' });
    expect((await calendarLink(t)).href).toMatch(/^https:\/\/cesis\.lv\/protokols\/api\/people\/\d+\/actions\.ics\?/u);
  });

  it('without PUBLIC_URL the link takes the forwarded protocol and host of a trusted proxy, and the request’s own otherwise', async () => {
    t = await testApp('secretary', { trustProxy: true });
    const proxied = await calendarLink(t, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'protokols.valka.lv' });
    expect(proxied.origin).toBe('https://protokols.valka.lv');
    await t.close();
    t = await testApp('secretary');
    const direct = await calendarLink(t, { host: 'localhost:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(direct.origin).toBe('http://localhost:3000');
  });

  it('the calendar feed names its events after the PUBLIC_URL host, not the host the request named', async () => {
    t = await testApp('secretary', { publicUrl: 'https://protokols.cesis.lv' });
    expect((await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).status).toBe(201);
    const people = (await t.call<Array<{ id: number }>>({ method: 'GET', url: '/api/people' })).body;
    const uids: string[] = [];
    for (const person of people) {
      const link = await t.call({ method: 'POST', url: `/api/people/${person.id}/calendar-token`, headers: { host: 'internal:3000' } });
      const url = new URL(link.body.url as string);
      const feed = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { host: 'internal:3000' } });
      expect(feed.statusCode).toBe(200);
      uids.push(...(feed.body.match(/^UID:.*$/gmu) ?? []));
    }
    expect(uids.length).toBeGreaterThan(0);
    for (const uid of uids) expect(uid).toMatch(/@protokols\.cesis\.lv\r?$/u);
  });
});
