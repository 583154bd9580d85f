// Search across all minutes through the SQLite FTS5 index: each word matches the words that start
// with it, all words must match, the index moves with every write in its transaction, and the
// planner answers from the index.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as searchFts from '../../migrations/20261126T211000-search-fts.ts';
import * as searchWords from '../../migrations/20261127T070000-search-words.ts';
import { compactSearchIndex, FEW_HITS, refreshAgendaItemSearch, searchMinutes } from '../../server/repositories/search-index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { expectWordsAgreeWithRows } from '../support/search-words.ts';
import { onPostgres, postgresTestDatabase } from '../support/test-database.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { secureRows } from '../../server/db/row-security.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let sittingId: number;
beforeEach(async () => {
  t = await testApp();
  sittingId = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
});
afterEach(async () => t.close());

interface Hit {
  kind: 'agendaItem' | 'decision';
  position: number;
  title: string | null;
  text: string;
}
const search = async (q: string) => {
  const res = await t.call<Hit[]>({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
  expect(res.status, q).toBe(200);
  return res.body;
};
const found = async (q: string) => (await search(q)).map((h) => `${h.kind} ${h.position}`);
const sitting = async () => (await t.call({ method: 'GET', url: `/api/sittings/${sittingId}` })).body;
/** FTS5's own check that its index holds exactly what the rows say. */
const indexAgreesWithRows = async () => {
  for (const table of ['agenda_items_fts', 'decisions_fts'])
    await t.db.executeQuery(CompiledQuery.raw(`insert into ${table}(${table}, rank) values ('integrity-check', 1)`));
};

/** The engine's index against the rows: FTS5's integrity check, or PostgreSQL's word tables. */
const engineIndexAgreesWithRows = () => (onPostgres ? expectWordsAgreeWithRows(t.db) : indexAgreesWithRows());

describe('the index and its transaction', () => {
  it('a write is in the index inside its transaction, and a rolled-back one leaves no trace', async () => {
    const item = (await sitting()).agendaItems[0];
    const groupId = (await t.db.selectFrom('sittings').select('group_id').where('id', '=', sittingId).executeTakeFirstOrThrow()).group_id;
    const scope = { publicOnly: false, limit: 100 };
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('agenda_items').set({ proceedings: 'Zīļuks.' }).where('id', '=', item.id).execute();
        await refreshAgendaItemSearch(trx, item.id);
        expect(await searchMinutes(trx, groupId, 'ziluks', scope)).toHaveLength(1);
        await trx.deleteFrom('decisions').where('sitting_id', '=', sittingId).execute();
        expect(await searchMinutes(trx, groupId, 'rancanei', scope)).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await found('ziluks')).toEqual([]);
    expect(await found('rancanei')).toEqual(['decision 2', 'decision 4']);
    await engineIndexAgreesWithRows();
  });
});

describe('search words', () => {
  it('a word finds the words that start with it, whatever their case and diacritics', async () => {
    expect(await found('ranca')).toEqual(['agendaItem 2', 'decision 2', 'decision 4']);
    expect(await found('RANCĀNEI')).toEqual(['decision 2', 'decision 4']);
    expect(await found('kārkliņ')).toEqual(await found('karklin'));
    // Prefixes only: the middle of a word is not a word.
    expect(await found('ancane')).toEqual([]);
  });

  it('every word must match, in any order', async () => {
    const { id } = (
      await t.call({
        method: 'POST',
        url: `/api/sittings/${sittingId}/decisions`,
        payload: { text: 'I.Kārkliņai sagatavot vecāku aptaujas anketu.' },
      })
    ).body;
    expect(id).toBeGreaterThan(0);
    const hits = await search('karklina anketu');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.text).toBe('I.Kārkliņai sagatavot vecāku aptaujas anketu.');
    expect(await search('anketu karklina')).toEqual(hits);
    expect(await search('karklina anketu nekas')).toEqual([]);
  });

  it('a query with no letter or digit finds nothing', async () => {
    expect(await search('%%')).toEqual([]);
    expect(await search('-- **')).toEqual([]);
  });

  it('syntax of the index’s query language is read as plain words, never as an error', async () => {
    for (const q of [
      '"ranca',
      'ranca"',
      'ranca*',
      '-ranca',
      'ranca -kluba',
      'NEAR(ranca kluba)',
      'title:ranca',
      '(ranca',
      'ranca)',
      'ranca OR',
      'AND ranca',
      'NOT',
      '^ranca',
      'ranca + kluba',
      "ranca'",
    ]) {
      const res = await t.call({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect(res.status, q).toBe(200);
    }
    expect(await found('"ranca')).toEqual(await found('ranca'));
    expect(await found('NEAR(ranca kluba)')).toEqual([]);
    expect(await found('(rotary kluba)')).toEqual(await found('rotary kluba'));
  });
});

// FTS5's index and plans are SQLite's; on PostgreSQL the same answers come from the rows themselves.
describe.skipIf(onPostgres)('the index moves with the writes (SQLite’s FTS5)', () => {
  it('an edit, a deleted item, decision or sitting are found or gone at once', async () => {
    const s = await sitting();
    const item = s.agendaItems[2];
    await t.call({
      method: 'PATCH',
      url: `/api/agenda-items/${item.id}`,
      payload: { version: item.version, proceedings: 'Zīļuks un Pūcīte.' },
    });
    expect(await found('ziluk pucit')).toEqual([`agendaItem ${item.position}`]);
    const edited = (await sitting()).agendaItems[2];
    expect((await t.inject({ method: 'DELETE', url: `/api/agenda-items/${item.id}?version=${edited.version}` })).statusCode).toBe(204);
    expect(await found('ziluk')).toEqual([]);

    const decision = s.decisions.find((d: { text: string }) => d.text.includes('Rotary'));
    expect(await found('rotary kluba')).toContain(`decision ${decision.number}`);
    expect((await t.inject({ method: 'DELETE', url: `/api/decisions/${decision.id}?version=${decision.version}` })).statusCode).toBe(204);
    expect(await found('rotary kluba')).not.toContain(`decision ${decision.number}`);
    await indexAgreesWithRows();

    const { version } = await sitting();
    expect((await t.inject({ method: 'DELETE', url: `/api/sittings/${sittingId}?version=${version}` })).statusCode).toBe(204);
    expect(await found('ranca')).toEqual([]);
    await indexAgreesWithRows();
  });

  it('a refused write leaves the index as it was', async () => {
    const item = (await sitting()).agendaItems[0];
    const before = await found('ranca');
    const res = await t.inject({
      method: 'PATCH',
      url: `/api/agenda-items/${item.id}`,
      payload: { version: item.version + 5, title: 'Zīļuks' },
    });
    expect(res.statusCode).toBe(409);
    expect(await found('ziluks')).toEqual([]);
    expect(await found('ranca')).toEqual(before);
  });
});

// Every write adds an FTS5 segment, and a search reads each one: the app folds them (at start and after a signature).
describe.skipIf(onPostgres)('the FTS5 index folded into one segment', () => {
  const segments = async () => {
    const counts: number[] = [];
    for (const table of ['agenda_items_fts_idx', 'decisions_fts_idx'])
      counts.push(
        (await t.db.executeQuery<{ n: number }>(CompiledQuery.raw(`select count(distinct segid) as n from ${table}`))).rows[0]!.n,
      );
    return counts;
  };

  it('edits add segments; folding leaves one in each index, finding the same', async () => {
    await compactSearchIndex(t.db);
    expect(await segments()).toEqual([1, 1]);
    for (const word of ['Zīļuks', 'Pūcīte', 'Ezītis']) {
      const item = (await sitting()).agendaItems[1];
      await t.call({
        method: 'PATCH',
        url: `/api/agenda-items/${item.id}`,
        payload: { version: item.version, proceedings: `${word} un Rancāns.` },
      });
      await t.call({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: `${word}am sagatavot atbildi.` } });
    }
    expect(Math.min(...(await segments()))).toBeGreaterThan(1);
    const before = [await found('ranca'), await found('ezit'), await found('ziluk')];
    await compactSearchIndex(t.db);
    expect(await segments()).toEqual([1, 1]);
    expect([await found('ranca'), await found('ezit'), await found('ziluk')]).toEqual(before);
    await indexAgreesWithRows();
  });

  it('a signature folds them: the signed text is final', async () => {
    const item = (await sitting()).agendaItems[1];
    await t.call({ method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: item.version, proceedings: 'Zīļuks.' } });
    await t.call({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'Pūcītei sagatavot atbildi.' } });
    expect(Math.min(...(await segments()))).toBeGreaterThan(1);
    expect(
      (await t.call({ method: 'POST', url: `/api/sittings/${sittingId}/sign`, payload: { version: (await sitting()).version } })).status,
    ).toBe(200);
    expect(await segments()).toEqual([1, 1]);
  });
});

