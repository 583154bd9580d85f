// Search on PostgreSQL: the folded search text of agenda items and decisions is matched with regular
// expressions (repositories/search-index.ts); a pg_trgm GIN index serves them. The extension is in
// Debian's postgresql package; where it is missing search still works, unindexed. SQLite has FTS5.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const INDEXED = ['agenda_items', 'decisions'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
async function hasTrigrams(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  return rows.length > 0;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter) || !(await hasTrigrams(db))) return;
  await sql`create extension if not exists pg_trgm`.execute(db);
  for (const table of INDEXED)
    await sql`create index ${sql.id(`${table}_search_trgm`)} on ${sql.table(table)} using gin (search_text gin_trgm_ops)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of INDEXED) await sql`drop index if exists ${sql.id(`${table}_search_trgm`)}`.execute(db);
}
