// Who signed which version of the minutes, and as what: the chair and the recorder each sign.
import { SqliteAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('minutes_signatures')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('role', 'varchar(10)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('minutes_signatures_uq', ['sitting_id', 'version', 'role'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('minutes_signatures').execute();
}
