// Sittings imported from old Word protocols: the original file with its SHA-256, the parser's
// doubts, and when the secretary confirmed the sitting as a record signed on paper.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const binary = sqlite ? 'blob' : 'bytea';
  await db.schema
    .createTable('word_imports')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('sitting_id', 'integer', (c) => c.notNull().unique().references('sittings.id').onDelete('cascade'))
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('doubts', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(40)', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addColumn('confirmed_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('word_imports_group_idx').on('word_imports').column('group_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('word_imports').execute();
}
