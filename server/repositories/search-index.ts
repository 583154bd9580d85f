// Keeps the folded search text of agenda items and decisions in step with what they say, and
// answers the search across all minutes. On SQLite the FTS5 tables `agenda_items_fts` and
// `decisions_fts` index that text, on PostgreSQL `agenda_item_words` and `decision_words` its words;
// triggers keep them in step within the writing transaction.
import { SqliteAdapter, sql } from 'kysely';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import { foldForSearch, prefixMatchPatterns, prefixMatchQuery, prefixMatchTokens } from '../domain/search-text.ts';
import type { Executor } from '../db/database.ts';
import type { SearchHit } from '../schemas/sittings.ts';
import { compiledOnce, groupBy, idList, inIdList, type IdList } from './rows.ts';

export async function refreshAgendaItemSearch(db: Executor, id: number): Promise<void> {
  const item = await db.selectFrom('agenda_items').select(['title', 'rapporteur', 'proceedings']).where('id', '=', id).executeTakeFirst();
  if (item === undefined) return;
  await db
    .updateTable('agenda_items')
    .set({ search_text: foldForSearch(item.title, item.rapporteur, item.proceedings) })
    .where('id', '=', id)
    .execute();
}

export async function refreshDecisionSearch(db: Executor, id: number): Promise<void> {
  const decision = await db.selectFrom('decisions').select('text').where('id', '=', id).executeTakeFirst();
  if (decision === undefined) return;
  const owners = await db.selectFrom('decision_owners').select('name').where('decision_id', '=', id).orderBy('ordinal').execute();
  await db
    .updateTable('decisions')
    .set({ search_text: foldForSearch(decision.text, ...owners.map((o) => o.name)) })
    .where('id', '=', id)
    .execute();
}

