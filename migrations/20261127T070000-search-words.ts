// Search on PostgreSQL under row-level security: there only LEAKPROOF operators may become index
// conditions, and neither `~`, `like` nor pg_trgm's are, so the regular expressions read every row of
// the group. Here every word (maximal run of [[:alnum:]]) of an agenda item's or decision's folded
// `search_text` gets a row, found by prefix through `~>=~`/`~<~` (leakproof) on a text_pattern_ops
// index. Triggers keep the words in step in the writing transaction, as FTS5's do on SQLite, where
// this does nothing.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const INDEXED = [
  { table: 'agenda_items', words: 'agenda_item_words', key: 'agenda_item_id' },
  { table: 'decisions', words: 'decision_words', key: 'decision_id' },
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const { table, words, key } of INDEXED) {
    await db.schema
      .createTable(words)
      .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
      .addColumn(key, 'integer', (c) => c.notNull().references(`${table}.id`).onDelete('cascade'))
      .addColumn('word', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${words}_pk`, [key, 'word'])
      .execute();
    // Byte order (text_pattern_ops): a prefix's words lie between it and it with its last character one higher.
    await sql`create index ${sql.id(`${words}_group_word_idx`)} on ${sql.table(words)} (group_id, word text_pattern_ops, ${sql.ref(key)})`.execute(
      db,
    );
    // The words of the written row, its group through its sitting; the body is fixed text, hence raw.
    // Only an update has words to take away: a delete at every insert ran with the plan made while the
    // table was empty (a scan), so copying a host's rows in one transaction grew quadratic.
    await sql`create function ${sql.id(`${words}_refresh`)}() returns trigger language plpgsql as ${sql.raw(`$$
      begin
        if tg_op = 'UPDATE' then
          delete from ${words} where ${key} = new.id;
        end if;
        insert into ${words} (group_id, ${key}, word)
          select distinct s.group_id, new.id, w from sittings s, regexp_split_to_table(new.search_text, '[^[:alnum:]]+') as w
          where s.id = new.sitting_id and w <> '';
        return null;
      end $$`)}`.execute(db);
    await sql`create trigger ${sql.id(`${words}_insert`)} after insert on ${sql.table(table)}
      for each row execute function ${sql.id(`${words}_refresh`)}()`.execute(db);
    await sql`create trigger ${sql.id(`${words}_update`)} after update of search_text on ${sql.table(table)}
      for each row when (old.search_text is distinct from new.search_text) execute function ${sql.id(`${words}_refresh`)}()`.execute(db);
    await sql`insert into ${sql.table(words)} (group_id, ${sql.ref(key)}, word)
      select distinct s.group_id, x.id, w from ${sql.table(table)} x join sittings s on s.id = x.sitting_id,
        regexp_split_to_table(x.search_text, '[^[:alnum:]]+') as w
      where w <> ''`.execute(db);
    // Statistics now, not at autovacuum's next round: without them the planner may walk the group instead.
    await sql`analyze ${sql.table(words)}`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const { table, words } of INDEXED) {
    await sql`drop trigger if exists ${sql.id(`${words}_insert`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists ${sql.id(`${words}_update`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function if exists ${sql.id(`${words}_refresh`)}()`.execute(db);
    await db.schema.dropTable(words).ifExists().execute();
  }
}
