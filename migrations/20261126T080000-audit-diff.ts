// The audit trail keeps changed fields only and folds a user's autosaves into one record: when
// the last of them happened and how many there were; indexes to find a user's last record of a
// record and to page the trail by id.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('last_at', 'varchar(40)').execute();
  await db.schema
    .alterTable('audit_log')
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('audit_log_actor_record_idx')
    .on('audit_log')
    .columns(['user_id', 'record_type', 'record_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_group_id_idx').on('audit_log').columns(['group_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_group_id_idx').execute();
  await db.schema.dropIndex('audit_log_actor_record_idx').execute();
  await db.schema.alterTable('audit_log').dropColumn('changes').execute();
  await db.schema.alterTable('audit_log').dropColumn('last_at').execute();
}
