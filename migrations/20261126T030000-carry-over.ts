// Carry-over of unfinished decisions: each decision's current state, progress notes between
// sittings, "not discussed" reviews, the follow-up agenda item, the list frozen at signing,
// a folded text for search, and each person's calendar feed token.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

/** Lower case without diacritics, so that `ranca` finds `Rancāne` (frozen copy of the app's fold). */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const now = sql`CURRENT_TIMESTAMP`;

  await db.schema
    .alterTable('decisions')
    .addColumn('current_status', 'varchar(12)', (c) => c.notNull().defaultTo('open'))
    .execute();
  await db.schema.alterTable('decisions').addColumn('current_due', 'varchar(10)').execute();
  await db.schema
    .alterTable('decisions')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('decisions')
    .set({ current_status: sql.ref('status'), current_due: sql.ref('due') })
    .execute();
  for (const row of await db.selectFrom('decisions').select(['id', 'text']).execute()) {
    await db
      .updateTable('decisions')
      .set({ search_text: fold(row.text) })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema.createIndex('decisions_current_idx').on('decisions').columns(['current_status', 'current_due']).execute();

  await db.schema
    .alterTable('decision_reviews')
    .addColumn('not_discussed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('agenda_items')
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('people').addColumn('calendar_token_hash', 'varchar(64)').execute();

  await db.schema
    .createTable('decision_notes')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)')
    .addColumn('author_id', 'integer', (c) => c.references('people.id'))
    .addColumn('effective_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('decision_notes_decision_idx').on('decision_notes').columns(['decision_id', 'effective_date']).execute();

  await db.schema
    .createTable('carried_decisions')
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id').onDelete('cascade'))
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('carried_decisions_pk', ['sitting_id', 'decision_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('carried_decisions').execute();
  await db.schema.dropTable('decision_notes').execute();
  await db.schema.dropIndex('decisions_current_idx').execute();
  for (const [table, column] of [
    ['people', 'calendar_token_hash'],
    ['agenda_items', 'follow_up'],
    ['decision_reviews', 'not_discussed'],
    ['decisions', 'search_text'],
    ['decisions', 'current_due'],
    ['decisions', 'current_status'],
  ] as const) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
