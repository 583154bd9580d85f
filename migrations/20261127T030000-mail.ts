// E-mail: the durable outbox (sent by a worker under a lease in the database), each group's mail
// settings, the invitations sent for a sitting (their calendar UID and SEQUENCE), who turned
// reminders off, the day each group's reminders were last computed, the key that signs mail links,
// and the mark on a progress note an outside owner left through such a link.
import { SqliteAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = (c: ColumnDefinitionBuilder) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity());
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('sitting_id', 'integer')
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text')
    .addColumn('headers', 'text')
    .addColumn('message_id', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.unique())
    .addColumn('state', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('give_up_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('lease_owner', 'varchar(100)')
    .addColumn('lease_expires_at', 'varchar(40)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_group_idx').on('outbox').columns(['group_id', 'id']).execute();

  await db.schema
    .createTable('mail_settings')
    .addColumn('group_id', 'integer', (c) => c.primaryKey().references('groups.id'))
    .addColumn('reply_to', 'varchar(320)')
    .addColumn('reminder_days_before', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('attach_docx', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('sitting_invitations')
    .addColumn('sitting_id', 'integer', (c) => c.primaryKey())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('uid', 'varchar(200)', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)')
    .addColumn('end_time', 'varchar(5)')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('announced_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mail_opt_outs')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('mail_opt_outs_person_uq', ['group_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('mail_schedule')
    .addColumn('group_id', 'integer', (c) => c.primaryKey().references('groups.id'))
    .addColumn('reminders_date', 'varchar(10)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mail_secret')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();

  await db.schema
    .alterTable('decision_notes')
    .addColumn('external', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decision_notes').dropColumn('external').execute();
  for (const table of ['mail_secret', 'mail_schedule', 'mail_opt_outs', 'sitting_invitations', 'mail_settings', 'outbox'])
    await db.schema.dropTable(table).execute();
}
