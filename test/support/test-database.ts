// The database a test uses: SQLite (in memory or a file) by default, or with `TEST_DB=postgres` a
// fresh PostgreSQL database cloned from the migrated template of test/support/postgres-cluster.ts.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { openSqlite } from '../../server/db/sqlite.ts';

export const onPostgres = process.env.TEST_DB === 'postgres';
export const engine = onPostgres ? 'postgres' : 'sqlite';

const TEMPLATE = 'protokols_template';

function server(): string {
  const url = process.env.TEST_POSTGRES_SERVER;
  if (url === undefined) throw new Error('TEST_DB=postgres needs the global setup test/support/postgres-cluster.ts (vitest.config.ts)');
  return url;
}

/** The superuser's connection to the cluster's maintenance database (creating and dropping databases). */
let admin: Db | undefined;
function adminDb(): Db {
  return (admin ??= openPostgres(`${server()}/postgres`, { max: 2 }));
}

/**
 * A new, migrated PostgreSQL database's URL. `key` names it, so two apps given the same key share
 * one database (as two on one SQLite file do); without it every call makes a new one.
 */
export async function postgresTestDatabase(key?: string): Promise<string> {
  const name =
    key === undefined ? `t_${randomUUID().replaceAll('-', '')}` : `k_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
  const exists = await sql`select 1 from pg_database where datname = ${name}`.execute(adminDb());
  if (exists.rows.length === 0) {
    try {
      await sql`create database ${sql.id(name)} template ${sql.id(TEMPLATE)}`.execute(adminDb());
    } catch (error) {
      // Another app asked for the same key at the same moment: its database is as good.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  }
  return `${server()}/${name}`;
}

/** Opens the test's database; `file` is the SQLite file it names on SQLite (a shared key on PostgreSQL). */
export async function openTestDatabase(file?: string): Promise<Db> {
  if (onPostgres) return openDatabase(await postgresTestDatabase(file));
  const db = openSqlite(file ?? ':memory:');
  await migrateToLatest(db);
  return db;
}

/** A DATABASE_URL for a server process: the file on SQLite, a fresh database on PostgreSQL. */
export async function testDatabaseUrl(file: string): Promise<string> {
  return onPostgres ? postgresTestDatabase(file) : file;
}
