// The "a refused write changes nothing" snapshot must see every table, including ones added later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp('admin');
});
afterAll(async () => t.close());

describe('the write snapshot', () => {
  it('covers every table of the schema except the migration bookkeeping', async () => {
    const tables = (await t.db.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
    expect(Object.keys(await snapshot(t.db)).sort()).toEqual(tables.sort());
    expect(tables).toEqual(expect.arrayContaining(['carried_decisions', 'sessions', 'minutes_signatures', 'login_failures']));
  });

  it('sees a new session and a new signature', async () => {
    const before = await snapshot(t.db);
    await t.loginAs('member');
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body;
    const { version } = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    expect((await t.call({ method: 'POST', url: `/api/sittings/${id}/sign`, payload: { version } })).status).toBe(200);
    const after = await snapshot(t.db);
    expect(after.sessions!.length).toBe(before.sessions!.length + 1);
    expect(after.minutes_signatures!.length).toBeGreaterThan(before.minutes_signatures!.length);
  });

  it('lists rows in a fixed order, so two snapshots of the same data are equal', async () => {
    expect(await snapshot(t.db)).toEqual(await snapshot(t.db));
  });
});