/** `… like ? escape '\'` for every word of the query, so `%` and `_` are plain characters. */
export function containsEveryWord(column: string, query: string) {
  const words = foldForSearch(query)
    .split(/\s+/u)
    .filter((w) => w !== '');
  return words.map((word) => {
    const pattern = `%${word.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
  });
}

/**
 * `column ~ pattern` for each word's pattern: FTS5's prefix matching where there is no FTS5 (PostgreSQL);
 * first `like` each token, which passes every row the patterns match and leaves them fewer to try.
 */
function matchesEveryWord(column: string, query: string) {
  return [
    ...prefixMatchTokens(query).map((token) => sql<boolean>`${sql.ref(column)} like ${`%${token}%`}`),
    ...prefixMatchPatterns(query).map((pattern) => sql<boolean>`${sql.ref(column)} ~ ${pattern}`),
  ];
}

/**
 * On PostgreSQL, `column` (a row's id) in the rows of `words` whose words start with each token: the
 * index of migration search-words, which row-level security lets the planner use as its conditions are
 * leakproof (`=`, `~>=~`, `~<~`). It passes every row matchesEveryWord matches, which still decides.
 * Only tokens of ASCII letters and digits, which [[:alnum:]] holds in every locale: a word of the
 * index then starts where the token does.
 */
function hasEveryWord(column: string, words: 'agenda_item_words' | 'decision_words', groupId: number, query: string) {
  const key = words === 'agenda_item_words' ? 'agenda_item_id' : 'decision_id';
  return [...new Set(prefixMatchTokens(query))]
    .filter((token) => /^[a-z0-9]+$/u.test(token))
    .map((token) => {
      const after = token.slice(0, -1) + String.fromCodePoint(token.codePointAt(token.length - 1)! + 1);
      return sql<boolean>`${sql.ref(column)} in (select ${sql.ref(key)} from ${sql.table(words)}
        where group_id = ${groupId} and word ~>=~ ${token} and word ~<~ ${after})`;
    });
}

/** Whether this database has the FTS5 index (SQLite); elsewhere search falls back to `like`. */
function hasFullTextIndex(db: Executor): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * Above this many hits in all groups, fetching each by its key and sorting them all costs more than
 * walking the group's sittings newest first until `limit` hits are found.
 */
export const FEW_HITS = 1000;

type Indexed = 'agenda_items' | 'decisions';

/** Whether the FTS5 index of `table` holds at most FEW_HITS rows matching `match` (it reads no more). */
async function fewHits(db: Executor, table: Indexed, match: string): Promise<boolean> {
  const fts = `${table}_fts`;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (
    select rowid from ${sql.table(fts)} where ${sql.ref(fts)} match ${match} limit ${FEW_HITS + 1})`.execute(db);
  return (rows[0]?.n ?? 0) <= FEW_HITS;
}

/**
 * `alias` is a row FTS5 matches. With few hits, CROSS JOIN makes SQLite read the index first and fetch
 * each hit by its key; with many, the planner walks the group newest first and stops at the limit.
 */
function hitOf(table: Indexed, alias: string, match: string, few: boolean) {
  const fts = sql.table(`${table}_fts`);
  if (few) return sql<boolean>`${sql.ref(`${alias}.id`)} = f.rowid and ${sql.ref(`f.${table}_fts`)} match ${match}`;
  return sql<boolean>`${sql.ref(`${alias}.id`)} in (select rowid from ${fts} where ${fts} match ${match})`;
}

async function agendaItemsSearched(db: Executor, match: string | null) {
  const all = db.selectFrom('agenda_items as a');
  if (match === null) return all;
  if (!(await fewHits(db, 'agenda_items', match))) return all.where(hitOf('agenda_items', 'a', match, false));
  const hits = db.selectFrom(sql`agenda_items_fts`.as('f')).crossJoin('agenda_items as a');
  return hits.where(hitOf('agenda_items', 'a', match, true)) as unknown as typeof all;
}

async function decisionsSearched(db: Executor, match: string | null) {
  const all = db.selectFrom('decisions as d');
  if (match === null) return all;
  if (!(await fewHits(db, 'decisions', match))) return all.where(hitOf('decisions', 'd', match, false));
  const hits = db.selectFrom(sql`decisions_fts`.as('f')).crossJoin('decisions as d');
  return hits.where(hitOf('decisions', 'd', match, true)) as unknown as typeof all;
}

const ownerNamesOf = compiledOnce((db: Executor, ids: IdList) =>
  db
    .selectFrom('decision_owners')
    .select(['decision_id', 'name'])
    .where(inIdList(db, 'decision_id', ids))
    .orderBy('ordinal'),
);

export interface SearchScope {
  /** Only these sittings (a guest's); all when omitted. */
  sittingIds?: number[];
  /** Leave out confidential items and their decisions. */
  publicOnly: boolean;
  limit: number;
}

/**
 * Agenda items and decisions of the group with every word of `query`, newest first: each word matches
 * the words that start with it, through the FTS5 index on SQLite and on PostgreSQL the word index,
 * its candidates checked with regular expressions.
 */
export async function searchMinutes(db: Executor, groupId: number, query: string, scope: SearchScope): Promise<SearchHit[]> {
  if (scope.sittingIds?.length === 0) return [];
  const fts = hasFullTextIndex(db);
  const match = fts ? prefixMatchQuery(query) : null;
  if (fts ? match === null : prefixMatchPatterns(query).length === 0) return [];
  let items = (await agendaItemsSearched(db, match))
    .innerJoin('sittings as s', 's.id', 'a.sitting_id')
    .select([
      's.id as sitting_id',
      's.number as sitting_number',
      's.date as sitting_date',
      'a.position',
      'a.title',
      'a.proceedings',
      'a.confidential',
    ])
    .where('s.group_id', '=', groupId);
  let decisions = (await decisionsSearched(db, match))
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 's.id as sitting_id', 's.number as sitting_number', 's.date as sitting_date', 'd.number', 'd.text', 'a.confidential'])
    .where('s.group_id', '=', groupId);
  if (match === null) {
    for (const condition of hasEveryWord('a.id', 'agenda_item_words', groupId, query)) items = items.where(condition);
    for (const condition of hasEveryWord('d.id', 'decision_words', groupId, query)) decisions = decisions.where(condition);
    for (const condition of matchesEveryWord('a.search_text', query)) items = items.where(condition);
    for (const condition of matchesEveryWord('d.search_text', query)) decisions = decisions.where(condition);
  }
  if (scope.sittingIds !== undefined) {
    items = items.where('s.id', 'in', scope.sittingIds);
    decisions = decisions.where('s.id', 'in', scope.sittingIds);
  }
  if (scope.publicOnly) {
    items = items.where('a.confidential', '=', 0);
    decisions = decisions.where((eb) => eb.or([eb('a.confidential', 'is', null), eb('a.confidential', '=', 0)]));
  }
  const [itemRows, decisionRows] = await Promise.all([
    items.orderBy('s.date', 'desc').orderBy('a.position').limit(scope.limit).execute(),
    decisions.orderBy('s.date', 'desc').orderBy('d.number').limit(scope.limit).execute(),
  ]);
  const owners = groupBy(
    decisionRows.length === 0
      ? []
      : await ownerNamesOf(
          db,
          idList(
            db,
            decisionRows.map((d) => d.id),
          ),
        ),
  );
  const hits: SearchHit[] = [
    ...itemRows.map((r) => ({
      sittingId: r.sitting_id,
      sittingNumber: r.sitting_number,
      sittingDate: r.sitting_date,
      kind: 'agendaItem' as const,
      position: r.position,
      title: r.title,
      text: r.proceedings,
      owners: [],
      confidential: r.confidential === 1,
    })),
    ...decisionRows.map((r) => ({
      sittingId: r.sitting_id,
      sittingNumber: r.sitting_number,
      sittingDate: r.sitting_date,
      kind: 'decision' as const,
      position: r.number,
      title: null,
      text: r.text,
      owners: (owners.get(r.id) ?? []).map((o) => o.name),
      confidential: inheritsConfidentiality(r.confidential),
    })),
  ];
  return hits
    .sort(
      (a, b) =>
        b.sittingDate.localeCompare(a.sittingDate) ||
        b.sittingNumber - a.sittingNumber ||
        a.kind.localeCompare(b.kind) ||
        a.position - b.position,
    )
    .slice(0, scope.limit);
}
