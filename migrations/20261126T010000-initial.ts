// The sittings record: group, directory, sittings, attendance, agenda, decisions and reviews.
import { SqliteAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`CURRENT_TIMESTAMP`;
  // SQLite's INTEGER PRIMARY KEY is already an auto-assigned row id; PostgreSQL needs an identity.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = (c: ColumnDefinitionBuilder) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity());

  await db.schema
    .createTable('groups')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('name_genitive', 'varchar(300)', (c) => c.notNull())
    .addColumn('municipality', 'varchar(300)', (c) => c.notNull())
    .addColumn('default_place', 'varchar(300)', (c) => c.notNull())
    .addColumn('minutes_settings', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('full_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('short_name', 'varchar(200)')
    .addColumn('position', 'varchar(500)')
    .addColumn('email', 'varchar(320)')
    .addColumn('is_member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('people_group_idx').on('people').column('group_id').execute();

  await db.schema
    .createTable('sittings')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)')
    .addColumn('end_time', 'varchar(5)')
    .addColumn('chair_id', 'integer', (c) => c.references('people.id'))
    .addColumn('chair_position', 'varchar(500)')
    .addColumn('recorder_id', 'integer', (c) => c.references('people.id'))
    .addColumn('recorder_position', 'varchar(500)')
    .addColumn('state', 'varchar(10)', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('sittings_group_number_uq', ['group_id', 'number'])
    .execute();
  await db.schema.createIndex('sittings_group_date_idx').on('sittings').columns(['group_id', 'date']).execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'integer', id)
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'varchar(10)', (c) => c.notNull())
    .addColumn('position', 'varchar(500)')
    .addColumn('reason', 'varchar(500)')
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('attendance_sitting_person_uq', ['sitting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'integer', id)
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(2000)', (c) => c.notNull())
    .addColumn('rapporteur', 'varchar(500)')
    .addColumn('proceedings', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('agenda_items_sitting_idx').on('agenda_items').columns(['sitting_id', 'position']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'integer', id)
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due', 'varchar(10)')
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('status', 'varchar(12)', (c) => c.notNull().defaultTo('open'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('decisions_sitting_idx').on('decisions').columns(['sitting_id', 'number']).execute();
  await db.schema.createIndex('decisions_status_idx').on('decisions').columns(['status', 'due']).execute();

  await db.schema
    .createTable('decision_owners')
    .addColumn('id', 'integer', id)
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decision_owners_decision_idx').on('decision_owners').column('decision_id').execute();
  await db.schema.createIndex('decision_owners_person_idx').on('decision_owners').column('person_id').execute();

  await db.schema
    .createTable('decision_reviews')
    .addColumn('id', 'integer', id)
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id').onDelete('cascade'))
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('new_due', 'varchar(10)')
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('decision_reviews_decision_sitting_uq', ['decision_id', 'sitting_id'])
    .execute();
  await db.schema.createIndex('decision_reviews_sitting_idx').on('decision_reviews').column('sitting_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['decision_reviews', 'decision_owners', 'decisions', 'agenda_items', 'attendance', 'sittings', 'people', 'groups']) {
    await db.schema.dropTable(table).execute();
  }
}
