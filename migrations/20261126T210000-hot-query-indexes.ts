// Indexes that bound the hot queries by their result: a stored "followed up" flag (a deadline or
// an owner) with a partial index of the unfinished followed-up decisions, notes by their date,
// sittings in register order (date, number) for a keyset page, and no status index.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('decisions')
    .addColumn('followed_up', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('decisions')
    .set({ followed_up: 1 })
    .where((eb) => eb.or([eb('due', 'is not', null), eb('id', 'in', eb.selectFrom('decision_owners').select('decision_id'))]))
    .execute();
  // Literals, not parameters: an index predicate is part of the schema.
  await db.schema
    .createIndex('decisions_unfinished_followed_idx')
    .on('decisions')
    .columns(['sitting_id', 'number'])
    .where(sql.ref('followed_up'), '=', sql.lit(1))
    .where(sql.ref('current_status'), 'in', sql`(${sql.lit('open')}, ${sql.lit('in_progress')})`)
    .execute();
  await db.schema.createIndex('decision_notes_date_idx').on('decision_notes').column('effective_date').execute();
  // A status index tempts the planner to collect every open decision and sort them before a page's
  // LIMIT; the register walks sittings in order instead and the unfinished are found above.
  await db.schema.dropIndex('decisions_current_idx').execute();
  await db.schema.createIndex('sittings_group_order_uq').on('sittings').unique().columns(['group_id', 'date', 'number']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sittings_group_order_uq').execute();
  await db.schema.createIndex('decisions_current_idx').on('decisions').columns(['current_status', 'current_due']).execute();
  await db.schema.dropIndex('decision_notes_date_idx').execute();
  await db.schema.dropIndex('decisions_unfinished_followed_idx').execute();
  await db.schema.alterTable('decisions').dropColumn('followed_up').execute();
}
