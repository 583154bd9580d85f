import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../server/db/sqlite.ts';

describe('the SQLite statement cache', () => {
  let sqlite: SQLite.Database;
  afterEach(() => sqlite.close());

  function counted() {
    sqlite = new SQLite(':memory:');
    sqlite.exec("create table t (id integer primary key, v text); insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
    let prepared = 0;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as typeof sqlite.prepare;
    return { db: withStatementCache(sqlite), prepared: () => prepared };
  }

  it('compiles each SQL text once and reuses its statement', () => {
    const { db, prepared } = counted();
    for (let i = 0; i < 5; i++) expect(db.prepare('select v from t where id = ?').all([2])).toEqual([{ v: 'b' }]);
    db.prepare('select count(*) as n from t').all([]);
    expect(prepared()).toBe(2);
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
