// The migrations that have run on the database, as Kysely's migrator recorded them.
import { sql } from 'kysely';
import { DEFAULT_MIGRATION_TABLE } from 'kysely/migration';
import type { Executor } from '../db/database.ts';

/** Fails when the database does not answer (or has never been migrated). */
export async function appliedMigrationNames(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  return rows.map((row) => row.name);
}
