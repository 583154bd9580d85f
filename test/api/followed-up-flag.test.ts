// "Followed up" (a deadline or an owner) is stored with each decision for the indexes: it follows
// every change of the deadline and the owners, and the migration sets it for existing decisions.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrator } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';
import { testApp, type TestApp } from '../support/app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('the stored followed-up flag', () => {
  it('follows each change of the deadline and the owners, as the register filter and its entries show', async () => {
    t = await testApp();
    const app = t;
    const sitting = (await app.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    let decision = (
      await app.call({ method: 'POST', url: `/api/sittings/${sitting.id}/decisions`, payload: { text: 'Pieņemt zināšanai.' } })
    ).body;
    const stands = async () => {
      const entries = (await app.call<Array<{ id: number; followedUp: boolean }>>({ method: 'GET', url: '/api/decisions' })).body;
      const filtered = (await app.call<Array<{ id: number }>>({ method: 'GET', url: '/api/decisions?followedUp=true' })).body;
      const shown = entries.find((e) => e.id === decision.id)!.followedUp;
      expect(filtered.some((e) => e.id === decision.id)).toBe(shown);
      return shown;
    };
    const patch = async (body: Record<string, unknown>) => {
      const res = await app.call({
        method: 'PATCH',
        url: `/api/decisions/${decision.id}`,
        payload: { version: decision.version, ...body },
      });
      expect(res.status).toBe(200);
      decision = res.body;
    };

    expect(await stands()).toBe(false);
    await patch({ due: '2025-10-01' });
    expect(await stands()).toBe(true);
    await patch({ due: null });
    expect(await stands()).toBe(false);
    await patch({ owners: [{ name: 'Cēsu klīnika' }] });
    expect(await stands()).toBe(true);
    await patch({ owners: [] });
    expect(await stands()).toBe(false);
  });

  it('is set by the migration for the decisions already there', async () => {
    const db = openSqlite(':memory:');
    try {
      await migrator(db).migrateTo('20261126T100000-frozen-sitting');
      // The group's row as the schema stood then (today's repositories write columns added later).
      await sql`insert into groups (id, name, name_genitive, municipality, default_place, minutes_settings, updated_at) values (1, 'Grupa', 'Grupas', 'Cēsu novads', 'Cēsīs', '{}', '')`.execute(
        db,
      );
      await sql`insert into sittings (id, group_id, number, date, place, updated_at) values (1, 1, 1, '2025-01-10', 'Cēsīs', '')`.execute(
        db,
      );
      await sql`insert into decisions (id, sitting_id, number, text, due) values (1, 1, 1, 'Ar termiņu', '2025-02-01'), (2, 1, 2, 'Ar atbildīgo', null), (3, 1, 3, 'Rezolūcija', null)`.execute(
        db,
      );
      await sql`insert into decision_owners (decision_id, ordinal, name) values (2, 1, 'Sociālais dienests')`.execute(db);
      await migrateToLatest(db);
      const rows = await db.selectFrom('decisions').select(['id', 'followed_up']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 1, followed_up: 1 },
        { id: 2, followed_up: 1 },
        { id: 3, followed_up: 0 },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
