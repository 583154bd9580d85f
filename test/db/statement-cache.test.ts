import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { onPostgres } from '../support/test-database.ts';
import { withPlanStableParameters, withStatementCache } from '../../server/db/sqlite.ts';

// SQLite's own: the PostgreSQL run (TEST_DB=postgres) skips it.
describe.skipIf(onPostgres)('the SQLite statement cache', () => {
  let sqlite: SQLite.Database;
  afterEach(() => sqlite.close());

  function counted(capacity?: number) {
    sqlite = new SQLite(':memory:');
    sqlite.exec("create table t (id integer primary key, v text); insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
    let prepared = 0;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as typeof sqlite.prepare;
    return { db: withStatementCache(sqlite, capacity), prepared: () => prepared };
  }

  it('compiles each SQL text once and reuses its statement', () => {
    const { db, prepared } = counted();
    for (let i = 0; i < 5; i++) expect(db.prepare('select v from t where id = ?').all([2])).toEqual([{ v: 'b' }]);
    db.prepare('select count(*) as n from t').all([]);
    expect(prepared()).toBe(2);
  });

  it('when full, drops the statement used least recently, however long ago it was first compiled', () => {
    const { db, prepared } = counted(2);
    const [a, b, c] = ['select 1 as n', 'select 2 as n', 'select 3 as n'];
    for (const sql of [a, b, a, c]) db.prepare(sql).all([]);
    expect(prepared()).toBe(3);
    db.prepare(a).all([]);
    expect(prepared()).toBe(3);
    db.prepare(b).all([]);
    expect(prepared()).toBe(4);
    // b came back in place of c, the least recently used by then; a and b are kept.
    for (const sql of [a, b]) db.prepare(sql).all([]);
    expect(prepared()).toBe(4);
  });

  it('does not hand out a statement that is still being iterated', () => {
    const { db } = counted();
    const sql = 'select id from t order by id';
    const outer = db.prepare(sql).iterate([]);
    expect(outer.next().value).toEqual({ id: 1 });
    // The same SQL while the first is mid-way: a second statement, and both read to the end.
    expect(db.prepare(sql).all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect([...outer]).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('sees writes and schema changes made after a statement was kept', () => {
    const { db } = counted();
    expect(db.prepare('select * from t where id = ?').all([4])).toEqual([]);
    db.prepare('insert into t (id, v) values (?, ?)').run([4, 'd']);
    sqlite.exec('alter table t add column w text');
    expect(db.prepare('select * from t where id = ?').all([4])).toEqual([{ id: 4, v: 'd', w: null }]);
  });
});

describe.skipIf(onPostgres)('parameters written so that a plan never depends on their value (SQLite)', () => {
  it('puts a unary plus before each bound parameter, and only there', () => {
    expect(withPlanStableParameters('select * from t join u on u.id = t.u where t.id = ? and t.n in (?, ?) limit ?')).toBe(
      'select * from t join u on u.id = t.u where t.id = +? and t.n in (+?, +?) limit +?',
    );
    expect(withPlanStableParameters(`select '?', "a?b", [c?], \`d?\` from t -- why?\n where x = ?1 /* ? */`)).toBe(
      `select '?', "a?b", [c?], \`d?\` from t -- why?\n where x = +?1 /* ? */`,
    );
    expect(withPlanStableParameters("select 'it''s ?' where y = ?")).toBe("select 'it''s ?' where y = +?");
  });

  it('gives the same answers, through the same index', () => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec(
      "create table u (id integer primary key, name text); create table s (id text primary key, u integer); insert into u values (1, 'A'); insert into s values ('k', 1)",
    );
    const sql = 'select u.name from s join u on u.id = s.u where s.id = ?';
    expect(sqlite.prepare(withPlanStableParameters(sql)).all('k')).toEqual([{ name: 'A' }]);
    const plan = sqlite.prepare(`explain query plan ${withPlanStableParameters(sql)}`).all('k') as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' | ')).toMatch(/SEARCH s USING INDEX sqlite_autoindex_s_1 \(id=\?\)/);
    for (const [value, rows] of [
      ['', 0],
      ['k', 1],
      [null, 0],
    ] as const)
      expect(sqlite.prepare(withPlanStableParameters('select * from s where id = ?')).all(value)).toHaveLength(rows);
    sqlite.close();
  });
});
