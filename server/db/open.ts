// Opens the configured database and brings its schema up to date: a postgres:// URL is PostgreSQL,
// anything else the embedded SQLite file.
import type { Db } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { isPostgresUrl, openPostgres } from './postgres.ts';
import { openSqlite, sqlitePathFromUrl } from './sqlite.ts';

export async function openDatabase(databaseUrl: string): Promise<Db> {
  const db = isPostgresUrl(databaseUrl) ? openPostgres(databaseUrl) : openSqlite(sqlitePathFromUrl(databaseUrl));
  await migrateToLatest(db);
  return db;
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