// PostgreSQL's word index (migration search-words): triggers keep it in step with every write.
describe.runIf(onPostgres)('the word index moves with the writes (PostgreSQL)', () => {
  it("an item's text, a decision's text and owners, and deletes: the new words are found and the old ones gone", async () => {
    const s = await sitting();
    const item = s.agendaItems[2];
    expect(
      (
        await t.call({
          method: 'PATCH',
          url: `/api/agenda-items/${item.id}`,
          payload: { version: item.version, title: 'Zīļuks un Pūcīte' },
        })
      ).status,
    ).toBe(200);
    expect(await found('ziluk pucit')).toEqual([`agendaItem ${item.position}`]);
    const retitled = (await sitting()).agendaItems[2];
    const patch = { version: retitled.version, title: 'Vārnas' };
    expect((await t.call({ method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: patch })).status).toBe(200);
    expect(await found('ziluk')).toEqual([]);
    expect(await found('varnas')).toEqual([`agendaItem ${item.position}`]);
    await expectWordsAgreeWithRows(t.db);

    const decision = s.decisions.find((d: { text: string }) => d.text.includes('Rotary'));
    expect(await found('rotary kluba')).toContain(`decision ${decision.number}`);
    const edited = await t.call({
      method: 'PATCH',
      url: `/api/decisions/${decision.id}`,
      payload: { version: decision.version, text: 'Sazināties ar Lauvu klubu.', owners: [{ name: 'Ž.Vārnele' }] },
    });
    expect(edited.status).toBe(200);
    expect(await found('rotary kluba')).not.toContain(`decision ${decision.number}`);
    expect(await found('lauvu klubu')).toEqual([`decision ${decision.number}`]);
    expect(await found('varnel')).toEqual([`decision ${decision.number}`]);
    for (const owner of decision.owners as Array<{ name: string }>)
      expect(await found(owner.name), owner.name).not.toContain(`decision ${decision.number}`);
    await expectWordsAgreeWithRows(t.db);

    const renamed = await t.call<{ version: number }>({
      method: 'PATCH',
      url: `/api/decisions/${decision.id}`,
      payload: { version: edited.body.version, owners: [{ name: 'O.Pūce' }] },
    });
    expect(renamed.status).toBe(200);
    expect(await found('varnel')).toEqual([]);
    expect(await found('puce')).toEqual([`decision ${decision.number}`]);

    const current = (await sitting()).agendaItems[2];
    expect((await t.inject({ method: 'DELETE', url: `/api/agenda-items/${item.id}?version=${current.version}` })).statusCode).toBe(204);
    expect(await found('varnas')).toEqual([]);
    expect((await t.inject({ method: 'DELETE', url: `/api/decisions/${decision.id}?version=${renamed.body.version}` })).statusCode).toBe(
      204,
    );
    expect(await found('lauvu')).toEqual([]);
    await expectWordsAgreeWithRows(t.db);

    const { version } = await sitting();
    expect((await t.inject({ method: 'DELETE', url: `/api/sittings/${sittingId}?version=${version}` })).statusCode).toBe(204);
    expect(await found('ranca')).toEqual([]);
    const { rows } = await sql<{
      n: number;
    }>`select (select count(*) from agenda_item_words) + (select count(*) from decision_words) as n`.execute(t.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('the migration fills the words from the rows already there, and takes them away again', async () => {
    // Its own database, to migrate as the owner: the app's role may not make tables.
    const key = `search-words-${randomUUID()}`;
    const own = await testApp('admin', { databasePath: key });
    const owner = openPostgres(await postgresTestDatabase(key), { max: 1 });
    try {
      expect((await own.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).status).toBe(201);
      const ownFound = async (q: string) =>
        (await own.call<Hit[]>({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })).body.map(
          (h) => `${h.kind} ${h.position}`,
        );
      const before = await ownFound('ranca kluba');
      expect(before.length).toBeGreaterThan(0);
      await searchWords.down(owner);
      const { rows } = await sql`select 1 from pg_class where relname in ('agenda_item_words', 'decision_words')`.execute(owner);
      expect(rows).toEqual([]);
      await searchWords.up(owner);
      await secureRows(owner);
      await expectWordsAgreeWithRows(own.db);
      expect(await ownFound('ranca kluba')).toEqual(before);
    } finally {
      await owner.destroy();
      await own.close();
    }
  });
});

describe.skipIf(onPostgres)('the word index (PostgreSQL’s) is not made on SQLite', () => {
  it('the migration leaves SQLite as it was', async () => {
    const tables = async () => (await sql<{ name: string }>`select name from sqlite_master order by name`.execute(t.db)).rows;
    const before = await tables();
    await searchWords.up(t.db);
    await searchWords.down(t.db);
    expect(await tables()).toEqual(before);
    expect(before.map((r) => r.name)).not.toContain('agenda_item_words');
  });
});

describe.skipIf(onPostgres)('the query plan (SQLite’s FTS5)', () => {
  // A database file, so that a second handle that logs each statement as executed (its parameters
  // bound) can read what the app wrote: the search's statements are compiled once, then only bound.
  let dir: string;
  let file: string;
  beforeEach(async () => {
    await t.close();
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-search-plan-'));
    file = path.join(dir, 'protokols.db');
    t = await testApp('admin', { databasePath: file });
    sittingId = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The hits, the plans of the statements that fetch their rows, and how many statements read an FTS5 index. */
  const plans = async (query: string, scope: { publicOnly: boolean; sittingIds?: number[] }) => {
    const groupId = (await t.db.selectFrom('sittings').select('group_id').where('id', '=', sittingId).executeTakeFirstOrThrow()).group_id;
    const queries: CompiledQuery[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(file) }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    try {
      const hits = await searchMinutes(logged, groupId, query, { ...scope, limit: 100 });
      expect(hits.length).toBeGreaterThan(0);
      const indexReads = queries.filter((q) => /_fts"? match/u.test(q.sql)).length;
      const searches = queries.filter((q) => /\border by\b/u.test(q.sql));
      const explained = [];
      for (const q of searches)
        explained.push(
          (await logged.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]))).rows.map(
            (r) => r.detail,
          ),
        );
      return { explained, indexReads, hits };
    } finally {
      await logged.destroy();
    }
  };
  const neverScans = /\bSCAN (a|d|s|agenda_items|decisions|sittings)\b/u;

  it('with few hits, reads the FTS5 index first and fetches each hit by its key, never walking the group', async () => {
    for (const scope of [{ publicOnly: false }, { publicOnly: true, sittingIds: [sittingId] }]) {
      const { explained, indexReads } = await plans('klinikas', scope);
      // Both hit lists come from one statement, and the rows are fetched by their keys: the index is read once.
      expect(indexReads).toBe(1);
      expect(explained).toHaveLength(2);
      for (const plan of explained) {
        expect(plan[0], plan.join('\n')).toMatch(/^SCAN h VIRTUAL TABLE INDEX \d+:/u);
        expect(plan.join('\n')).not.toMatch(neverScans);
        expect(
          plan.filter((step) => /^SEARCH (a|d|s) /u.test(step)).every((step) => step.includes('INTEGER PRIMARY KEY')),
          plan.join('\n'),
        ).toBe(true);
      }
    }
  });

  it('with many hits, walks the group newest first by its indexes and matches through the FTS5 index', async () => {
    const [agenda] = (await sitting()).agendaItems;
    await t.db.executeQuery(
      CompiledQuery.raw(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i <= ${FEW_HITS})
         insert into decisions (sitting_id, number, text, status, agenda_item_id, search_text)
         select ${sittingId}, 100 + i, 'Bieži vārdi', 'open', ${agenda.id}, 'biezi vardi' from n`,
      ),
    );
    const { explained, indexReads, hits } = await plans('biezi', { publicOnly: false });
    // The first hundred of the thousand and one, in order.
    expect(hits.map((h) => `${h.kind} ${h.position}`)).toEqual(Array.from({ length: 100 }, (_, i) => `decision ${101 + i}`));
    // No agenda item has the word, so none is asked for; the decisions have many hits: the group's
    // sittings come first for them, and the FTS5 index, read again, says which of their decisions match.
    expect(indexReads).toBe(2);
    expect(explained).toHaveLength(1);
    const [decisionsPlan] = explained;
    expect(decisionsPlan!.join('\n')).not.toMatch(neverScans);
    expect(decisionsPlan![0], decisionsPlan!.join('\n')).toMatch(/^SEARCH s USING (COVERING )?INDEX/u);
    expect(decisionsPlan!.join('\n')).toMatch(/VIRTUAL TABLE INDEX \d+:M/u);
    await indexAgreesWithRows();
  });
});

describe.skipIf(onPostgres)('the migration (SQLite’s FTS5)', () => {
  const ftsTables = async () =>
    (
      await t.db.executeQuery<{ name: string }>(
        CompiledQuery.raw("select name from sqlite_master where name in ('agenda_items_fts', 'decisions_fts') or name like '%fts_%'"),
      )
    ).rows.map((r) => r.name);

  it('fills the index from the rows already there, and takes it away again', async () => {
    const before = await found('ranca kluba');
    await searchFts.down(t.db);
    expect(await ftsTables()).toEqual([]);
    await searchFts.up(t.db);
    expect(await ftsTables()).toEqual(expect.arrayContaining(['agenda_items_fts', 'decisions_fts', 'agenda_items_fts_update']));
    expect(await found('ranca kluba')).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
    await indexAgreesWithRows();
  });

  it('does nothing on PostgreSQL (not even connect)', async () => {
    const connect = async () => {
      throw new Error('the migration used the database');
    };
    const pg = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: connect as never }) });
    await expect(searchFts.up(pg)).resolves.toBeUndefined();
    await expect(searchFts.down(pg)).resolves.toBeUndefined();
  });
});
