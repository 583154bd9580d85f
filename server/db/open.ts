// Opens the configured database and brings its schema up to date.
import type { Db } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { openSqlite, sqlitePathFromUrl } from './sqlite.ts';

export async function openDatabase(databaseUrl: string): Promise<Db> {
  const db = openSqlite(sqlitePathFromUrl(databaseUrl));
  await migrateToLatest(db);
  return db;
}
