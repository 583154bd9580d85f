// Builds the app over a private in-memory database, as each API test needs it.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** inject() that parses the JSON reply. */
  call: <T = any>(options: InjectOptions) => Promise<{ status: number; body: T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close: () => Promise<void>;
}

export async function testApp(): Promise<TestApp> {
  const db = openSqlite(':memory:');
  await migrateToLatest(db);
  const app = await buildApp({ db });
  await app.ready();
  return {
    app,
    db,
    call: async <T>(options: InjectOptions) => {
      const res = await app.inject(options);
      return { status: res.statusCode, body: (res.body === '' ? undefined : res.json()) as T };
    },
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

const TABLES = ['groups', 'people', 'sittings', 'attendance', 'agenda_items', 'decisions', 'decision_owners', 'decision_reviews'] as const;

/** Every table's full contents: a write that was refused must leave this unchanged. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(TABLES.map(async (t) => [t, await db.selectFrom(t).selectAll().orderBy('id').execute()] as const));
  return Object.fromEntries(entries);
}

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const s = await snapshot(db);
  return Object.fromEntries(Object.entries(s).map(([t, rows]) => [t, rows.length]));
}
