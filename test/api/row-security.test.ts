// Row-level security on PostgreSQL (TEST_DB=postgres), connected as a superuser like CI: a query of the
// app that forgets its group filter still sees only the group in scope, for tables keyed by group and
// for their children, because the app's role is no superuser, has no BYPASSRLS and owns no table.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { withGroupScope } from '../../server/db/group-scope.ts';
import { openDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { APP_ROLE, POLICY } from '../../server/db/row-security.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { createUser } from '../../server/services/accounts.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { addGroup } from '../../server/services/group.ts';
import { logIn, TEST_PASSWORD, testHasher, withSession } from '../support/app.ts';
import { onPostgres, openTestDatabase, postgresTestDatabase } from '../support/test-database.ts';

describe.runIf(onPostgres)('row-level security on PostgreSQL', () => {
  let db: Db;
  let a: number;
  let b: number;
  beforeEach(async () => {
    db = await openTestDatabase();
    a = (await ensureGroup(db)).id;
    b = (await addGroup(db, SYSTEM, { name: 'Otrā sadarbības grupa', municipality: 'Otrais novads' })).id;
    const now = new Date().toISOString();
    for (const [group, name] of [
      [a, 'Anna no A'],
      [b, 'Bruno no B'],
    ] as const) {
      const person = await db
        .insertInto('people')
        .values({ group_id: group, full_name: name, is_member: 1, active: 1, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sitting = await db
        .insertInto('sittings')
        .values({
          group_id: group,
          number: 1,
          date: '2025-09-08',
          place: 'Cēsis',
          state: 'draft',
          chair_id: person.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('agenda_items')
        .values({ sitting_id: sitting.id, position: 1, title: `Jautājums ${name}`, proceedings: '', confidential: 0 })
        .execute();
    }
  });
  afterEach(async () => db.destroy());

  it('the URL names a superuser, yet the app runs as a role that is none, cannot bypass RLS and owns no table', async () => {
    const { rows } = await sql<{ session_super: boolean; current: string; super: boolean; bypass: boolean; owned: number }>`
      select (select rolsuper from pg_roles where rolname = session_user) as session_super, current_user as current,
        r.rolsuper as super, r.rolbypassrls as bypass,
        (select count(*) from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = current_user`.execute(db);
    expect(rows[0]).toEqual({ session_super: true, current: APP_ROLE, super: false, bypass: false, owned: 0 });
  });

  it('every table keyed by group, and every table under one, forces row-level security', async () => {
    const { rows } = await sql<{ name: string; forced: boolean }>`
      select c.relname as name, c.relrowsecurity and c.relforcerowsecurity as forced from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname not like 'kysely%'`.execute(db);
    const unforced = rows.filter((r) => !r.forced).map((r) => r.name);
    // Only host-wide tables are left open: login throttling keyed by HMACs, its secret, and the
    // secret that signs mail links (the link itself names its group).
    expect(unforced.sort()).toEqual(['login_failures', 'login_throttle_secret', 'mail_secret']);
  });

  it('a query with no group filter, run by the app in group A, returns nothing of group B', async () => {
    const people = await withGroupScope(a, () => db.selectFrom('people').select(['group_id', 'full_name']).execute());
    expect(people).toEqual([{ group_id: a, full_name: 'Anna no A' }]);
    const items = await withGroupScope(a, () => db.selectFrom('agenda_items').select('title').execute());
    expect(items.map((i) => i.title)).toEqual(['Jautājums Anna no A']);
    const groups = await withGroupScope(b, () => db.selectFrom('groups').select('id').execute());
    expect(groups.map((g) => g.id)).toEqual([b]);
    // The host (no group in scope) sees both.
    expect((await db.selectFrom('people').select('id').execute()).length).toBe(2);
  });

  it('group A cannot write a row of group B, nor change or delete one', async () => {
    const now = new Date().toISOString();
    await expect(
      withGroupScope(a, () =>
        db
          .insertInto('people')
          .values({ group_id: b, full_name: 'Iesmērēts', is_member: 0, active: 1, created_at: now, updated_at: now })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    const changed = await withGroupScope(a, () =>
      db.updateTable('people').set({ position: 'x' }).where('group_id', '=', b).executeTakeFirst(),
    );
    expect(changed.numUpdatedRows).toBe(0n);
    const deleted = await withGroupScope(a, () => db.deleteFrom('agenda_items').executeTakeFirst());
    expect(deleted.numDeletedRows).toBe(1n);
    expect((await db.selectFrom('agenda_items').select('title').execute()).map((i) => i.title)).toEqual(['Jautājums Bruno no B']);
  });

  it("a request runs in its session's group: an unfiltered query in a route sees that group's rows only", async () => {
    const app = await buildApp({ db, passwordHasher: testHasher() });
    app.get('/leak-probe', async () => (await db.selectFrom('people').select('full_name').execute()).map((p) => p.full_name));
    await app.ready();
    try {
      await createUser(db, b, { login: 'bruno', password: TEST_PASSWORD, role: 'admin', personId: null }, app.passwords);
      const session = await logIn(app, 'bruno');
      expect((await app.inject(withSession({ method: 'GET', url: '/leak-probe' }, session))).json()).toEqual(['Bruno no B']);
      // Without a session the request is the host's (a login looks accounts up across groups).
      expect((await app.inject({ method: 'GET', url: '/leak-probe' })).json()).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('a database whose policies an earlier version made gets the current ones at start, the old ones gone', async () => {
    const url = await postgresTestDatabase();
    const owner = openPostgres(url, { max: 1 });
    try {
      // As an earlier version left it: its policy's name, here with an expression that lets every row through.
      await sql`drop policy ${sql.id(POLICY)} on agenda_items`.execute(owner);
      await sql`create policy protokols_group_scope on agenda_items using (true)`.execute(owner);
      const opened = await openDatabase(url);
      await opened.destroy();
      const { rows } = await sql<{ name: string; qual: string }>`
        select polname as name, pg_get_expr(polqual, polrelid) as qual from pg_policy where polrelid = 'agenda_items'::regclass`.execute(
        owner,
      );
      expect(rows.map((r) => r.name)).toEqual([POLICY]);
      expect(rows[0]!.qual).toContain('current_setting');
      const { rows: current } = await sql<{ n: number }>`
        select count(*) as n from pg_policy where polname = ${POLICY}`.execute(owner);
      const { rows: stale } = await sql<{ n: number }>`
        select count(*) as n from pg_policy where polname <> ${POLICY}`.execute(owner);
      expect(current[0]!.n).toBeGreaterThan(20);
      expect(stale[0]!.n).toBe(0);
    } finally {
      await owner.destroy();
    }
  });

  it("a child's rows follow their parent's group through the parent's group index, with the same rows as before", async () => {
    const { rows } = await sql<{ qual: string }>`
      select pg_get_expr(polqual, polrelid) as qual from pg_policy where polrelid = 'agenda_items'::regclass`.execute(db);
    expect(rows[0]!.qual).toMatch(/p\.group_id = /u);
    // Each group's scope sees its own agenda item only, the host's both.
    for (const [group, title] of [
      [a, 'Jautājums Anna no A'],
      [b, 'Jautājums Bruno no B'],
    ] as const) {
      const items = await withGroupScope(group, () => db.selectFrom('agenda_items').select('title').execute());
      expect(items.map((i) => i.title)).toEqual([title]);
    }
    expect(await db.selectFrom('agenda_items').select('title').execute()).toHaveLength(2);
  });
});
