// PostgreSQL's search word tables (migration search-words) against the rows they are made from.
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../server/db/database.ts';

const KINDS = [
  { table: 'agenda_items', words: 'agenda_item_words', key: 'agenda_item_id' },
  { table: 'decisions', words: 'decision_words', key: 'decision_id' },
] as const;

/** Fails unless each table of words holds exactly the words of every row's search text, with its group. */
export async function expectWordsAgreeWithRows(db: Db): Promise<void> {
  for (const { table, words, key } of KINDS) {
    const { rows } = await sql<{ id: number; group_id: number; word: string; side: string }>`
      with expected as (
        select distinct s.group_id, x.id, w as word from ${sql.table(table)} x join sittings s on s.id = x.sitting_id,
          regexp_split_to_table(x.search_text, '[^[:alnum:]]+') as w where w <> ''),
      held as (select group_id, ${sql.ref(key)} as id, word from ${sql.table(words)})
      (select *, 'missing' as side from expected except select *, 'missing' from held)
      union all
      (select *, 'stale' as side from held except select *, 'stale' from expected)`.execute(db);
    expect(rows, words).toEqual([]);
  }
  const { rows } = await sql<{ n: number }>`select count(*)::integer as n from agenda_item_words`.execute(db);
  expect(rows[0]!.n).toBeGreaterThan(0);
}
