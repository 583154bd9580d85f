// Property: whatever a client sends to a write route — malformed or hostile bodies, params and
// headers — the answer is never a 500, a refused write leaves no trace, and signed minutes
// never change.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let signedId: number;
let ids: number[];

beforeAll(async () => {
  t = await testApp('admin');
  signedId = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), signed: true } })).body.id;
  const draft = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: 8, date: '2025-09-08' } })).body
    .id;
  const s = (await t.call({ method: 'GET', url: `/api/sittings/${draft}` })).body;
  ids = [signedId, draft, s.agendaItems[0].id, s.decisions[0].id, s.attendance[0].id, 1, 2, 3];
});
afterAll(async () => t.close());

async function signedState() {
  const tables = await snapshot(t.db);
  const mine = (rows: unknown[], key: string, values: Set<number>) =>
    rows.filter((r) => values.has((r as Record<string, number>)[key] as number));
  const decisions = new Set(mine(tables.decisions ?? [], 'sitting_id', new Set([signedId])).map((d) => (d as { id: number }).id));
  return {
    sitting: mine(tables.sittings ?? [], 'id', new Set([signedId])),
    attendance: mine(tables.attendance ?? [], 'sitting_id', new Set([signedId])),
    agenda: mine(tables.agenda_items ?? [], 'sitting_id', new Set([signedId])),
    decisions: mine(tables.decisions ?? [], 'sitting_id', new Set([signedId])).map((d) => ({
      ...(d as object),
      current_status: undefined,
      current_due: undefined,
    })),
    owners: mine(tables.decision_owners ?? [], 'decision_id', decisions),
    minutes: mine(tables.signed_minutes ?? [], 'sitting_id', new Set([signedId])),
  };
}

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '2025-02-30',
    '99:99',
    '<script>alert(1)</script>',
    "'; drop table sittings; --",
    '\u0000',
    '𝕏'.repeat(300),
    'ā'.repeat(3000),
    '../../etc/passwd',
    'NaN',
    '-1',
    '1e309',
  ),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, null, true, false),
  fc.array(fc.oneof(hostileString, fc.integer(), fc.object()), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const KEYS = [
  'version',
  'date',
  'number',
  'title',
  'text',
  'owners',
  'due',
  'status',
  'to',
  'role',
  'name',
  'personId',
  'decisionId',
  'reason',
  'note',
  'fullName',
  'proceedings',
  'confidential',
  'agendaItemId',
  'chairId',
  'endTime',
  'startTime',
  'password',
  'login',
  'minutes',
  'format',
  'members',
  'agenda',
  'decisions',
  '__proto__',
  'constructor',
];
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }),
  fc.record(
    { version: fc.constantFrom(1, 2, 3, 999), title: hostileString, text: hostileString, date: hostileString },
    { requiredKeys: [] },
  ),
  value,
);
const param = fc.oneof(
  fc.constantFrom(...[1, 2, 3, 8]).map(String),
  fc.constantFrom('0', '-1', 'abc', '1.5', '99999999999999999999', '%00', '1;drop'),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/pdf',
  'multipart/form-data; boundary=x',
  undefined,
);

describe('hostile input to every write route', () => {
  it('never a 500, never a partial write, never a change to signed minutes', { timeout: 180_000 }, async () => {
    const writes = t.app.apiRoutes.filter((r) => r.method !== 'GET' && !r.url.startsWith('/api/session'));
    expect(writes.length).toBeGreaterThan(20);
    const signedBefore = await signedState();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        body,
        param,
        param,
        contentType,
        fc.boolean(),
        async (route, payload, id, n, type, raw) => {
          const url = route.url.replace(':id', raw ? id : String(ids[Number(id) % ids.length] ?? id)).replace(':n', n);
          const before = await snapshot(t.db);
          const text = payload === undefined ? undefined : JSON.stringify(payload);
          const res = await t.inject({
            method: route.method as 'POST',
            url: `${url}${route.method === 'DELETE' ? `?version=${encodeURIComponent(String(n))}` : ''}`,
            headers: type === undefined ? {} : { 'content-type': type },
            ...(text === undefined ? {} : { payload: text }),
          });
          expect(res.statusCode, `${route.method} ${url} ${text?.slice(0, 200)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(await snapshot(t.db)).toEqual(before);
          expect(res.body).not.toMatch(/at .+\.ts:\d+|SqliteError|SQLITE_/);
        },
      ),
      { numRuns: 200, seed: 20261126 },
    );
    expect(await signedState()).toEqual(signedBefore);
  });
});
