// Signed minutes: the rendered files frozen at signing, amendments, and signed copies uploaded later.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const binary = sqlite ? 'blob' : 'bytea';
  const now = sql`CURRENT_TIMESTAMP`;

  await db.schema
    .createTable('signed_minutes')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('docx_full', binary, (c) => c.notNull())
    .addColumn('docx_public', binary, (c) => c.notNull())
    .addColumn('html_full', 'text', (c) => c.notNull())
    .addColumn('html_public', 'text', (c) => c.notNull())
    .addColumn('html_csp', 'text', (c) => c.notNull())
    .addColumn('sha256_full', 'varchar(64)', (c) => c.notNull())
    .addColumn('sha256_public', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('signed_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('signed_minutes_sitting_version_uq', ['sitting_id', 'version'])
    .execute();

  await db.schema
    .createTable('amendments')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('amends_version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('signed_copies')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('signed_version', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(40)', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('signed_copies_sitting_idx').on('signed_copies').column('sitting_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['signed_copies', 'amendments', 'signed_minutes']) await db.schema.dropTable(table).execute();
}
