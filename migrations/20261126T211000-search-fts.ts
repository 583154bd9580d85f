// Full-text search on SQLite: an FTS5 index over the folded `search_text` of agenda items and
// decisions, kept in step by triggers, so every write (a cascade delete too) updates it in its own
// transaction. The schema builder cannot make a virtual table, hence raw SQL; on PostgreSQL this
// does nothing and search keeps its LIKE query until that database gets its own index.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const INDEXED = ['agenda_items', 'decisions'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const table of INDEXED) {
    const fts = sql.table(`${table}_fts`);
    const ftsColumn = sql.ref(`${table}_fts`);
    const content = sql.table(table);
    // The text is folded by the app before it is stored; the tokenizer's own folding only backs it up.
    await sql`create virtual table ${fts} using fts5(
      search_text, content=${sql.lit(table)}, content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_insert`)} after insert on ${content} begin
      insert into ${fts}(rowid, search_text) values (new.id, new.search_text);
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_delete`)} after delete on ${content} begin
      insert into ${fts}(${ftsColumn}, rowid, search_text) values ('delete', old.id, old.search_text);
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_update`)} after update of id, search_text on ${content}
      when old.id is not new.id or old.search_text is not new.search_text begin
      insert into ${fts}(${ftsColumn}, rowid, search_text) values ('delete', old.id, old.search_text);
      insert into ${fts}(rowid, search_text) values (new.id, new.search_text);
    end`.execute(db);
    await sql`insert into ${fts}(${ftsColumn}) values ('rebuild')`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const table of INDEXED) {
    for (const trigger of ['insert', 'delete', 'update'])
      await sql`drop trigger if exists ${sql.raw(`${table}_fts_${trigger}`)}`.execute(db);
    await sql`drop table if exists ${sql.table(`${table}_fts`)}`.execute(db);
  }
}
