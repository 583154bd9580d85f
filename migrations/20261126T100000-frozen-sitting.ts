// Signed minutes keep the sitting as it was signed (its JSON), so later edits elsewhere (a renamed
// person, an amended earlier decision) never change what a signed sitting shows.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signed_minutes').addColumn('sitting_json', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signed_minutes').dropColumn('sitting_json').execute();
}
