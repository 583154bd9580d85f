// Links that carry their own credential (a calendar feed's token, a mail's signed link) are opened
// without a session, so the session cannot name the group: the service narrows the request's scope to
// the group the credential names, and on PostgreSQL row-level security then hides every other group's
// rows from the rest of the request, as it does for a session.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRequestScope, scopedGroup } from '../../server/db/group-scope.ts';
import { signLink } from '../../server/domain/mail.ts';
import { mailSecret } from '../../server/repositories/mail.ts';
import { createPerson } from '../../server/repositories/people.ts';
import { calendarByToken } from '../../server/services/actions.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { addGroup } from '../../server/services/group.ts';
import { outsidePage } from '../../server/services/mail/outside.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { onPostgres } from '../support/test-database.ts';

let t: TestApp;
let person: number;

beforeAll(async () => {
  t = await testApp('admin');
  person = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Elita Ozola' } })).body.id;
  const other = await addGroup(t.db, SYSTEM, { name: 'Otrā grupa', municipality: 'Otrais novads' });
  await createPerson(t.db, other.id, { fullName: 'Cita grupa Persona' });
});
afterAll(() => t.close());

/** Runs `fn` as a request does (a scope no session has narrowed yet); returns the group in scope after it and what `fn` saw. */
function asRequest<T>(fn: () => Promise<T>): Promise<{ scope: number | null; seen: T }> {
  return new Promise((resolve, reject) =>
    inRequestScope(() => {
      fn().then((seen) => resolve({ scope: scopedGroup(), seen }), reject);
    }),
  );
}

/** The groups whose people a query without a group filter returns. */
async function groupsVisible(): Promise<number[]> {
  const { rows } = await sql<{ group_id: number }>`select distinct group_id from people order by group_id`.execute(t.db);
  return rows.map((r) => Number(r.group_id));
}

describe('a link with its own credential narrows the request to its group', () => {
  it('the calendar feed, once its token is checked', async () => {
    const { url } = (await t.call({ method: 'POST', url: `/api/people/${person}/calendar-token` })).body;
    const token = new URL(url).searchParams.get('token')!;
    const { scope, seen } = await asRequest(async () => {
      await calendarByToken(t.db, person, token, 'localhost');
      return groupsVisible();
    });
    expect(scope).toBe(t.groupId);
    if (onPostgres) expect(seen).toEqual([t.groupId]);
  });

  it("a mail's signed link to the outside page", async () => {
    const token = signLink(await mailSecret(t.db), { purpose: 'outside', groupId: t.groupId, personId: person, expires: 4102444800 });
    const { scope, seen } = await asRequest(async () => {
      await outsidePage(t.db, token);
      return groupsVisible();
    });
    expect(scope).toBe(t.groupId);
    if (onPostgres) expect(seen).toEqual([t.groupId]);
  });

  it('a refused token leaves the scope as it was', async () => {
    const { scope } = await asRequest(async () => {
      await expect(calendarByToken(t.db, person, 'nav-derigs', 'localhost')).rejects.toThrow(/nav derīga/u);
    });
    expect(scope).toBeNull();
  });
});
