// A decision's owners are kept on its row as a list (decisions.owners) for every view of decisions:
// the list follows each change of the owners, and the migration fills it for the decisions there.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrator } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { onPostgres, postgresTestDatabase } from '../support/test-database.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Owner {
  personId: number | null;
  name: string;
}
type OwnerInput = { personId: number } | { name: string };

/** The stored list, and the list decision_owners holds, of one decision. */
async function lists(app: TestApp, id: number) {
  const row = await app.db.selectFrom('decisions').select('owners').where('id', '=', id).executeTakeFirstOrThrow();
  const rows = await app.db
    .selectFrom('decision_owners')
    .select(['person_id', 'name'])
    .where('decision_id', '=', id)
    .orderBy('ordinal')
    .execute();
  return { stored: JSON.parse(row.owners) as unknown, rows };
}

describe("a decision's stored owner list", () => {
  it('follows each change of the owners, and the register, actions and search show it', async () => {
    t = await testApp();
    const app = t;
    const person = (await app.call<{ id: number }>({ method: 'POST', url: '/api/people', payload: { fullName: 'Līga Ozola' } })).body;
    const sitting = (await app.call<{ id: number }>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    let decision = (
      await app.call<{ id: number; version: number; owners: Owner[] }>({
        method: 'POST',
        url: `/api/sittings/${sitting.id}/decisions`,
        payload: { text: 'Sagatavot pārskatu par ūdensrožu dīķi.', due: '2025-10-01' },
      })
    ).body;
    const shown = async () => {
      const register = (await app.call<Array<{ id: number; owners: Owner[] }>>({ method: 'GET', url: '/api/decisions' })).body;
      const actions = (
        await app.call<{ open: Array<{ decisionId: number; owners: string[] }> }>({
          method: 'GET',
          url: `/api/people/${person.id}/actions`,
        })
      ).body;
      const search = (
        await app.call<Array<{ kind: string; sittingId: number; owners: string[] }>>({ method: 'GET', url: '/api/search?q=udensrozu' })
      ).body;
      return {
        register: register.find((e) => e.id === decision.id)!.owners,
        actions: actions.open.find((a) => a.decisionId === decision.id)?.owners ?? null,
        search: search.find((hit) => hit.kind === 'decision' && hit.sittingId === sitting.id)!.owners,
      };
    };
    const setOwners = async (owners: OwnerInput[]) => {
      const res = await app.call<typeof decision>({
        method: 'PATCH',
        url: `/api/decisions/${decision.id}`,
        payload: { version: decision.version, owners },
      });
      expect(res.status).toBe(200);
      decision = res.body;
      const { stored, rows } = await lists(app, decision.id);
      expect(stored).toEqual(rows);
      expect(decision.owners.map((o) => o.personId ?? o.name)).toEqual(owners.map((o) => ('personId' in o ? o.personId : o.name)));
    };

    expect((await lists(app, decision.id)).stored).toEqual([]);
    await setOwners([{ personId: person.id }, { name: 'Cēsu klīnika' }]);
    const ozola = decision.owners[0]!.name;
    expect(ozola).toMatch(/Ozola/u);
    expect(await shown()).toEqual({
      register: [
        { personId: person.id, name: ozola },
        { personId: null, name: 'Cēsu klīnika' },
      ],
      actions: [ozola, 'Cēsu klīnika'],
      search: [ozola, 'Cēsu klīnika'],
    });
    await setOwners([{ name: 'Cēsu klīnika' }, { personId: person.id }]);
    expect((await shown()).register.map((o) => o.name)).toEqual(['Cēsu klīnika', ozola]);
    await setOwners([{ name: 'Cēsu klīnika' }]);
    expect(await shown()).toEqual({ register: [{ personId: null, name: 'Cēsu klīnika' }], actions: null, search: ['Cēsu klīnika'] });
    await setOwners([]);
    expect((await shown()).register).toEqual([]);
  });

  it('is filled by the migration from the owners already there, in their order', async () => {
    // On PostgreSQL the migrations run as the database's owner, not as the app's role.
    const key = `owner-list-${randomUUID()}`;
    t = await testApp('admin', onPostgres ? { databasePath: key } : {});
    const app = t;
    const sitting = (await app.call<{ id: number }>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    const decide = async (owners: OwnerInput[]) =>
      (
        await app.call<{ id: number }>({
          method: 'POST',
          url: `/api/sittings/${sitting.id}/decisions`,
          payload: { text: 'Sekot izpildei.', owners },
        })
      ).body.id;
    const withOwners = await decide([{ name: 'Bāriņtiesa' }, { name: 'Sociālais dienests' }]);
    const without = await decide([]);

    // Back to the schema before the list, and forward again: the list is rebuilt from decision_owners.
    const owner = onPostgres ? openPostgres(await postgresTestDatabase(key), { max: 1 }) : app.db;
    try {
      const { error } = await migrator(owner).migrateDown();
      expect(error).toBeUndefined();
      await migrateToLatest(owner);
    } finally {
      if (owner !== app.db) await owner.destroy();
    }

    expect((await lists(app, withOwners)).stored).toEqual([
      { person_id: null, name: 'Bāriņtiesa' },
      { person_id: null, name: 'Sociālais dienests' },
    ]);
    expect((await lists(app, without)).stored).toEqual([]);
    const register = (await app.call<Array<{ id: number; owners: Owner[] }>>({ method: 'GET', url: '/api/decisions' })).body;
    expect(register.find((e) => e.id === withOwners)!.owners.map((o) => o.name)).toEqual(['Bāriņtiesa', 'Sociālais dienests']);
  });
});
