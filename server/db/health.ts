// Whether the database can serve the app: its file is still where it was configured, it answers, and
// every migration this build knows has run on it. Asked by GET /health (routes/health.ts).
import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_MIGRATION_TABLE } from 'kysely/migration';
import { migrations } from '../../migrations/index.ts';
import type { Database } from './database.ts';

/**
 * `file` is the configured SQLite file (null for an in-memory database). SQLite keeps reading and
 * writing a file moved or deleted under it through its open descriptor, so only its path tells that a
 * restart would find no database there.
 */
export async function databaseReady(db: Kysely<Database>, file: string | null): Promise<boolean> {
  if (file !== null && !existsSync(file)) return false;
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    const applied = new Set(rows.map((row) => row.name));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false;
  }
}
