// Whether the database can serve the app: its file is still where it was configured, it answers, and
// every migration this version knows has run on it. Asked by GET /health.
import { existsSync } from 'node:fs';
import { migrations } from '../../migrations/index.ts';
import type { Db } from '../db/database.ts';
import { appliedMigrationNames } from '../repositories/migrations.ts';

/**
 * `file` is the configured SQLite file (null for an in-memory database). SQLite keeps reading and
 * writing a file moved or deleted under it through its open descriptor, so only its path tells that a
 * restart would find no database there.
 */
export async function databaseReady(db: Db, file: string | null): Promise<boolean> {
  if (file !== null && !existsSync(file)) return false;
  try {
    const applied = new Set(await appliedMigrationNames(db));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false;
  }
}
