// Property: whatever a client sends to a write route — malformed or hostile bodies, params and
// headers — the answer is never a 500, a refused write leaves no trace, signed minutes never
// change, and no stored text holds a lone surrogate or a control character.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INTEGER, MAX_SITTING_NUMBER } from '../../server/domain/numbering.ts';
import { textProblem, type TextKind } from '../../server/domain/text-safety.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let signedId: number;
let ids: number[];
let draftId: number;
let decisionId: number;

beforeAll(async () => {
  t = await testApp('admin');
  signedId = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), signed: true } })).body.id;
  const draft = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: 8, date: '2025-09-08' } })).body
    .id;
  const s = (await t.call({ method: 'GET', url: `/api/sittings/${draft}` })).body;
  ids = [signedId, draft, s.agendaItems[0].id, s.decisions[0].id, s.attendance[0].id, 1, 2, 3];
  draftId = draft;
  decisionId = s.decisions[0].id;
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
  // Any UTF-16 code unit (lone surrogates, C0 controls, bidirectional controls among them), but
  // the replacement character, which is how a stored lone surrogate would read back.
  fc.string({
    unit: fc
      .integer({ min: 0, max: 0xffff })
      .filter((code) => code !== 0xfffd)
      .map((code) => String.fromCharCode(code)),
    maxLength: 20,
  }),
  fc.constantFrom(
    '',
    ' ',
    '2025-02-30',
    '99:99',
    '<script>alert(1)</script>',
    "'; drop table sittings; --",
    '\u0000',
    'Anna\u0000Ozola',
    '\ud800',
    'x\udfff',
    '\u0007\u001b[31m',
    'Anna \u202eOzola',
    '\u2066Rancāne\u2069',
    'ok\r\nok\tok',
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
  fc.constantFrom(0, -1, 2 ** 31 - 1, 2 ** 31, 9_999, 10_000, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 1.5, null, true, false),
  fc.array(fc.oneof(hostileString, fc.integer(), fc.object()), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const KEYS = [
  'version',
  'shortNameOverride',
  'position',
  'place',
  'sitting',
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
  fc.constantFrom('0', '-1', 'abc', '1.5', '99999999999999999999', '2147483648', '1e308', '%00', '%E2%80%AE', '1;drop'),
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

/**
 * Stored strings holding what no document may hold: a lone surrogate (stored as invalid UTF-8,
 * it reads back as U+FFFD) or a C0 control other than tab, LF and CR.
 */
function forbiddenText(tables: Record<string, unknown[]>): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  const bad = /[\ud800-\udfff\ufffd]|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u;
  return Object.entries(tables).flatMap(([table, rows]) =>
    rows.flatMap((row) =>
      Object.entries(row as Record<string, unknown>)
        .filter(([, v]) => typeof v === 'string' && bad.test(v))
        .map(([column]) => `${table}.${column}`),
    ),
  );
}

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
          const after = await snapshot(t.db);
          if (res.statusCode >= 400) expect(after).toEqual(before);
          else expect(forbiddenText(after), `${route.method} ${url} ${text?.slice(0, 200)}`).toEqual([]);
          expect(res.body).not.toMatch(/at .+\.ts:\d+|SqliteError|SQLITE_/);
        },
      ),
      { numRuns: 200, seed: 20261126 },
    );
    expect(await signedState()).toEqual(signedBefore);
  });

  /** A write whose body is valid but for one field, which carries the hostile value. */
  interface Target {
    url: () => string;
    field: string;
    body: (v: unknown) => object;
    rule: { text: TextKind } | { max: number };
  }
  const targets: Target[] = [
    { url: () => '/api/people', field: 'fullName', body: (v) => ({ fullName: v }), rule: { text: 'name' } },
    { url: () => '/api/people', field: 'position', body: (v) => ({ fullName: 'Anna Ozola', position: v }), rule: { text: 'name' } },
    {
      url: () => `/api/sittings/${draftId}/attendance`,
      field: 'name',
      body: (v) => ({ name: v, role: 'invited' }),
      rule: { text: 'name' },
    },
    {
      url: () => `/api/sittings/${draftId}/decisions`,
      field: 'owners[0].name',
      body: (v) => ({ text: 'Uzdot', owners: [{ name: v }] }),
      rule: { text: 'name' },
    },
    { url: () => `/api/sittings/${draftId}/agenda-items`, field: 'title', body: (v) => ({ title: v }), rule: { text: 'text' } },
    { url: () => `/api/sittings/${draftId}/decisions`, field: 'text', body: (v) => ({ text: v }), rule: { text: 'text' } },
    { url: () => `/api/decisions/${decisionId}/notes`, field: 'note', body: (v) => ({ note: v }), rule: { text: 'text' } },
    { url: () => '/api/sittings', field: 'place', body: (v) => ({ date: '2026-01-05', place: v }), rule: { text: 'text' } },
    { url: () => '/api/sittings', field: 'number', body: (v) => ({ date: '2026-01-05', number: v }), rule: { max: MAX_SITTING_NUMBER } },
    {
      url: () => `/api/sittings/${draftId}/decisions`,
      field: 'number',
      body: (v) => ({ text: 'Uzdot', number: v }),
      rule: { max: MAX_INTEGER },
    },
    {
      url: () => `/api/sittings/${draftId}/agenda-items`,
      field: 'position',
      body: (v) => ({ title: 'Par', position: v }),
      rule: { max: MAX_INTEGER },
    },
  ];
  const hugeNumber = fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(9_999, 10_000, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 1e308));

  it(
    'a value that breaks the text or number rules is refused with 400 naming its field; nothing forbidden is stored',
    { timeout: 180_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...targets)
            .chain((target) =>
              fc.tuple(fc.constant(target), 'text' in target.rule ? fc.oneof(hostileString, fc.string({ minLength: 1 })) : hugeNumber),
            ),
          async ([target, v]) => {
            const before = await snapshot(t.db);
            const res = await t.inject({ method: 'POST', url: target.url(), payload: target.body(v) });
            const breaks =
              'text' in target.rule ? typeof v === 'string' && textProblem(v, target.rule.text) !== null : (v as number) > target.rule.max;
            const what = `${target.url()} ${target.field}=${JSON.stringify(v)?.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            const after = await snapshot(t.db);
            if (breaks) {
              expect(res.statusCode, what).toBe(400);
              expect(res.json().field, what).toBe(target.field);
            }
            if (res.statusCode >= 400) expect(after, what).toEqual(before);
            else expect(forbiddenText(after), what).toEqual([]);
          },
        ),
        { numRuns: 150, seed: 20261126 },
      );
    },
  );
});

describe('hostile search queries', () => {
  /** Pieces of the FTS5 query language and of SQL, mixed with words the minutes hold. */
  const ftsSyntax = fc.constantFrom(
    '"',
    '""',
    '*',
    '-',
    '+',
    '^',
    ':',
    '(',
    ')',
    'NEAR',
    'NEAR(',
    'AND',
    'OR',
    'NOT',
    '{',
    '}',
    ',',
    "'",
    '%',
    '_',
    '\\',
  );
  const words = fc.constantFrom('ranca', 'Rancāne', 'kluba', 'title', 'search_text', 'agenda_items_fts', 'ā', '𝕏', '1');
  const query = fc.oneof(
    hostileString,
    fc.array(fc.oneof(ftsSyntax, words, hostileString), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
    fc.array(fc.oneof(ftsSyntax, words), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' ')),
  );

  it('any query is answered with hits or a 400 naming q, never a 500', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await t.inject({ method: 'GET', url: `/api/search?${new URLSearchParams({ q }).toString()}` });
        const what = `q=${JSON.stringify(q).slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect([200, 400], what).toContain(res.statusCode);
        if (res.statusCode === 200) expect(Array.isArray(res.json()), what).toBe(true);
        else expect(res.json().field, what).toMatch(/(^|\.)q$/u);
        expect(res.body, what).not.toMatch(/at .+\.ts:\d+|SqliteError|SQLITE_|fts5/u);
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
