// The hot queries as the app issues them, each checked with EXPLAIN QUERY PLAN on a sizeable
// history: the planner answers them from indexes bounded by the result, never by scanning a large
// table or sorting it before a LIMIT. A regression in a query or an index fails here.
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, postgresTestDatabase } from '../support/test-database.ts';
import { openDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { withGroupScope } from '../../server/db/group-scope.ts';
import { searchMinutes } from '../../server/repositories/search-index.ts';
import { HISTORY_PEOPLE, historySittings, SEARCH_DECISIONS, SEARCH_WORD } from '../../bench/fixtures/history.ts';
import type { Database, Db, SittingRow } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { personActions } from '../../server/services/actions.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { carriedDecisions } from '../../server/services/carry-over.ts';
import { importSitting } from '../../server/services/interchange.ts';
import { listDecisions } from '../../server/services/register.ts';
import { loadSitting } from '../../server/services/sittings.ts';

/** Tables that grow with the years of history: none may be read whole on a hot path. */
const LARGE = ['decisions', 'decision_owners', 'decision_notes', 'decision_reviews', 'agenda_items', 'attendance', 'carried_decisions'];

let raw: SQLite.Database;
let db: Db;
let groupId: number;
let captured: CompiledQuery[] | null = null;

/** Every statement `run` sends to the database. */
async function queriesOf(run: () => Promise<unknown>): Promise<CompiledQuery[]> {
  captured = [];
  try {
    await run();
    return captured;
  } finally {
    captured = null;
  }
}

function planOf(query: CompiledQuery): string[] {
  const rows = raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
  return rows.map((r) => r.detail);
}

/** A SEARCH keyed on one record (a row id, a sitting's or a decision's id): what it reads is bounded by the result. */
const KEYED = /^SEARCH \w+ USING (?:COVERING )?(?:INTEGER PRIMARY KEY|INDEX \w+) \((?:rowid|(?!group_id)\w+_id)=\?/;

/**
 * The plan lines that read more than the result: a large table scanned whole, walked by a status
 * (which grows with the years), or sorted in a temporary B-tree when the rows sorted are not all
 * reached through keys (the sort of a whole group's rows before a LIMIT).
 */
function unboundedSteps(plan: string[]): string[] {
  const keyedOnly = plan.filter((line) => line.startsWith('SEARCH ')).every((line) => KEYED.test(line));
  return plan.filter((line) => {
    const scan = /^SCAN (\w+)/.exec(line);
    // That partial index holds only the unfinished followed-up decisions: the candidates themselves.
    if (scan !== null && LARGE.includes(scan[1]!) && !line.includes('USING INDEX decisions_unfinished_followed_idx')) return true;
    if (/^SEARCH .*\((?:current_)?status=/.test(line)) return true;
    return /USE TEMP B-TREE FOR (?:LAST (?:\d+ )?TERMS? OF )?ORDER BY/.test(line) && !keyedOnly;
  });
}

/** A walk of the group's sittings up to a date: all of its past, which grows with the years. */
const WALKS_THE_PAST = /^SEARCH \w+ USING (?:COVERING )?INDEX sittings_group_order_uq \(group_id=\? AND date<=?\?\)/;

async function expectBounded(run: () => Promise<unknown>, forbidden?: RegExp): Promise<void> {
  const queries = (await queriesOf(run)).filter((q) => /^\s*(select|with)\b/i.test(q.sql));
  expect(queries.length).toBeGreaterThan(0);
  // SHOW_PLANS=1 prints every plan, to read one before changing a query or an index.
  if (process.env.SHOW_PLANS) for (const q of queries) console.log(`${q.sql}\n  ${planOf(q).join('\n  ')}`);
  const found = queries
    .map((q) => ({ sql: q.sql, plan: planOf(q) }))
    .filter((q) => unboundedSteps(q.plan).length > 0 || (forbidden !== undefined && q.plan.some((line) => forbidden.test(line))))
    .map((q) => `${q.sql}\n  ${q.plan.join('\n  ')}`);
  expect(found).toEqual([]);
}

async function newDraft(number: number, date: string): Promise<SittingRow> {
  return db
    .insertInto('sittings')
    .values({
      group_id: groupId,
      number,
      date,
      place: 'Cēsīs',
      state: 'draft',
      created_at: '2026-11-26T00:00:00Z',
      updated_at: '2026-11-26T00:00:00Z',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// SQLite's plans: the SQLite run has them; the PostgreSQL run (TEST_DB=postgres) skips the file.
beforeAll(async () => {
  if (onPostgres) return;
  raw = new SQLite(':memory:');
  raw.pragma('foreign_keys = ON');
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event) => {
      if (event.level === 'query') captured?.push(event.query);
    },
  });
  await migrateToLatest(db);
  groupId = (await ensureGroup(db)).id;
  for (const doc of historySittings(48, 40)) await importSitting(db, groupId, SYSTEM, doc);
  // Progress notes on every fourth decision, ten days after its sitting, and one late one.
  raw.exec(`insert into decision_notes (decision_id, note, status, author_id, effective_date, created_at)
    select d.id, 'Darbs turpinās.', null, null, date(s.date, '+10 days'), s.date from decisions d join sittings s on s.id = d.sitting_id where d.id % 4 = 0`);
  const decision = await db.selectFrom('decisions').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  raw
    .prepare(
      `insert into decision_notes (decision_id, note, status, effective_date, created_at) values (?, 'Sākts.', 'in_progress', '2019-12-01', '2019-12-01')`,
    )
    .run(decision.id);
}, 120_000);

afterAll(async () => {
  if (!onPostgres) await db.destroy();
});

// The app never runs ANALYZE, so the planner uses its heuristics; a database someone analysed
// (sqlite_stat1, e.g. `PRAGMA optimize`) must get bounded plans as well.
describe.skipIf(onPostgres).each([
  ['without statistics', false],
  ['after ANALYZE', true],
])('the hot queries are answered from indexes bounded by their result (%s)', (_, analysed) => {
  beforeAll(() => {
    if (analysed) raw.exec('analyze');
  });

  it('opening a new sitting works out its carry-over without reading the whole history', async () => {
    const sitting = await newDraft(analysed ? 1001 : 1000, '2030-01-15');
    await expectBounded(() => carriedDecisions(db, sitting), WALKS_THE_PAST);
  });

  it("one sitting's load (its parts and carry-over) reads only that sitting's rows", async () => {
    const sitting = await db.selectFrom('sittings').selectAll().where('number', '=', 40).executeTakeFirstOrThrow();
    await expectBounded(() => loadSitting(db, groupId, sitting.id));
  });

  it('the register: its first page, open decisions, overdue ones and one owner’s, in index order before the limit', async () => {
    const owner = await db.selectFrom('people').select('id').where('full_name', '=', HISTORY_PEOPLE[13]!).executeTakeFirstOrThrow();
    await expectBounded(() => listDecisions(db, groupId, {}, '2030-01-15'));
    await expectBounded(() => listDecisions(db, groupId, { status: 'open' }, '2030-01-15'));
    await expectBounded(() => listDecisions(db, groupId, { overdue: true }, '2030-01-15'));
    await expectBounded(() => listDecisions(db, groupId, { owner: owner.id }, '2030-01-15'));
  });

  it("a person's actions start from the decisions they own", async () => {
    const owner = await db.selectFrom('people').select('id').where('full_name', '=', HISTORY_PEOPLE[13]!).executeTakeFirstOrThrow();
    await expectBounded(() => personActions(db, groupId, owner.id, '2030-01-15'));
  });
});

// PostgreSQL's plan of search under row-level security: only leakproof conditions reach an index
// there, so the words' index (`~>=~`, `~<~`) must lead, not a walk of every row of the group.
describe.runIf(onPostgres)('search on PostgreSQL starts from its word index, in the scope of a group', () => {
  let pg: Db;
  let pgGroup: number;
  beforeAll(async () => {
    const url = await postgresTestDatabase();
    pg = await openDatabase(url);
    pgGroup = (await ensureGroup(pg)).id;
    for (const doc of historySittings(30, 30)) await importSitting(pg, pgGroup, SYSTEM, doc);
    // As autovacuum does in service; only the tables' owner may.
    const owner = openPostgres(url, { max: 1 });
    await sql`analyze`.execute(owner);
    await owner.destroy();
  }, 180_000);
  afterAll(async () => pg.destroy());

  it('a word with few hits reads its words from the index and fetches each hit by its key', async () => {
    const queries: CompiledQuery[] = [];
    const capture: KyselyPlugin = {
      transformQuery: (args) => {
        queries.push(pg.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const hits = await withGroupScope(pgGroup, () =>
      searchMinutes(pg.withPlugin(capture), pgGroup, SEARCH_WORD, { publicOnly: false, limit: 100 }),
    );
    expect(hits.filter((h) => h.kind === 'decision')).toHaveLength(SEARCH_DECISIONS);
    const searches = queries.filter((q) => /_words/u.test(q.sql));
    expect(searches).toHaveLength(2);
    for (const q of searches) {
      const plan = await withGroupScope(pgGroup, async () =>
        (await pg.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]))).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n'),
      );
      if (process.env.SHOW_PLANS) console.log(`${q.sql}\n${plan}`);
      expect(plan).toMatch(/Index (Only )?Scan (using|on) (agenda_item|decision)_words_group_word_idx/u);
      // Each hit by its key: no scan of the table, nor of the group's rows through its sittings.
      expect(plan).not.toMatch(/Seq Scan on (agenda_items|decisions)\b/u);
      expect(plan).not.toMatch(/Scan using \w+ on (agenda_items|decisions) \w+ .*\n\s+Index Cond: \(sitting_id/u);
      expect(plan).toMatch(/Index Scan using (agenda_items|decisions)_pkey/u);
    }
  });
});
