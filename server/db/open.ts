// Opens the configured database and brings its schema up to date: a postgres:// URL is PostgreSQL,
// anything else the embedded SQLite file. On PostgreSQL the migrations and the row-level security run
// as the URL's user, on a connection of their own; the app's pool then runs as the app's role.
import type { Db } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { isPostgresUrl, openPostgres } from './postgres.ts';
import { secureRows } from './row-security.ts';
import { openSqlite, sqlitePathFromUrl } from './sqlite.ts';

export async function openDatabase(databaseUrl: string): Promise<Db> {
  if (isPostgresUrl(databaseUrl)) return openPostgresDatabase(databaseUrl);
  const db = openSqlite(sqlitePathFromUrl(databaseUrl));
  await migrateToLatest(db);
  return db;
}

async function openPostgresDatabase(databaseUrl: string): Promise<Db> {
  const owner = openPostgres(databaseUrl, { max: 1 });
  let role: string | null;
  try {
    await migrateToLatest(owner);
    role = await secureRows(owner);
  } finally {
    await owner.destroy();
  }
  return openPostgres(databaseUrl, { role });
}

/** The SQLite file a URL names, as given (`:memory:` too), or null for PostgreSQL. */
export function sqliteFileOf(databaseUrl: string): string | null {
  return isPostgresUrl(databaseUrl) ? null : sqlitePathFromUrl(databaseUrl);
}

/** The URL as it may be printed: a PostgreSQL password is replaced by `***`. */
export function shownDatabaseUrl(databaseUrl: string): string {
  if (!isPostgresUrl(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
