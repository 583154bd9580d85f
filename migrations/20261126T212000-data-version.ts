// A per-group data version, bumped by every write transaction of the group's data: read caches and
// ETags are keyed by it, so a change made through any app instance on the same database is seen.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  // bigint: a bump may jump to the current time in milliseconds (repositories/data-version.ts).
  await db.schema
    .alterTable('groups')
    .addColumn('data_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('groups').dropColumn('data_version').execute();
}
