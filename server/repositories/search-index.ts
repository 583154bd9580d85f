// Keeps the folded search text of agenda items and decisions in step with what they say, and
// answers the search across all minutes. On SQLite the FTS5 tables `agenda_items_fts` and
// `decisions_fts` index that text, on PostgreSQL `agenda_item_words` and `decision_words` its words;
// triggers keep them in step within the writing transaction.
import { SqliteAdapter, sql, type SqlBool } from 'kysely';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import { foldForSearch, prefixMatchPatterns, prefixMatchQuery, prefixMatchTokens } from '../domain/search-text.ts';
import type { Executor } from '../db/database.ts';
import type { SearchHit } from '../schemas/sittings.ts';
import { ownersOfRow } from './decision-rows.ts';
import { compiledOnce, listOf, type JsonList } from './rows.ts';

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
 * Folds each FTS5 index into one segment (SQLite; PostgreSQL's word index has none). Every write adds a
 * segment and FTS5 merges them only in batches, so a search reads a dozen b-trees instead of one; the
 * app folds them at start and when a sitting is signed, its text then final.
 */
export async function compactSearchIndex(db: Executor): Promise<void> {
  if (!hasFullTextIndex(db)) return;
  for (const fts of ['agenda_items_fts', 'decisions_fts'])
    await sql`insert into ${sql.table(fts)} (${sql.ref(fts)}) values ('optimize')`.execute(db);
}

/**
 * Above this many hits in all groups, fetching each by its key and sorting them all costs more than
 * walking the group's sittings newest first until `limit` hits are found.
 */
export const FEW_HITS = 1000;

type Indexed = 'agenda_items' | 'decisions';

/** The rowids FTS5 matches in `table`'s index as a JSON list, up to FEW_HITS + 1 of them (it reads no more). */
function hitsUpToFew(table: Indexed, match: unknown) {
  const fts = `${table}_fts`;
  return sql<string>`(select json_group_array(rowid) from (select rowid from ${sql.table(fts)} where ${sql.ref(fts)} match ${match} limit ${sql.lit(FEW_HITS + 1)}))`;
}

// Both lists in one statement, each index read once: with few hits the rows are then fetched by
// these keys; with many the list only says so.
const hitLists = compiledOnce((db: Executor, match: string) =>
  db.selectNoFrom([hitsUpToFew('agenda_items', match).as('items'), hitsUpToFew('decisions', match).as('decisions')]),
);

/**
 * `alias` is a hit. With few, CROSS JOIN makes SQLite read the list first and fetch each hit by its
 * key; with many, the planner walks the group newest first, matches through the FTS5 index and stops
 * at the limit.
 */
function hitOf(table: Indexed, alias: string, hits: unknown, few: boolean) {
  if (few) return sql<SqlBool>`${sql.ref(`${alias}.id`)} = h.value`;
  const fts = sql.table(`${table}_fts`);
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} in (select rowid from ${fts} where ${fts} match ${hits})`;
}

// The reader's scope, as conditions both engines' queries take: with `publicOnly` 1 an agenda item
// only if it is not confidential, a decision only if its item is not (or it has none); with 0, all.
const publicItem = (publicOnly: unknown) => sql<SqlBool>`(${publicOnly} = 0 or "a"."confidential" = 0)`;
const publicDecision = (publicOnly: unknown) => sql<SqlBool>`(${publicOnly} = 0 or "a"."confidential" is null or "a"."confidential" = 0)`;

/** Only a guest's sittings (a JSON list), or all when null: a parameter, so the statement stays the same for everyone. */
const inSittings = (ids: unknown) => sql<SqlBool>`(${ids} is null or "s"."id" in (select value from json_each(${ids})))`;

/** Agenda items among the hits, on SQLite (see HitQueries): one statement per plan, compiled once. */
const ftsItems = (few: boolean) =>
  compiledOnce((db: Executor, groupId: number, hits: string, sittingIds: string | null, publicOnly: number, limit: number) =>
    (few ? db.selectFrom(sql`json_each(${hits})`.as('h')).crossJoin('agenda_items as a') : db.selectFrom('agenda_items as a'))
      .innerJoin('sittings as s', 's.id', 'a.sitting_id')
      .select(ITEM_COLUMNS)
      .where('s.group_id', '=', groupId)
      .where(hitOf('agenda_items', 'a', hits, few))
      .where(inSittings(sittingIds))
      .where(publicItem(publicOnly))
      .orderBy('s.date', 'desc')
      .orderBy('a.position')
      .limit(limit),
  );

/** Decisions among the hits with their owners' names (a JSON list), on SQLite: as ftsItems. */
const ftsDecisions = (few: boolean) =>
  compiledOnce((db: Executor, groupId: number, hits: string, sittingIds: string | null, publicOnly: number, limit: number) =>
    (few ? db.selectFrom(sql`json_each(${hits})`.as('h')).crossJoin('decisions as d') : db.selectFrom('decisions as d'))
      .innerJoin('sittings as s', 's.id', 'd.sitting_id')
      .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
      .select(DECISION_HIT_COLUMNS)
      .select(ownersOfRow())
      .where('s.group_id', '=', groupId)
      .where(hitOf('decisions', 'd', hits, few))
      .where(inSittings(sittingIds))
      .where(publicDecision(publicOnly))
      .orderBy('s.date', 'desc')
      .orderBy('d.number')
      .limit(limit),
  );

const FTS_ITEMS = { few: ftsItems(true), many: ftsItems(false) };
const FTS_DECISIONS = { few: ftsDecisions(true), many: ftsDecisions(false) };

const ITEM_COLUMNS = [
  's.id as sitting_id',
  's.number as sitting_number',
  's.date as sitting_date',
  'a.position',
  'a.title',
  'a.proceedings',
  'a.confidential',
] as const;
const DECISION_HIT_COLUMNS = [
  'd.id',
  's.id as sitting_id',
  's.number as sitting_number',
  's.date as sitting_date',
  'd.number',
  'd.text',
  'a.confidential',
] as const;

interface ItemRow {
  sitting_id: number;
  sitting_number: number;
  sitting_date: string;
  position: number;
  title: string;
  proceedings: string;
  confidential: number;
}

/** A decision hit with its owners' names, from the owners its row came with. */
function withOwnerNames<R extends { owners: JsonList<{ name: string }> }>({ owners, ...row }: R): Omit<R, 'owners'> & { owners: string[] } {
  return { ...row, owners: listOf(owners).map((o) => o.name) };
}

interface DecisionRow {
  id: number;
  sitting_id: number;
  sitting_number: number;
  sitting_date: string;
  number: number;
  text: string;
  confidential: number | null;
  owners: string[];
}

/** One table's statements on SQLite, one per plan (see hitOf): `hits` is the hit list (few) or the FTS5 query (many). */
type HitQueries<R> = Record<
  'few' | 'many',
  (db: Executor, groupId: number, hits: string, sittingIds: string | null, publicOnly: number, limit: number) => Promise<R[]>
>;

/** The rows of one table's hit list, by the plan its length calls for; an empty list asks nothing. */
async function rowsOfHits<R>(
  queries: HitQueries<R>,
  db: Executor,
  groupId: number,
  list: string,
  match: string,
  ...scope: [sittingIds: string | null, publicOnly: number, limit: number]
): Promise<R[]> {
  const count = (JSON.parse(list) as number[]).length;
  if (count === 0) return [];
  return count <= FEW_HITS ? queries.few(db, groupId, list, ...scope) : queries.many(db, groupId, match, ...scope);
}

/**
 * SQLite: the FTS5 index finds the rows. Each index is read once for its hit list; a table with few
 * hits fetches them by key, one with many walks its group (and reads the index again), none is not asked.
 */
async function searchedWithFts(db: Executor, groupId: number, match: string, scope: SearchScope): Promise<[ItemRow[], DecisionRow[]]> {
  const [lists] = await hitLists(db, match);
  if (lists === undefined) return [[], []];
  const scoped = [scope.sittingIds === undefined ? null : JSON.stringify(scope.sittingIds), scope.publicOnly ? 1 : 0, scope.limit] as const;
  const items = await rowsOfHits(FTS_ITEMS, db, groupId, lists.items, match, ...scoped);
  const decisions = await rowsOfHits(FTS_DECISIONS, db, groupId, lists.decisions, match, ...scoped);
  return [items, decisions.map(withOwnerNames)];
}

/** PostgreSQL: the word index narrows the rows, regular expressions decide. */
async function searchedWithWords(db: Executor, groupId: number, query: string, scope: SearchScope): Promise<[ItemRow[], DecisionRow[]]> {
  let items = db
    .selectFrom('agenda_items as a')
    .innerJoin('sittings as s', 's.id', 'a.sitting_id')
    .select(ITEM_COLUMNS)
    .where('s.group_id', '=', groupId);
  let decisions = db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(DECISION_HIT_COLUMNS)
    .select(ownersOfRow())
    .where('s.group_id', '=', groupId);
  for (const condition of hasEveryWord('a.id', 'agenda_item_words', groupId, query)) items = items.where(condition);
  for (const condition of hasEveryWord('d.id', 'decision_words', groupId, query)) decisions = decisions.where(condition);
  for (const condition of matchesEveryWord('a.search_text', query)) items = items.where(condition);
  for (const condition of matchesEveryWord('d.search_text', query)) decisions = decisions.where(condition);
  if (scope.sittingIds !== undefined) {
    items = items.where('s.id', 'in', scope.sittingIds);
    decisions = decisions.where('s.id', 'in', scope.sittingIds);
  }
  if (scope.publicOnly) {
    items = items.where(publicItem(1));
    decisions = decisions.where(publicDecision(1));
  }
  const [itemRows, decisionRows] = await Promise.all([
    items.orderBy('s.date', 'desc').orderBy('a.position').limit(scope.limit).execute(),
    decisions.orderBy('s.date', 'desc').orderBy('d.number').limit(scope.limit).execute(),
  ]);
  return [itemRows, decisionRows.map(withOwnerNames)];
}

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
  let found: [ItemRow[], DecisionRow[]];
  if (hasFullTextIndex(db)) {
    const match = prefixMatchQuery(query);
    if (match === null) return [];
    found = await searchedWithFts(db, groupId, match, scope);
  } else {
    if (prefixMatchPatterns(query).length === 0) return [];
    found = await searchedWithWords(db, groupId, query, scope);
  }
  const [itemRows, decisionRows] = found;
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
      owners: r.owners,
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
