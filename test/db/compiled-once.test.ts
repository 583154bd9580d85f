import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Executor } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { compiledOnce } from '../../server/repositories/rows.ts';

const AT = '2026-11-27T00:00:00Z';

describe('a query compiled once and bound at each run', () => {
  let db: Db;
  let groupId: number;
  beforeAll(async () => {
    db = openSqlite(':memory:');
    await migrateToLatest(db);
    groupId = (await ensureGroup(db)).id;
    await db
      .insertInto('people')
      .values(
        ['Elita Rancāne', 'Ieva Kārkliņa', 'Jānis Bērziņš'].map((full_name, i) => ({
          group_id: groupId,
          full_name,
          is_member: 1,
          active: i === 2 ? 0 : 1,
          created_at: AT,
          updated_at: AT,
        })),
      )
      .execute();
  });
  afterAll(() => db.destroy());

  let builds = 0;
  const people = compiledOnce((d: Executor, group: number, active: number, after: string) => {
    builds++;
    return d
      .selectFrom('people')
      .select('full_name')
      .where('group_id', '=', group)
      .where('active', '=', active)
      .where('full_name', '>', after)
      .where('full_name', '!=', 'nobody')
      .orderBy('full_name');
  });

  it('binds each run’s values in their places, next to the constants the query holds', async () => {
    expect((await people(db, groupId, 1, 'A')).map((p) => p.full_name)).toEqual(['Elita Rancāne', 'Ieva Kārkliņa']);
    expect((await people(db, groupId, 1, 'F')).map((p) => p.full_name)).toEqual(['Ieva Kārkliņa']);
    expect((await people(db, groupId, 0, 'A')).map((p) => p.full_name)).toEqual(['Jānis Bērziņš']);
    expect(await people(db, groupId + 1, 1, 'A')).toEqual([]);
    expect(builds).toBe(1);
  });

  it('compiles again for another database handle (a transaction), with the same answers', async () => {
    const inside = await db.transaction().execute((trx) => people(trx, groupId, 1, 'F'));
    expect(inside.map((p) => p.full_name)).toEqual(['Ieva Kārkliņa']);
    expect(builds).toBe(2);
  });

  it('refuses a build that does not pass every argument on as a value', async () => {
    const careless = compiledOnce((d: Executor, _group: number) => d.selectFrom('people').select('id').where('group_id', '=', 1));
    await expect(careless(db, groupId)).rejects.toThrow(/parameters/);
  });
});
